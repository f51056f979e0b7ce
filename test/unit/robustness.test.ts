// The core on bad input and its failure isolation: small broken files (invalid UTF-8, BOM-only,
// CRLF, empty, half-typed), the per-file time budget, a rule that throws, and the inputs that
// used to make regular expressions backtrack for minutes.
// The big pathological files (50,000 levels of nesting, 1 MB lines) run in the fuzz and protocol tiers.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RULES } from "../../server/src/core/rules";
import type { Rule } from "../../server/src/core/rules/types";
import { parseSuppressions } from "../../server/src/core/suppressions";
import { GitIgnore } from "../../server/src/core/workspace/discovery";
import { scan, type ScanOptions } from "../../server/src/node/scan";
import { ready } from "../harness/analysis";
import { pathologicalFiles } from "../harness/pathological";
import { CHAT_APP } from "../harness/programs";

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-robust-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function scanDir(dir: string, options: Partial<ScanOptions> = {}) {
  return scan({ paths: [dir], config: {}, ...options });
}

const notesAbout = (result: ReturnType<typeof scan>, name: string) => (result.report.coverage.notes ?? []).filter((n) => n.file !== undefined && path.basename(n.file) === name).map((n) => n.message);

describe("robustness of the core", function () {
  this.timeout(60000);
  before(ready);

  it("analyses small broken files, noting invalid UTF-8 and syntax errors, and finds the same lines in CRLF files", () => {
    const small = pathologicalFiles().filter((f) => f.bytes.length < 10_000);
    const dir = tree(Object.fromEntries(small.map((f) => [f.name, f.bytes])));
    const result = scanDir(dir);
    const { coverage } = result.report;
    assert.equal(coverage.filesScanned + coverage.filesSkipped, small.length);
    for (const f of small.filter((s) => s.expect !== "analysed")) {
      assert.ok(coverage.skipped.some((s) => path.basename(s.file) === f.name && s.reason === f.expect), `${f.name} skipped as ${f.expect}`);
    }
    assert.ok(notesAbout(result, "invalid_utf8.py").some((m) => /not valid UTF-8/.test(m)));
    assert.ok(notesAbout(result, "invalid_utf8.ts").some((m) => /not valid UTF-8/.test(m)));
    assert.ok(notesAbout(result, "half_typed.py").some((m) => /syntax error/.test(m)));
    assert.ok(notesAbout(result, "half_typed.tsx").some((m) => /syntax error/.test(m)));
    const lines = result.report.findings.filter((f) => f.rule === "DIS001").map((f) => `${path.basename(f.file)}:${f.line}:${f.column}`);
    assert.deepEqual(lines.sort(), ["crlf.py:10:5", "crlf.ts:7:3"]);
    assert.deepEqual(notesAbout(result, "bom_only.py"), []);
    assert.deepEqual(notesAbout(result, "empty.ts"), []);
  });

  it("cuts a file short when its time budget runs out, says so in coverage, and analyses the other files in full", () => {
    // Thousands of calls: far more budget steps than the small app needs.
    const slow = `from openai import OpenAI\nclient = OpenAI()\n\ndef busy():\n${Array.from({ length: 3000 }, (_, i) => `    v${i} = helper${i % 7}(${i})`).join("\n")}\n`;
    const dir = tree({ "a_slow.py": slow, "chat.py": CHAT_APP });
    // A clock that advances one "millisecond" per reading: the cut-off depends on work done, not on the machine.
    let ticks = 0;
    const result = scanDir(dir, { fileBudgetMs: 2000, analysis: { now: () => ticks++ } });
    assert.deepEqual(notesAbout(result, "a_slow.py"), ["analysis stopped after 2000 ms; findings in this file may be incomplete"]);
    assert.deepEqual(notesAbout(result, "chat.py"), []);
    assert.ok(result.report.findings.some((f) => path.basename(f.file) === "chat.py" && f.rule === "DIS001"), "the file after the slow one is analysed");
    assert.deepEqual(result.analysis.filesCutShort.map((f) => path.basename(f)), ["a_slow.py"]);
  });

  it("isolates a rule that throws: the other rules report and coverage names the failed rule", () => {
    const failing: Rule = {
      meta: { ...RULES[0].meta, id: "TST999", name: "always-throws" },
      check: () => {
        throw new Error("deliberate failure");
      },
    };
    const dir = tree({ "chat.py": CHAT_APP });
    const result = scanDir(dir, { analysis: { rules: [failing, ...RULES] } });
    assert.ok(result.report.findings.some((f) => f.rule === "DIS001"), "rules after the failing one still report");
    assert.deepEqual(result.analysis.ruleErrors, [{ ruleId: "TST999", error: "deliberate failure" }]);
    assert.ok((result.report.coverage.notes ?? []).some((n) => n.rule === "TST999" && /rule failed and was skipped: deliberate failure/.test(n.message)));
    // The seam is not the default: a plain scan runs the registry and has no such note.
    assert.deepEqual(scanDir(dir).analysis.ruleErrors, []);
  });

  it("parses suppression comments and .gitignore lines with long runs of spaces in linear time", () => {
    // These inputs made the former regular expressions backtrack quadratically (minutes at this size).
    const spaces = "\t".repeat(200_000);
    const comment = `// genai-lint-disable-next-line DIS001 -- reviewed */${spaces}x`;
    const [sup] = parseSuppressions([{ span: { start: 0, end: comment.length }, text: comment }], comment);
    assert.deepEqual(sup.rules, ["DIS001"]);
    const closed = `{/* genai-lint-disable-line DIS001 -- label shown above */${" ".repeat(200_000)}}`;
    const [jsx] = parseSuppressions([{ span: { start: 0, end: closed.length }, text: closed }], closed);
    assert.equal(jsx.reason, "label shown above");
    const ignore = new GitIgnore(`build${" ".repeat(200_000)}x\ndist   \n`);
    assert.equal(ignore.ignores("build", true), undefined, "the long line is one pattern, not `build`");
    assert.equal(ignore.ignores("dist", true), true, "trailing spaces are dropped");
  });
});
