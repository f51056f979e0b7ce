// The editor snippets (snippets/*.json): their JSON shape, the expander the tests use, and that code
// written from each snippet satisfies the rule it is for while the same program without it does not.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import ts from "typescript";
import { ready, scanFolder } from "../harness/analysis";
import { syntaxErrorCount } from "../harness/fixes";
import { editorVariables, expandSnippet, snippetChoices, snippetVariables } from "../harness/snippets";

const ROOT = path.resolve(__dirname, "../../..");

type SnippetLanguage = "python" | "javascript";

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
  scope?: string;
}

const PREFIXES = ["genai-disclose", "genai-consent-log", "genai-redact", "genai-watermark", "genai-env-key", "genai-responses-private"];
/** Snippets for Python libraries only (Presidio). */
const PYTHON_ONLY = ["genai-presidio-hk"];

function snippetFile(language: SnippetLanguage): Record<string, Snippet> {
  return JSON.parse(readFileSync(path.join(ROOT, "snippets", `${language}.json`), "utf8")) as Record<string, Snippet>;
}

function snippetFor(language: SnippetLanguage, prefix: string): Snippet {
  const found = Object.values(snippetFile(language)).find((s) => ([] as string[]).concat(s.prefix).includes(prefix));
  assert.ok(found, `${language} has no snippet with prefix ${prefix}`);
  return found;
}

function languageOf(file: string): SnippetLanguage {
  return file.endsWith(".py") ? "python" : "javascript";
}

/** The text the snippet inserts into `file` with every placeholder at its default (or the choices given). */
function expanded(prefix: string, file: string, choices: Record<number, string> = {}): string {
  return expandSnippet(snippetFor(languageOf(file), prefix).body, { variables: editorVariables(file), choices });
}

interface Analysis {
  syntaxErrors: number;
  findings: Array<{ rule: string; line: number; message: string }>;
}

/** Scans `text` as the only file of a fresh workspace. */
function analyse(file: string, text: string): Analysis {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-snippet-"));
  writeFileSync(path.join(dir, file), text);
  const findings = scanFolder(dir).report.findings.map((f) => ({ rule: f.rule, line: f.line, message: f.message }));
  return { syntaxErrors: syntaxErrorCount(file, text), findings };
}

function describeFindings(findings: Analysis["findings"], text: string): string {
  const lines = text.split("\n");
  return findings.map((f) => `${f.rule} line ${f.line}: ${f.message}\n    ${lines[f.line - 1]?.trim()}`).join("\n");
}

const FAKE_OPENAI_KEY = ["sk", "proj", "Tq7Xw2Lm9Rb4Kc8Vn3Hs6Pd1Zf5Gy0Je"].join("-");

/**
 * A program that uses a snippet the way it is meant to be used. `snippet` is the expanded body, or
 * undefined for the same program without the snippet's step; `name` is the helper the snippet defines.
 */
interface Scenario {
  prefix: string;
  /** File names to analyse the program as; the extension picks the language. */
  files: string[];
  /** Rules the snippet is for: none with it, every one of them without it. */
  rules: string[];
  /** The tabstop whose choices name the helper the program calls. */
  nameTabstop?: number;
  defaultName?: string;
  program(snippet: string | undefined, name: string): string;
}

