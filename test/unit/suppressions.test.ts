// Suppression comments: parsing, application, SUP001 and SUP002.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseSuppressions } from "../../server/src/core/suppressions";
import { foundIn, ready, scanFolder } from "../harness/analysis";
import { parseExpectations, sourceFiles } from "../harness/expectations";

const DIR = path.resolve(__dirname, "../../../test/fixtures/suppressions");

describe("suppressions", function () {
  this.timeout(30000);
  before(ready);

  it("parses rules and reasons in Python and JS comments", () => {
    const text = "x = 1\n# genai-lint-disable-next-line DIS001, CON001 -- banner on kiosk\ny = 2\n";
    const comment = { span: { start: 6, end: 6 + "# genai-lint-disable-next-line DIS001, CON001 -- banner on kiosk".length }, text: "# genai-lint-disable-next-line DIS001, CON001 -- banner on kiosk" };
    const [s] = parseSuppressions([comment], text);
    assert.deepEqual({ kind: s.kind, rules: s.rules, reason: s.reason, targetLine: s.targetLine }, { kind: "next-line", rules: ["DIS001", "CON001"], reason: "banner on kiosk", targetLine: 2 });
    const [j] = parseSuppressions([{ span: { start: 0, end: 40 }, text: "/* genai-lint-disable-file SEC001 */" }], "/* genai-lint-disable-file SEC001 */\n");
    assert.deepEqual({ kind: j.kind, rules: j.rules, reason: j.reason }, { kind: "file", rules: ["SEC001"], reason: undefined });
  });

  it("silences what they name and reports missing reasons and unused suppressions", () => {
    const result = scanFolder(DIR);
    const found = foundIn(result);
    for (const file of sourceFiles(DIR)) {
      const expected = parseExpectations(readFileSync(path.join(DIR, file), "utf8"), file).map((e) => `${e.rule}:${e.line}`).sort();
      const got = found.filter((f) => f.file === file).map((f) => `${f.rule}:${f.line}`).sort();
      assert.deepEqual(got, expected, file);
    }
    assert.ok(result.analysis.suppressed.some((s) => s.finding.ruleId === "DIS001" && s.suppression.reason?.includes("banner")));
    assert.ok(result.analysis.suppressed.some((s) => s.finding.ruleId === "SEC001" && s.suppression.kind === "file"));
  });
});
