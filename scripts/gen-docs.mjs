#!/usr/bin/env node
// Writes docs/rules/*.md from the rule metadata, and every list of rule ids (the settings and schemas'
// enums, the README's rule table) from the rule registry. Run after `npm run build`; tests check they are current.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { ALL_RULE_METAS } = require(path.join(root, "out/server/src/core/ruleMetas.js"));
const { renderRuleDoc, renderRuleIndex } = require(path.join(root, "out/server/src/core/docs/ruleDocs.js"));


const dir = path.join(root, "docs/rules");
mkdirSync(dir, { recursive: true });
const metas = ALL_RULE_METAS;
for (const meta of metas) writeFileSync(path.join(dir, `${meta.id}.md`), renderRuleDoc(meta));
writeFileSync(path.join(dir, "README.md"), renderRuleIndex(metas));
console.log(`wrote ${metas.length} rule pages to docs/rules`);

const { renderRuleTable } = require(path.join(root, "out/server/src/core/docs/ruleDocs.js"));
const ids = metas.map((m) => m.id);
const idList = ids.map((id) => JSON.stringify(id)).join(", ");
// The schemas keep their one-line arrays: replace the array of rule ids in place.
for (const file of ["schemas/genai-lint.config.schema.json", "schemas/genai-lint.suppressions.schema.json"]) {
  const full = path.join(root, file);
  const text = readFileSync(full, "utf8");
  const next = text.replace(/\[("DIS001"(?:, "[A-Z]{3}\d{3}")*)\]/g, `[${idList}]`);
  if (next === text && !text.includes(`[${idList}]`)) throw new Error(`no rule-id list found in ${file}`);
  writeFileSync(full, next);
}
const pkgPath = path.join(root, "package.json");
const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
const rulesSetting = pkg.contributes.configuration.find((c) => c.properties?.["genaiLint.rules"]).properties["genaiLint.rules"];
rulesSetting.propertyNames.enum = ids;
writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + "\n");
const readmePath = path.join(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const table = /\| id \| name \| guideline sections \| default severity \|\n\|---\|---\|---\|---\|\n(?:\|.*\|\n)+/;
if (!table.test(readme)) throw new Error("README.md has no rule table");
writeFileSync(readmePath, readme.replace(table, renderRuleTable(RULE_TABLE_METAS())));
console.log(`wrote the rule-id lists of ${ids.length} rules (schemas, package.json, README)`);

function RULE_TABLE_METAS() {
  // The README lists the analyser's rules; the suppression rules are described under "Suppressions".
  return metas.filter((m) => !m.id.startsWith("SUP"));
}