const SCENARIOS: Scenario[] = [
  // ---------------------------------------------------------------- Python
  {
    prefix: "genai-disclose",
    files: ["app.py"],
    rules: ["DIS001"],
    nameTabstop: 1,
    program: (snippet, name) => `from flask import Flask, jsonify, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()

${snippet ?? ""}

@app.post("/ask")
def ask():
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": request.json["question"]}],
    )
    answer = completion.choices[0].message.content
    return jsonify(answer=${snippet ? `${name}(answer)` : "answer"})
`,
  },
  {
    prefix: "genai-consent-log",
    files: ["app.py"],
    rules: ["CON001", "CON002"],
    program: (snippet) => `import logging

from flask import Flask, jsonify, request
from openai import OpenAI

from .models import User, db

app = Flask(__name__)
client = OpenAI()

${snippet ?? ""}

@app.post("/ask")
def ask():
    body = request.get_json()
    ${snippet ? 'log_prompt_with_consent(body["user_id"], body["question"])' : 'logging.getLogger("ai.prompts").info("AI prompt", extra={"prompt": body["question"]})'}
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": body["question"]}],
    )
    return jsonify(answer=completion.choices[0].message.content, ai_generated=True)


@app.post("/settings/prompt-logging")
def prompt_logging_settings():
    body = request.get_json()
    user = User.query.get(body["user_id"])
    user.prompt_logging_consent = body["granted"]
    ${snippet ? "record_ai_consent(user.id, user.prompt_logging_consent)" : "db.session.add(user)"}
    db.session.commit()
    return jsonify(ok=True)
`,
  },
  {
    prefix: "genai-redact",
    files: ["app.py"],
    rules: ["PII001"],
    nameTabstop: 1,
    program: (snippet, name) => `from fastapi import FastAPI
from openai import OpenAI
from pydantic import BaseModel

app = FastAPI()
client = OpenAI()

${snippet ?? ""}

class Enquiry(BaseModel):
    customer_phone: str
    message: str


@app.post("/enquiries/summary")
def summarise(enquiry: Enquiry):
    prompt = f"Summarise this enquiry from {enquiry.customer_phone}: {enquiry.message}"
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": ${snippet ? `${name}(prompt)` : "prompt"}}],
    )
    return {"summary": completion.choices[0].message.content, "ai_generated": True}
`,
  },
  {
    prefix: "genai-watermark",
    files: ["app.py"],
    rules: ["WMK001"],
    defaultName: "embed_ai_provenance",
    program: (snippet, name) => `import base64

from fastapi import FastAPI
from fastapi.responses import Response
from openai import OpenAI

app = FastAPI()
client = OpenAI()

${snippet ?? ""}

@app.post("/poster")
def poster(prompt: str):
    result = client.images.generate(model="gpt-image-1", prompt=prompt)
    png = base64.b64decode(result.data[0].b64_json)
    return Response(content=${snippet ? `${name}(png)` : "png"}, media_type="image/png", headers={"X-AI-Generated": "true"})
`,
  },
  {
    prefix: "genai-env-key",
    files: ["assistant.py"],
    rules: ["SEC001"],
    program: (snippet) => `from openai import OpenAI

${snippet ?? `api_key = "${FAKE_OPENAI_KEY}"`}

client = OpenAI(api_key=api_key)


def draft_reply(question):
    completion = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
    return completion.choices[0].message.content
`,
  },
  {
    prefix: "genai-presidio-hk",
    files: ["scrub.py"],
    rules: ["GRD001"],
    nameTabstop: 1,
    program: (snippet, name) => `from openai import OpenAI
from presidio_analyzer import AnalyzerEngine
from presidio_anonymizer import AnonymizerEngine

client = OpenAI()
anonymizer = AnonymizerEngine()

${snippet ?? ""}

analyzer = ${snippet ? `${name}()` : "AnalyzerEngine()"}


def ask(message):
    results = analyzer.analyze(text=message, language="en")
    redacted = anonymizer.anonymize(text=message, analyzer_results=results).text
    completion = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": redacted}])
    return completion.choices[0].message.content
`,
  },
  {
    prefix: "genai-responses-private",
    files: ["app.py"],
    rules: ["CON004"],
    nameTabstop: 1,
    program: (snippet, name) => `from flask import Flask, jsonify, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()

${snippet ?? ""}

@app.post("/ask")
def ask():
    answer = ${snippet ? `${name}(client, request.json["question"])` : `client.responses.create(model="gpt-4.1-mini", input=request.json["question"]).output_text`}
    return jsonify(answer=answer, ai_generated=True)
`,
  },
  // ---------------------------------------------------------------- JavaScript / TypeScript
  {
    prefix: "genai-disclose",
    files: ["server.js", "server.ts"],
    rules: ["DIS001"],
    nameTabstop: 1,
    program: (snippet, name) => `import express from "express";
import OpenAI from "openai";

const app = express();
app.use(express.json());
const openai = new OpenAI();

${snippet ?? ""}

app.post("/api/ask", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: req.body.question }],
  });
  const answer = completion.choices[0].message.content;
  res.json({ answer: ${snippet ? `${name}(answer)` : "answer"} });
});

export default app;
`,
  },
  {
    prefix: "genai-disclose",
    files: ["Summary.jsx", "Summary.tsx"],
    rules: ["DIS001"],
    nameTabstop: 1,
    program: (snippet, name) => `"use client";
import { useCompletion } from "@ai-sdk/react";

${snippet ?? ""}

export default function Summary() {
  const { completion, input, handleInputChange, handleSubmit } = useCompletion({ api: "/api/summary" });
  return (
    <form onSubmit={handleSubmit}>
      <input value={input} onChange={handleInputChange} />
      <p>{${snippet ? `${name}(completion)` : "completion"}}</p>
    </form>
  );
}
`,
  },
  {
    prefix: "genai-consent-log",
    files: ["server.js", "server.ts"],
    rules: ["CON001", "CON002"],
    program: (snippet) => `import express from "express";
import OpenAI from "openai";
import { prisma } from "./db";

const app = express();
app.use(express.json());
const openai = new OpenAI();

${snippet ?? ""}

app.post("/api/ask", async (req, res) => {
  const { userId, question } = req.body;
  ${snippet ? "logPromptWithConsent(userId, question);" : 'console.info("AI prompt", { userId, question });'}
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
  res.json({ answer: completion.choices[0].message.content, aiGenerated: true });
});

app.post("/api/settings/prompt-logging", async (req, res) => {
  const { userId, granted } = req.body;
  await prisma.user.update({ where: { id: userId }, data: { promptLoggingConsent: granted } });
  ${snippet ? "recordAiConsent(userId, granted);" : ""}
  res.json({ ok: true });
});

export default app;
`,
  },
  {
    prefix: "genai-redact",
    files: ["route.js", "route.ts"],
    rules: ["PII001"],
    nameTabstop: 1,
    program: (snippet, name) => `import { NextResponse } from "next/server";
import OpenAI from "openai";

const openai = new OpenAI();

${snippet ?? ""}

export async function POST(request) {
  const { customerEmail, message } = await request.json();
  const prompt = \`Draft a reply to \${customerEmail} about: \${message}\`;
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: ${snippet ? `${name}(prompt)` : "prompt"} }],
  });
  return NextResponse.json({ reply: completion.choices[0].message.content, aiGenerated: true });
}
`,
  },
  {
    prefix: "genai-watermark",
    files: ["server.js", "server.ts"],
    rules: ["WMK001"],
    defaultName: "embedAiProvenance",
    program: (snippet, name) => `import express from "express";
import OpenAI from "openai";

const app = express();
app.use(express.json());
const openai = new OpenAI();

${snippet ?? ""}

app.post("/api/poster", async (req, res) => {
  const image = await openai.images.generate({ model: "gpt-image-1", prompt: req.body.prompt });
  const png = Buffer.from(image.data[0].b64_json, "base64");
  res.set("X-AI-Generated", "true").type("png").send(${snippet ? `${name}(png)` : "png"});
});

export default app;
`,
  },
  {
    prefix: "genai-env-key",
    files: ["assistant.js", "assistant.ts"],
    rules: ["SEC001"],
    program: (snippet) => `import OpenAI from "openai";

${snippet ?? `const apiKey = "${FAKE_OPENAI_KEY}";`}

const openai = new OpenAI({ apiKey });

export async function draftReply(question) {
  const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: question }] });
  return completion.choices[0].message.content;
}
`,
  },
  {
    prefix: "genai-responses-private",
    files: ["server.js", "server.ts"],
    rules: ["CON004"],
    nameTabstop: 1,
    program: (snippet, name) => `import express from "express";
import OpenAI from "openai";

const app = express();
app.use(express.json());
const client = new OpenAI();

${snippet ?? ""}

app.post("/ask", async (req, res) => {
  const options = { model: "gpt-4.1-mini", input: req.body.question };
  const response = await client.responses.create(${snippet ? `${name}(options)` : "options"});
  res.json({ answer: response.output_text, aiGenerated: true });
});
`,
  },
];

