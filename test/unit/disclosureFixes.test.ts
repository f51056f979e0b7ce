// The preferred DIS001 fix never changes data a program reads (resolved question 23): a field in a JSON
// payload, a header, or a visible label element comes first; a label appended to a string inside a JSON
// payload is unsafe, so fix-all (the first safe fix of each finding) never applies it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sharedSuite } from "../conformance/suites";
import { ready, scanFolder } from "../harness/analysis";

const FIXTURES = path.resolve(__dirname, "../../../test/fixtures/rules/DIS001");
const FIELD = /^Add an AI-generated field/;
const HEADER = /^Add an X-AI-Generated header/;
const LABEL_ELEMENT = /^Add a visible AI-generated label/;
const WRAP = /^Label as AI-generated/;

let findings: ReturnType<typeof scanFolder>["analysis"]["findings"] = [];

/** The fixes of the DIS001 finding on a line of a fixture, in order. */
function titles(file: string, line: number): Array<{ title: string; applicability: string }> {
  const abs = path.join(FIXTURES, file).split(path.sep).join("/");
  const text = readFileSync(abs, "utf8");
  const finding = findings.find((f) => f.file === abs && f.ruleId === "DIS001" && text.slice(0, f.start).split("\n").length === line);
  assert.ok(finding, `no DIS001 finding at ${file}:${line}`);
  return finding.fixes.map((f) => ({ title: f.title.en, applicability: f.applicability }));
}

describe("DIS001 quick-fixes", function () {
  this.timeout(60000);
  before(async () => {
    await ready();
    findings = scanFolder(FIXTURES, { onlyRules: ["DIS001"] }).analysis.findings;
  });

  it("prefers a field for JSON payloads and offers the appended label only as unsafe, last", () => {
    for (const [file, line] of [["responses.ts", 19], ["responses.ts", 52], ["responses.py", 20], ["express_and_jsx.tsx", 16]] as const) {
      const fixes = titles(file, line);
      assert.match(fixes[0].title, FIELD, `${file}:${line}`);
      assert.equal(fixes[0].applicability, "safe");
      const wrap = fixes.findIndex((f) => WRAP.test(f.title));
      assert.equal(wrap, fixes.length - 1, `${file}:${line}: the appended label comes last`);
      assert.equal(fixes[wrap].applicability, "unsafe", `${file}:${line}`);
    }
  });

  it("prefers a header for text and streamed bodies", () => {
    for (const [file, line] of [["responses.ts", 24], ["responses.ts", 31], ["responses.ts", 41], ["responses.ts", 44], ["responses.py", 25], ["responses.py", 30]] as const) {
      const fixes = titles(file, line);
      assert.match(fixes[0].title, HEADER, `${file}:${line}`);
      assert.equal(fixes[0].applicability, "safe");
    }
    // A streamed result object is no text: wrapping it would break the response.
    assert.ok(!titles("responses.ts", 41).some((f) => WRAP.test(f.title)));
  });

  it("prefers a visible label element next to rendered content", () => {
    for (const [file, line] of [["jsx_blocks.tsx", 28], ["jsx_blocks.tsx", 45], ["jsx_blocks.tsx", 116], ["chat_parts.tsx", 18], ["express_and_jsx.tsx", 36]] as const) {
      const fixes = titles(file, line);
      assert.match(fixes[0].title, LABEL_ELEMENT, `${file}:${line}`);
      assert.equal(fixes[0].applicability, "safe");
    }
  });

  it("never puts an unsafe fix first, here or in the shared suite", () => {
    for (const folder of [FIXTURES, sharedSuite()].filter((f): f is string => !!f)) {
      const result = scanFolder(folder, { onlyRules: ["DIS001"] });
      const findings = result.analysis.findings.filter((f) => f.ruleId === "DIS001");
      assert.ok(findings.length > 0);
      for (const f of findings) if (f.fixes.length) assert.equal(f.fixes[0].applicability, "safe", `${f.file}:${f.start}`);
    }
  });
});
