// The rule pages in docs/rules are generated from rule metadata; this fails when they drift.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { renderRuleDoc, renderRuleIndex, renderRuleTable } from "../../server/src/core/docs/ruleDocs";
import { ALL_RULE_METAS } from "../../server/src/core/ruleMetas";

const DOCS = path.resolve(__dirname, "../../../docs/rules");
const ROOT = path.resolve(__dirname, "../../..");

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

  it("lists the registry's rules in the README table and the configuration schema (run `node scripts/gen-docs.mjs`)", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    assert.ok(readme.includes(renderRuleTable(ALL_RULE_METAS.filter((m) => !m.id.startsWith("SUP")))), "the README rule table is out of date");
    const schema = JSON.parse(readFileSync(path.join(ROOT, "schemas/genai-lint.config.schema.json"), "utf8")) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    assert.deepEqual(schema.properties.rules.propertyNames.enum, ALL_RULE_METAS.map((m) => m.id));
  });
});