/** Every combination of choices worth trying: the defaults, then each other option of each choice tabstop. */
function choiceVariants(prefix: string, file: string): Array<Record<number, string>> {
  const variants: Array<Record<number, string>> = [{}];
  for (const [index, options] of snippetChoices(snippetFor(languageOf(file), prefix).body)) {
    for (const option of options.slice(1)) variants.push({ [index]: option });
  }
  return variants;
}

function helperName(scenario: Scenario, file: string, choices: Record<number, string>): string {
  if (scenario.nameTabstop === undefined) return scenario.defaultName ?? "";
  return choices[scenario.nameTabstop] ?? snippetChoices(snippetFor(languageOf(file), scenario.prefix).body).get(scenario.nameTabstop)![0];
}

// ---------------------------------------------------------------- running the snippets' code

/** Runs an expanded JS snippet and returns the bindings named in `exports`; `globals` stand in for console, process. */
function runJs(code: string, exports: string[], globals: Record<string, unknown> = {}): Record<string, any> {
  const names = Object.keys(globals);
  const run = new Function(...names, `${code}\nreturn { ${exports.join(", ")} };`) as (...args: unknown[]) => Record<string, any>;
  return run(...names.map((n) => globals[n]));
}

const PYTHON = spawnSync("python3", ["--version"]).status === 0 ? "python3" : undefined;

