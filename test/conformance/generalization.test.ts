// Our own annotated suites (test/fixtures/generalization): programs written from the rule catalogue
// for frameworks and SDKs the shared suite does not use. Same scoring, floors and inventory checks.
// The held-out suites (test/fixtures/heldout2: realistic multi-file apps; heldout3: precision traps;
// heldout4 to heldout7: apps on other frameworks, SDKs and channels with precision traps, Python and JS/TS; heldout8: the second-wave
// rules; heldout9: shapes of real public apps) were written by other people from the catalogue alone and are checked the same way.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { RULES } from "../../server/src/core/rules";
import { foundIn, ready, scanFolder } from "../harness/analysis";
import { formatScore, scoreFindings, suiteExpectations } from "../harness/expectations";
import { REPO_ROOT } from "./suites";

/** Suite folder (relative to the repository) -> F1 floor. */
const FLOORS: Record<string, number> = {
  "test/fixtures/generalization/python": 1.0,
  "test/fixtures/generalization/js": 1.0,
  "test/fixtures/heldout2": 1.0,
  "test/fixtures/heldout3": 1.0,
  // One miss left: a prompt built by a helper's f-string, logged before it is sent (resolved question 7).
  "test/fixtures/heldout4/python": 0.99,
  "test/fixtures/heldout4/js": 1.0,
  "test/fixtures/heldout5/python": 1.0,
  "test/fixtures/heldout5/js": 1.0,
  "test/fixtures/heldout6/python": 1.0,
  // Left: a JSX label in a sibling block counted for the whole page (resolved question 6 leaves "block" open), and props from getServerSideProps.
  "test/fixtures/heldout6/js": 0.97,
  // Left: a Gemini call asked for text and image, whose text part is taken for the image; fields of `g.user.*` (Flask's `g`).
  "test/fixtures/heldout7/python": 0.97,
  // Left: a Responses API tool call's name counted as content.
  "test/fixtures/heldout7/js": 0.98,
  // Second-wave rules (CON004, PII003, WMK002, GRD001), written blind from the catalogue. Left: ffmpeg piped into a PassThrough (TS).
  "test/fixtures/heldout8/python": 1.0,
  "test/fixtures/heldout8/js": 0.98,
  // Shapes of real apps (resolved questions 22 and 23): injected services, module state, wrappers, handlers, chat UIs.
  "test/fixtures/heldout9/python": 1.0,
  "test/fixtures/heldout9/js": 1.0,
};

/** Inventory recall floors below 1 (every other suite lists every call): calls the analyser still misses, by suite. */
const INVENTORY_FLOORS: Record<string, number> = {};

/**
 * Suites scanned with the default configuration, as a user would: their apps have test folders
 * whose literals the default test-fixture globs skip (resolved question 11).
 */
const DEFAULT_CONFIG = new Set([
  "test/fixtures/heldout2", "test/fixtures/heldout3", "test/fixtures/heldout4/python", "test/fixtures/heldout4/js", "test/fixtures/heldout5/python", "test/fixtures/heldout5/js",
  "test/fixtures/heldout6/python", "test/fixtures/heldout6/js", "test/fixtures/heldout7/python", "test/fixtures/heldout7/js",
  "test/fixtures/heldout8/python", "test/fixtures/heldout8/js", "test/fixtures/heldout9/python", "test/fixtures/heldout9/js",
]);

describe("generalization suites", function () {
  this.timeout(120000);
  before(ready);

  for (const suite of Object.keys(FLOORS)) {
    const dir = path.join(REPO_ROOT, suite);
    const scanSuite = () => scanFolder(dir, DEFAULT_CONFIG.has(suite) ? { config: { testFixtures: undefined } } : {});
    describe(suite, () => {
      it(`keeps overall F1 at or above ${FLOORS[suite]}`, () => {
        const score = scoreFindings(suiteExpectations(dir), foundIn(scanSuite()), RULES.map((r) => r.meta.id));
        console.log(formatScore(score).replace(/^/gm, "      "));
        for (const fp of score.falsePositives) console.log(`      FP ${fp.rule} ${fp.file}:${fp.line}`);
        for (const fn of score.falseNegatives) console.log(`      FN ${fn.rule} ${fn.file}:${fn.line}`);
        assert.ok(score.all.f1 >= FLOORS[suite], `F1 ${score.all.f1.toFixed(3)} < ${FLOORS[suite]}`);
      });

      it("lists every AI call in the inventory with its provider and modality", () => {
        const expected = JSON.parse(readFileSync(path.join(dir, "INVENTORY.json"), "utf8")) as Array<{ file: string; line: number; provider: string; modality: string }>;
        const got = new Map(scanSuite().report.inventory.map((i) => [`${i.file}:${i.line}`, i]));
        const wrong = expected.filter((e) => {
          const g = got.get(`${e.file}:${e.line}`);
          return !g || g.provider !== e.provider || g.modality !== e.modality;
        });
        const floor = INVENTORY_FLOORS[suite] ?? 1;
        if (floor === 1) assert.deepEqual(wrong, []);
        else {
          for (const w of wrong) console.log(`      inventory misses ${w.file}:${w.line} ${w.provider} ${w.modality}`);
          const recall = (expected.length - wrong.length) / expected.length;
          assert.ok(recall >= floor, `inventory recall ${recall.toFixed(3)} < ${floor}`);
        }
        const listed = new Set(expected.map((e) => `${e.file}:${e.line}`));
        assert.deepEqual([...got.keys()].filter((k) => !listed.has(k)), [], "no calls beyond the expected ones");
      });
    });
  }
});
