// Hostile and broken source files the analyser must survive: extreme nesting, huge lines,
// files over the size limit, binary bytes, invalid UTF-8, BOM-only, CRLF, empty and half-typed code.
// Shared by the unit, fuzz and protocol tiers so that all three face the same inputs.

/** Levels of nesting in the deep files: far past the lowering limit (400) and any recursion depth. */
export const DEEP = 50_000;

export interface PathologicalFile {
  /** File name, with the extension that decides the language. */
  name: string;
  bytes: Buffer;
  /** What a scan must do with it: analyse it (maybe with a note) or skip it with this reason. */
  expect: "analysed" | "too-large" | "binary";
}

const AI_CALL_PY = 'client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])';

function text(name: string, content: string): PathologicalFile {
  return { name, bytes: Buffer.from(content, "utf8"), expect: "analysed" };
}

/** Python statement nesting: one more space of indentation per level, as deep as fits well under 1 MiB. */
function deepPythonBlocks(levels: number): string {
  const lines: string[] = [];
  for (let i = 0; i < levels; i++) lines.push(`${" ".repeat(i)}if x${i}:`);
  lines.push(`${" ".repeat(levels)}print(x)`);
  return lines.join("\n") + "\n";
}

// The deep files import an AI SDK, as real AI code would: a workspace scan's pre-filter would
// otherwise (rightly) leave them unparsed, and the nesting guard would go untested there.
const PY_HEAD = "import openai\n";
const JS_HEAD = 'import OpenAI from "openai";\n';

export function pathologicalFiles(): PathologicalFile[] {
  const open = (s: string) => s.repeat(DEEP);
  return [
    // Deep nesting, Python.
    text("deep_parens.py", `${PY_HEAD}x = ${open("(")}1${open(")")}\n`),
    text("deep_lists.py", `${PY_HEAD}x = ${open("[")}${open("]")}\n`),
    text("deep_calls.py", `from openai import OpenAI\nclient = OpenAI()\nq = input()\nx = ${open("f(")}${AI_CALL_PY}${open(")")}\nprint(x)\n`),
    text("deep_ifs.py", `${PY_HEAD}x = ${open("a if b else (")}c${open(")")}\n`),
    text("deep_blocks.py", PY_HEAD + deepPythonBlocks(1_200)),
    // Deep nesting, JavaScript and TypeScript.
    text("deep_parens.js", `${JS_HEAD}const x = ${open("(")}1${open(")")};\n`),
    text("deep_arrays.js", `${JS_HEAD}const x = ${open("[")}${open("]")};\n`),
    text("deep_calls.js", `${JS_HEAD}const x = ${open("f(")}1${open(")")};\n`),
    text("deep_ifs.js", `${JS_HEAD}${open("if (a) {")}${open("}")}\n`),
    text("deep_objects.ts", `${JS_HEAD}const x = ${open("{a:")}1${open("}")};\n`),
    text("deep_arrows.mjs", `${JS_HEAD}export const f = ${open("() => ")}1;\n`),
    text("deep_jsx.tsx", `${JS_HEAD}export const P = () => ${open("<div>")}x${open("</div>")};\n`),
    // One line of about 1 MB (under the 1 MiB limit, so it is analysed).
    text("long_line.py", `x = "${"a".repeat(999_990)}"\n`),
    text("long_line.ts", `const xs = [${"1,".repeat(200_000)}]; const s = "${"b".repeat(590_000)}";\n`),
    // Over the size limit: skipped, with the reason in coverage.
    { name: "too_large.py", bytes: Buffer.from(`# ${"a".repeat(1_100_000)}\n`), expect: "too-large" },
    // Binary content behind a source extension.
    { name: "binary.py", bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x10, 0x00, 0x41]), expect: "binary" },
    { name: "binary.js", bytes: Buffer.concat([Buffer.from("const a = 1;\n"), Buffer.alloc(64, 0), Buffer.from([0x89, 0x50, 0x4e, 0x47])]), expect: "binary" },
    // Invalid UTF-8 (a truncated sequence, an overlong form and stray continuation bytes).
    { name: "invalid_utf8.py", bytes: Buffer.concat([Buffer.from('q = "'), Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0xc0, 0xaf, 0x80, 0xbf]), Buffer.from('"\nprint(q)\n')]), expect: "analysed" },
    { name: "invalid_utf8.ts", bytes: Buffer.concat([Buffer.from("const s = `"), Buffer.from([0xed, 0xa0, 0x80, 0xf8, 0x88]), Buffer.from("`;\nconsole.log(s);\n")]), expect: "analysed" },
    // A byte-order mark and nothing else.
    { name: "bom_only.py", bytes: Buffer.from([0xef, 0xbb, 0xbf]), expect: "analysed" },
    { name: "bom_only.js", bytes: Buffer.from([0xef, 0xbb, 0xbf]), expect: "analysed" },
    // Windows line ends around a real finding.
    text("crlf.py", ["from flask import Flask, request", "from openai import OpenAI", "app = Flask(__name__)", "client = OpenAI()", "", '@app.post("/chat")', "def chat():", '    q = request.json["q"]', `    r = ${AI_CALL_PY}`, "    return r.choices[0].message.content", ""].join("\r\n")),
    text("crlf.ts", ['import express from "express";', 'import OpenAI from "openai";', "const app = express();", "const client = new OpenAI();", 'app.post("/chat", async (req, res) => {', '  const r = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: req.body.q }] });', "  res.json({ answer: r.choices[0].message.content });", "});", ""].join("\r\n")),
    // Empty files.
    text("empty.py", ""),
    text("empty.ts", ""),
    // Half-typed code, as an editor sends it mid-keystroke.
    text("half_typed.py", `from openai import OpenAI\nclient = OpenAI(\ndef ask(q:\n    return ${AI_CALL_PY.slice(0, 60)}\n`),
    text("half_typed.tsx", 'import OpenAI from "openai";\nexport default async function Page() {\n  const r = await new OpenAI().chat.completions.create({ model: "m", messages: [{ role: "user", content: `hi ${\n  return <div>{r.choices[0].message.content</div\n'),
  ];
}

/** The language id an editor would send for a file name. */
export function languageIdOf(file: string): string {
  if (file.endsWith(".py")) return "python";
  if (file.endsWith(".tsx")) return "typescriptreact";
  if (file.endsWith(".jsx")) return "javascriptreact";
  return /\.[mc]?ts$/.test(file) ? "typescript" : "javascript";
}
