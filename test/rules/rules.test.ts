// Per-rule fixtures: each folder under test/fixtures/rules/<ID> is scanned with only that rule on,
// and its findings must equal the `expect:` annotations for that rule, line for line.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { GUIDELINE_SECTIONS } from "../../server/src/core/guideline/sections";
import { RULES } from "../../server/src/core/rules";
import { foundIn, ready, scanFolder } from "../harness/analysis";
import { parseExpectations, sourceFiles } from "../harness/expectations";
import { applyEdits } from "../../server/src/core/fixes/edits";
import { applyPreferred, fixesFor, rescan, syntaxErrorCount } from "../harness/fixes";

const FIXTURES = path.resolve(__dirname, "../../../test/fixtures/rules");

describe("rule fixtures", function () {
  this.timeout(60000);
  before(ready);

  for (const rule of RULES) {
    const dir = path.join(FIXTURES, rule.meta.id);
    describe(rule.meta.id, () => {
      it("has annotated fixtures in Python and in JavaScript/TypeScript", () => {
        assert.ok(existsSync(dir), `missing ${dir}`);
        const files = sourceFiles(dir);
        const annotated = files.filter((f) => parseExpectations(readFileSync(path.join(dir, f), "utf8"), f).some((e) => e.rule === rule.meta.id));
        assert.ok(annotated.some((f) => f.endsWith(".py")), "no annotated Python fixture");
        assert.ok(annotated.some((f) => /\.(m|c)?[jt]sx?$/.test(f)), "no annotated JS/TS fixture");
      });

      if (!existsSync(dir)) return;
      for (const file of sourceFiles(dir)) {
        it(`reports exactly the annotated lines of ${file}`, () => {
          const result = scanFolder(dir, { onlyRules: [rule.meta.id] });
          const expected = parseExpectations(readFileSync(path.join(dir, file), "utf8"), file).filter((e) => e.rule === rule.meta.id).map((e) => `${e.line}`);
          const found = foundIn(result).filter((f) => f.file === file && f.rule === rule.meta.id).map((f) => `${f.line}`);
          assert.deepEqual([...new Set(found)].sort(), [...new Set(expected)].sort());
        });

        it(`offers fixes for ${file} that remove the finding and keep the file parsing`, () => {
          const text = readFileSync(path.join(dir, file), "utf8");
          const findings = fixesFor(dir, file, rule.meta.id);
          const before = syntaxErrorCount(file, text);
          for (const f of findings) {
            assert.ok(f.fixes.length > 0, `no fix for the finding on line ${f.line}`);
            for (const fx of f.fixes) {
              assert.match(fx.title.en, /Guideline \d|suppression/i, "fix titles name the guideline section");
              assert.match(fx.title.zh, /指引|抑制/);
              const fixed = applyEdits(text, fx.edits);
              assert.ok(syntaxErrorCount(file, fixed) <= before, `"${fx.title.en}" introduces a syntax error`);
              const remaining = rescan(dir, file, fixed, rule.meta.id).filter((r) => r.file === file).length;
              assert.ok(remaining < findings.length, `"${fx.title.en}" on line ${f.line} does not remove its finding`);
            }
          }
        });

        const fixedName = file.replace(/\.([a-z]+)$/, ".fixed.$1");
        if (existsSync(path.join(dir, fixedName))) {
          it(`turns ${file} into ${fixedName} with the preferred fix of every finding`, () => {
            const text = readFileSync(path.join(dir, file), "utf8");
            const fixed = applyPreferred(text, fixesFor(dir, file, rule.meta.id));
            assert.equal(fixed, readFileSync(path.join(dir, fixedName), "utf8"));
            assert.deepEqual(rescan(dir, file, fixed, rule.meta.id).filter((r) => r.file === file), [], "findings remain after fixing");
            assert.ok(syntaxErrorCount(file, fixed) <= syntaxErrorCount(file, text));
          });
        }
      }
    });
  }
});

describe("rule registry", () => {
  it("has unique ids and names", () => {
    assert.equal(new Set(RULES.map((r) => r.meta.id)).size, RULES.length);
    assert.equal(new Set(RULES.map((r) => r.meta.name)).size, RULES.length);
  });

  it("cites only sections the guideline has", () => {
    for (const r of RULES) for (const s of r.meta.sections) assert.ok(GUIDELINE_SECTIONS[s], `${r.meta.id} cites unknown section ${s}`);
  });

  it("documents every rule in both languages", () => {
    for (const r of RULES) {
      for (const text of [r.meta.title, r.meta.docs.what, r.meta.docs.why, r.meta.docs.fix]) {
        assert.ok(text.en.trim().length > 10 || text === r.meta.title, `${r.meta.id}: English text missing`);
        assert.match(text.zh, /[\u4e00-\u9fff]/, `${r.meta.id}: Traditional Chinese text missing`);
      }
      assert.ok(r.meta.docs.example.bad && r.meta.docs.example.good, `${r.meta.id}: example missing`);
    }
  });

  it("has a fixture folder for every rule and no folder for an unknown rule", () => {
    const folders = readdirSync(FIXTURES).filter((f) => /^[A-Z]{3}\d{3}$/.test(f));
    assert.deepEqual(folders.sort(), RULES.map((r) => r.meta.id).sort());
  });
});
