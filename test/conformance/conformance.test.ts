// Scans the annotated suites and fails when a rule's F1 falls below its recorded floor.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { RULES } from "../../server/src/core/rules";
import { foundIn, ready, scanFolder } from "../harness/analysis";
import { formatScore, scoreFindings, suiteExpectations } from "../harness/expectations";
import { REPO_ROOT, sharedSuite } from "./suites";

const RULE_IDS = RULES.map((r) => r.meta.id);

describe("shared conformance suite", function () {
  this.timeout(120000);
  const suite = sharedSuite();
  const floors = (JSON.parse(readFileSync(path.join(REPO_ROOT, "test/conformance/floors.json"), "utf8")) as { floors: Record<string, number> }).floors;

  before(async function () {
    if (!suite) {
      console.log("    (the shared conformance suite is not next to this checkout; set GENAI_LINT_CONFORMANCE to run it)");
      this.skip();
    }
    await ready();
  });

  it("keeps every rule at or above its F1 floor", () => {
    const result = scanFolder(suite!);
    // "all" pools the implemented rules: annotations of rules not in the registry yet are listed, not scored.
    const expected = suiteExpectations(suite!);
    const pending = expected.filter((e) => !RULE_IDS.includes(e.rule));
    if (pending.length) console.log(`      not implemented yet: ${[...new Set(pending.map((e) => e.rule))].join(", ")} (${pending.length} annotations)`);
    const score = scoreFindings(expected.filter((e) => RULE_IDS.includes(e.rule)), foundIn(result), RULE_IDS);
    console.log(formatScore(score).replace(/^/gm, "      "));
    for (const fp of score.falsePositives) console.log(`      FP ${fp.rule} ${fp.file}:${fp.line}`);
    for (const fn of score.falseNegatives) console.log(`      FN ${fn.rule} ${fn.file}:${fn.line}`);
    for (const r of [...score.rules, score.all]) {
      const floor = floors[r.rule];
      if (floor !== undefined) assert.ok(r.f1 >= floor, `${r.rule}: F1 ${r.f1.toFixed(3)} is below its floor ${floor}`);
    }
  });

  it("gives every flow finding related locations back to its source", () => {
    const result = scanFolder(suite!);
    // Hard-coded keys have no flow; every other finding traces back to an AI call or a source.
    const missing = result.report.findings.filter((f) => f.rule !== "SEC001" && f.related.length === 0).map((f) => `${f.rule} ${f.file}:${f.line}`);
    assert.deepEqual(missing, []);
  });

  it("puts every AI call of the suite in the inventory with the right provider and modality", () => {
    const expected = JSON.parse(readFileSync(path.join(REPO_ROOT, "test/conformance/shared-inventory.json"), "utf8")) as Array<{ file: string; line: number; provider: string; modality: string }>;
    const result = scanFolder(suite!);
    const got = new Set(result.report.inventory.map((i) => `${i.file}:${i.line}:${i.provider}:${i.modality}`));
    const missing = expected.filter((e) => !got.has(`${e.file}:${e.line}:${e.provider}:${e.modality}`)).map((e) => `${e.file}:${e.line} ${e.provider} ${e.modality}`);
    assert.deepEqual(missing, []);
    assert.equal(result.report.inventory.length, expected.length, "no calls beyond the expected ones");
  });
});
