// The rule pages in docs/rules are generated from rule metadata; this fails when they drift.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { renderRuleDoc, renderRuleIndex } from "../../server/src/core/docs/ruleDocs";
import { ALL_RULE_METAS } from "../../server/src/core/ruleMetas";

const DOCS = path.resolve(__dirname, "../../../docs/rules");

describe("rule documentation", () => {
  it("has a current page for every rule (run `node scripts/gen-docs.mjs` after changing rule metadata)", () => {
    for (const meta of ALL_RULE_METAS) {
      const file = path.join(DOCS, `${meta.id}.md`);
      assert.ok(existsSync(file), `missing ${file}`);
      assert.equal(readFileSync(file, "utf8"), renderRuleDoc(meta), `${meta.id}.md is out of date`);
    }
    assert.equal(readFileSync(path.join(DOCS, "README.md"), "utf8"), renderRuleIndex(ALL_RULE_METAS));
  });

  it("summarises each cited section in both languages on the page", () => {
    for (const meta of ALL_RULE_METAS) {
      const page = renderRuleDoc(meta);
      for (const s of meta.sections) assert.ok(page.includes(`**${s}**`), `${meta.id} page lacks section ${s}`);
      assert.match(page, /[\u4e00-\u9fff]/);
    }
  });
});