/** Runs a Python snippet followed by `driver`; the driver reads JSON from stdin and prints JSON. */
function runPython(code: string, driver: string, input: unknown = null, env: Record<string, string | undefined> = process.env): { output: any; stderr: string; status: number | null } {
  const script = `${code}\n\nimport json as _json, sys as _sys\n_input = _json.load(_sys.stdin)\n${driver}\n`;
  const r = spawnSync(PYTHON!, ["-c", script], { input: JSON.stringify(input), encoding: "utf8", env: env as NodeJS.ProcessEnv });
  return { output: r.status === 0 && r.stdout.trim() ? JSON.parse(r.stdout) : undefined, stderr: r.stderr, status: r.status };
}

/** Text with personal data in Hong Kong formats, and what the redaction snippets must turn it into. */
const REDACTION_CASES: Array<[string, string]> = [
  ["身份證號碼A123456(7)，電話+852 9123 4567，電郵chan.taiman@gmail.com。", "身份證號碼[HKID]，電話[PHONE]，電郵[EMAIL]。"],
  ["HKID AB987654(3) and Y1234567 on file", "HKID [HKID] and [HKID] on file"],
  ["全形：Ａ１２３４５６（７）、６１２３－４５６７", "全形：[HKID]、[PHONE]"],
  ["Call 852-6123-4567, (852) 2123 4567 or 31234567.", "Call [PHONE], [PHONE] or [PHONE]."],
  ["+85251234567", "[PHONE]"],
  // Not personal data: a leading 4 or 1, nine digits, a model id's date, a short code.
  ["41234567, 12345678, 912345678, claude-3-5-sonnet-20241022, order A1234 for HK$5,000", "41234567, 12345678, 912345678, claude-3-5-sonnet-20241022, order A1234 for HK$5,000"],
];

/** CRC-32 as PNG defines it, table-driven (the snippets compute it bit by bit). */
function crc32(bytes: Uint8Array): number {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const b of bytes) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A valid 1x1 grey PNG. */
const TINY_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])),
  pngChunk("IDAT", deflateSync(Buffer.from([0, 0x80]))),
  pngChunk("IEND", Buffer.alloc(0)),
]);

function pngChunks(png: Uint8Array): Array<{ type: string; data: Buffer; crcValid: boolean }> {
  const buf = Buffer.from(png);
  assert.deepEqual([...buf.subarray(0, 8)], [...TINY_PNG.subarray(0, 8)], "PNG signature");
  const chunks: Array<{ type: string; data: Buffer; crcValid: boolean }> = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const typeAndData = buf.subarray(at + 4, at + 8 + length);
    chunks.push({ type: typeAndData.subarray(0, 4).toString("latin1"), data: Buffer.from(typeAndData.subarray(4)), crcValid: buf.readUInt32BE(at + 8 + length) === crc32(typeAndData) });
    at += 12 + length;
  }
  return chunks;
}

