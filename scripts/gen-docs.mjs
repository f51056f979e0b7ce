#!/usr/bin/env node
// Writes docs/rules/*.md from the rule metadata (run after `npm run build`; a test checks they are current).
import { mkdirSync, writeFileSync } from "node:fs";
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