/** What a marked PNG must look like: the original chunks, with a valid tEXt label right after IHDR. */
function assertMarked(marked: Uint8Array, label: string): void {
  const chunks = pngChunks(marked);
  assert.deepEqual(chunks.map((c) => c.type), ["IHDR", "tEXt", "IDAT", "IEND"]);
  assert.ok(chunks.every((c) => c.crcValid), "every chunk's CRC is valid");
  assert.equal(chunks[1].data.toString("latin1"), `AI-Generated\u0000${label}`);
  const original = pngChunks(TINY_PNG);
  assert.deepEqual(chunks[2].data, original[1].data, "image data unchanged");
}

describe("snippets", function () {
  this.timeout(60000);
  before(ready);

  describe("code written from them", () => {
    for (const scenario of SCENARIOS) {
      for (const file of scenario.files) {
        it(`${scenario.prefix} in ${file}: no ${scenario.rules.join("/")} with it, and the finding without it`, () => {
          const name = helperName(scenario, file, {});
          const withSnippet = scenario.program(expanded(scenario.prefix, file), name);
          const compliant = analyse(file, withSnippet);
          assert.equal(compliant.syntaxErrors, 0, `syntax errors in\n${withSnippet}`);
          assert.deepEqual(compliant.findings, [], `findings with the snippet:\n${describeFindings(compliant.findings, withSnippet)}`);

          const without = scenario.program(undefined, name);
          const bare = analyse(file, without);
          assert.equal(bare.syntaxErrors, 0, `syntax errors in\n${without}`);
          for (const rule of scenario.rules) {
            assert.ok(bare.findings.some((f) => f.rule === rule), `${rule} not reported without the snippet:\n${describeFindings(bare.findings, without)}\n${without}`);
          }
        });
      }
    }

    for (const scenario of SCENARIOS) {
      const file = scenario.files[scenario.files.length - 1];
      const variants = choiceVariants(scenario.prefix, file).slice(1);
      if (variants.length === 0) continue;
      it(`${scenario.prefix} in ${file}: every choice it offers still gives no findings`, () => {
        for (const choices of variants) {
          const text = scenario.program(expanded(scenario.prefix, file, choices), helperName(scenario, file, choices));
          const result = analyse(file, text);
          assert.equal(result.syntaxErrors, 0, `syntax errors with ${JSON.stringify(choices)}`);
          assert.deepEqual(result.findings, [], `findings with ${JSON.stringify(choices)}:\n${describeFindings(result.findings, text)}`);
        }
      });
    }
  });
  describe("files", () => {
    const ALLOWED_KEYS = new Set(["prefix", "body", "description", "scope"]);
    for (const language of ["python", "javascript"] as const) {
      it(`${language}.json has the snippets of every pattern, well formed, each described in English and Traditional Chinese`, () => {
        const snippets = snippetFile(language);
        const prefixes: string[] = [];
        for (const [name, snippet] of Object.entries(snippets)) {
          assert.ok(name.startsWith("genai-lint: "), `${name}: names start with "genai-lint: " so they group in the picker`);
          for (const key of Object.keys(snippet)) assert.ok(ALLOWED_KEYS.has(key), `${name}: unknown key ${key}`);
          const prefix = ([] as unknown[]).concat(snippet.prefix);
          assert.ok(prefix.length > 0 && prefix.every((p) => typeof p === "string" && /^genai-[a-z-]+$/.test(p)), `${name}: prefix`);
          prefixes.push(...(prefix as string[]));
          const body = ([] as unknown[]).concat(snippet.body);
          assert.ok(body.length > 0 && body.every((l) => typeof l === "string"), `${name}: body is a string or an array of strings`);
          assert.equal(typeof snippet.description, "string", `${name}: description`);
          const [english, chinese] = snippet.description.split(" / ");
          assert.match(english ?? "", /^[A-Z][^\u4e00-\u9fff]+ \(Guideline [\d., ]+\)$/, `${name}: English half of the description`);
          assert.match(chinese ?? "", /[\u4e00-\u9fff].*（指引 [\d.、 ]+）$/, `${name}: Traditional Chinese half of the description`);
          assert.match((body as string[]).join("\n"), /Hong Kong Generative AI Guideline \d/, `${name}: the inserted code names the guideline section it serves`);
          for (const variable of snippetVariables(snippet.body)) assert.ok(variable === "TM_FILENAME", `${name}: uses the editor variable ${variable}`);
        }
        assert.deepEqual([...prefixes].sort(), [...PREFIXES, ...(language === "python" ? PYTHON_ONLY : [])].sort());
      });
    }

    it("are contributed for Python and the four JavaScript/TypeScript languages", () => {
      const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
      const contributed = new Map<string, string>((manifest.contributes?.snippets ?? []).map((s: { language: string; path: string }) => [s.language, path.normalize(s.path)]));
      assert.deepEqual(Object.fromEntries(contributed), {
        python: path.normalize("snippets/python.json"),
        javascript: path.normalize("snippets/javascript.json"),
        typescript: path.normalize("snippets/javascript.json"),
        javascriptreact: path.normalize("snippets/javascript.json"),
        typescriptreact: path.normalize("snippets/javascript.json"),
      });
    });

    it("type the JavaScript helpers only in TypeScript files, and those type-check under strict", () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-snippet-ts-"));
      const files = PREFIXES.map((prefix) => {
        const file = path.join(dir, `${prefix}.ts`);
        writeFileSync(file, `${expanded(prefix, `${prefix}.ts`)}\nexport {};\n`);
        assert.doesNotMatch(expanded(prefix, `${prefix}.js`), /:\s*(unknown|Uint8Array)\b/, `${prefix}: no type annotations in a .js file`);
        return file;
      });
      assert.match(readFileSync(files[0], "utf8"), /content: unknown/);
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        lib: ["lib.es2022.d.ts"],
        types: ["node"],
        typeRoots: [path.join(ROOT, "node_modules/@types")],
        skipLibCheck: true,
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
      assert.deepEqual(diagnostics, []);
    });
  });

  describe("expander", () => {
    const vars = editorVariables("route.ts");

    it("expands tabstops, placeholders, choices, mirrors and escapes as the editor does", () => {
      assert.equal(expandSnippet(String.raw`a ${"$"}{1:x} $1 ${"$"}{2|p,q|} $2 \$ \} \\ \n $0`), String.raw`a x x p p $ } \ \n `);
      assert.equal(expandSnippet("${1:outer ${2:inner}} $2"), "outer inner inner");
      assert.equal(expandSnippet(["line $1", "${1:one}"]), "line one\none");
      assert.equal(expandSnippet(String.raw`${"$"}{1|a\,b,c\|d|}`), "a,b");
      assert.equal(expandSnippet("${1|x,y|} $1", { choices: { 1: "y" } }), "y y");
      assert.equal(expandSnippet("cost $ 5, ${ spaced } and $-1"), "cost $ 5, ${ spaced } and $-1");
    });

    it("expands variables, defaults and transforms", () => {
      assert.equal(expandSnippet("$TM_FILENAME_BASE ${TM_FILENAME} ${UNSET_VAR:fallback}", { variables: vars }), "route route.ts fallback");
      assert.equal(expandSnippet("${TM_FILENAME/(.*)\\.ts$/${1:/upcase}/}", { variables: vars }), "ROUTE");
      assert.equal(expandSnippet("${TM_FILENAME/(.*)\\.(py)$|.*/${2:?python:other}/}", { variables: vars }), "other");
      assert.equal(expandSnippet("${TM_FILENAME/(x)?.*/${1:-none}/}", { variables: vars }), "none");
      assert.equal(expandSnippet("${TM_FILENAME/(^.*\\.tsx?$)|.*/${1:+: unknown}/}", { variables: vars }), ": unknown");
      assert.equal(expandSnippet("${TM_FILENAME/(^.*\\.tsx?$)|.*/${1:+: unknown}/}", { variables: editorVariables("route.js") }), "");
    });

    it("rejects what the editor would silently turn into text", () => {
      // A JS template literal's ${...} must be written \${...} in a snippet.
      assert.throws(() => expandSnippet("return `${content}`;"), /unknown snippet variable \$content/);
      assert.throws(() => expandSnippet("${1:never closed"), /expected `\}`/);
      assert.throws(() => expandSnippet("${1|a,b}"), /unterminated choice/);
      assert.throws(() => expandSnippet("${1|a,b|}", { choices: { 1: "c" } }), /no choice "c"/);
    });
  });

  describe("the code they insert", () => {
    it("genai-redact masks HKID, Hong Kong phone numbers and e-mail in JavaScript, and nothing else", () => {
      for (const name of snippetChoices(snippetFor("javascript", "genai-redact").body).get(1)!) {
        const redact = runJs(expanded("genai-redact", "redact.js", { 1: name }), [name])[name] as (text: unknown) => string;
        for (const [input, output] of REDACTION_CASES) assert.equal(redact(input), output, `${name}(${JSON.stringify(input)})`);
      }
    });

    it("genai-redact masks the same in Python", function () {
      if (!PYTHON) this.skip();
      const r = runPython(expanded("genai-redact", "redact.py"), "print(_json.dumps([redact_personal_data(t) for t in _input]))", REDACTION_CASES.map((c) => c[0]));
      assert.deepEqual(r.output, REDACTION_CASES.map((c) => c[1]), r.stderr);
    });

    it("genai-disclose appends a bilingual AI-generated label (JavaScript and Python)", function () {
      const label = runJs(expanded("genai-disclose", "label.js"), ["labelAiGenerated"]).labelAiGenerated as (content: unknown) => string;
      assert.equal(label("您好，預約已確認。"), "您好，預約已確認。\n\n(AI-generated / 由人工智能生成)");
      if (!PYTHON) return;
      const r = runPython(expanded("genai-disclose", "label.py"), "print(_json.dumps(label_ai_generated(_input)))", "您好，預約已確認。");
      assert.equal(r.output, "您好，預約已確認。\n\n(AI-generated / 由人工智能生成)", r.stderr);
    });

    it("genai-watermark embeds a valid tEXt provenance chunk in a PNG and refuses other media (JavaScript)", () => {
      assert.equal(crc32(Buffer.from("123456789")), 0xcbf43926, "the test's CRC-32 is the standard one");
      const embed = runJs(expanded("genai-watermark", "media.js"), ["embedAiProvenance"]).embedAiProvenance as (media: Uint8Array) => Uint8Array;
      assertMarked(embed(new Uint8Array(TINY_PNG)), "AI-generated");
      assertMarked(embed(TINY_PNG), "AI-generated");
      assert.throws(() => embed(Buffer.from("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000 not a png, an mp3 header and more bytes")), /expects a PNG/);
    });

    it("genai-watermark does the same in Python", function () {
      if (!PYTHON) this.skip();
      const code = expanded("genai-watermark", "media.py");
      const r = runPython(code, "import base64\nprint(_json.dumps(base64.b64encode(embed_ai_provenance(base64.b64decode(_input))).decode()))", TINY_PNG.toString("base64"));
      assert.equal(r.status, 0, r.stderr);
      assertMarked(Buffer.from(r.output, "base64"), "AI-generated");
      const refused = runPython(code, "embed_ai_provenance(b'RIFF' + bytes(40))");
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, /ValueError: embed_ai_provenance expects a PNG/);
    });

    it("genai-consent-log logs a prompt only after consent is recorded with purpose and time, and stops when it is withdrawn (JavaScript)", () => {
      const logged: unknown[][] = [];
      const api = runJs(expanded("genai-consent-log", "consent.js"), ["recordAiConsent", "hasAiConsent", "logPromptWithConsent"], {
        console: { info: (...args: unknown[]) => logged.push(args) },
      });
      const prompts = () => logged.filter((l) => l[0] === "AI prompt").map((l) => (l[1] as { prompt: unknown }).prompt);
      api.logPromptWithConsent("u1", "before consent");
      const before = Date.now();
      const record = api.recordAiConsent("u1", true);
      assert.deepEqual({ ...record, recordedAt: undefined }, { subjectId: "u1", purpose: "ai_prompt_logging", granted: true, recordedAt: undefined });
      assert.ok(Math.abs(Date.parse(record.recordedAt) - before) < 5000, "recordedAt is the time of the decision");
      assert.deepEqual(logged.find((l) => l[0] === "consent decision")?.[1], record, "the decision is written to the audit log");
      api.logPromptWithConsent("u1", "with consent");
      api.logPromptWithConsent("u2", "someone else");
      api.logPromptWithConsent("u1", "other purpose", "marketing");
      api.recordAiConsent("u1", false);
      api.logPromptWithConsent("u1", "after withdrawal");
      assert.deepEqual(prompts(), ["with consent"]);
      assert.equal(api.hasAiConsent("u1"), false);
      // The consent quick-fix reuses a helper with this name and calls it without arguments.
      assert.equal(api.hasAiConsent(), false);
    });

    it("genai-consent-log does the same in Python", function () {
      if (!PYTHON) this.skip();
      const driver = `import logging
import datetime
_seen = []
class _Capture(logging.Handler):
    def emit(self, r):
        _seen.append({"logger": r.name, "message": r.getMessage(), "prompt": getattr(r, "prompt", None), "purpose": getattr(r, "purpose", None), "recorded_at": getattr(r, "recorded_at", None)})
logging.getLogger().addHandler(_Capture())
logging.getLogger().setLevel(logging.INFO)
log_prompt_with_consent("u1", "before consent")
_record = record_ai_consent("u1", True)
log_prompt_with_consent("u1", "with consent")
log_prompt_with_consent("u2", "someone else")
log_prompt_with_consent("u1", "other purpose", "marketing")
record_ai_consent("u1", False)
log_prompt_with_consent("u1", "after withdrawal")
assert has_ai_consent() is False  # as the consent quick-fix calls a helper of this name
_age = (datetime.datetime.now(datetime.timezone.utc) - datetime.datetime.fromisoformat(_record["recorded_at"])).total_seconds()
print(_json.dumps({"seen": _seen, "record": _record, "age": _age}))`;
      const r = runPython(expanded("genai-consent-log", "consent.py"), driver);
      assert.equal(r.status, 0, r.stderr);
      const seen = r.output.seen as Array<{ logger: string; message: string; prompt: string | null; purpose: string | null; recorded_at: string | null }>;
      assert.deepEqual(seen.filter((s) => s.message === "AI prompt").map((s) => s.prompt), ["with consent"]);
      const decisions = seen.filter((s) => s.message === "consent decision");
      assert.equal(decisions.length, 2);
      assert.ok(decisions.every((d) => d.logger === "consent.audit" && d.purpose === "ai_prompt_logging" && d.recorded_at), "each decision is audited with purpose and time");
      assert.ok(r.output.age >= 0 && r.output.age < 5, "recorded_at is the time of the decision");
    });

    it("genai-env-key reads the key from the environment and names the variable when it is missing (JavaScript)", () => {
      for (const variable of snippetChoices(snippetFor("javascript", "genai-env-key").body).get(1)!) {
        const code = expanded("genai-env-key", "key.js", { 1: variable });
        assert.equal(runJs(code, ["apiKey"], { process: { env: { [variable]: "from-the-environment" } } }).apiKey, "from-the-environment");
        assert.throws(() => runJs(code, ["apiKey"], { process: { env: {} } }), new RegExp(`^Error: ${variable} is not set: `));
      }
    });

    it("genai-env-key does the same in Python", function () {
      if (!PYTHON) this.skip();
      const code = expanded("genai-env-key", "key.py", { 1: "ANTHROPIC_API_KEY" });
      const env = { ...process.env, ANTHROPIC_API_KEY: undefined };
      const set = runPython(code, "print(_json.dumps(api_key))", null, { ...env, ANTHROPIC_API_KEY: "from-the-environment" });
      assert.equal(set.output, "from-the-environment", set.stderr);
      const missing = runPython(code, "print(_json.dumps(api_key))", null, env);
      assert.notEqual(missing.status, 0);
      assert.match(missing.stderr, /RuntimeError: ANTHROPIC_API_KEY is not set: /);
    });
  });
});
