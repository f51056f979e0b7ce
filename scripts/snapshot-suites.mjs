#!/usr/bin/env node
// Writes the findings and inventory of every annotated suite (shared conformance, held-out and
// generalization suites, rule fixtures, examples) to one JSON file per suite, so that a redesign step
// can be checked to change no report: snapshot before, snapshot after, `diff -r` the two folders.
// Usage: node scripts/snapshot-suites.mjs <out-dir>   (after `npm run build`)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2];
if (!out) {
  console.error("usage: node scripts/snapshot-suites.mjs <out-dir>");
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const subdirs = (dir) => readdirSync(dir).filter((d) => statSync(path.join(dir, d)).isDirectory()).map((d) => path.join(dir, d));
const fixtures = path.join(root, "test/fixtures");
const suites = [path.resolve(root, "../shared/conformance"), path.join(root, "examples")].filter(existsSync);
for (const dir of subdirs(fixtures)) {
  if (path.basename(dir) === "grammars") continue;
  // Suites split by language (python/js) are scanned per language, as the tests do.
  const split = subdirs(dir).filter((d) => ["python", "js"].includes(path.basename(d)));
  suites.push(...(split.length ? split : path.basename(dir) === "rules" ? subdirs(dir) : [dir]));
}

const cli = path.join(root, "server/out/genai-lint.js");
let total = 0;
for (const suite of suites) {
  const run = spawnSync(process.execPath, [cli, "scan", suite, "--format", "json", "--fail-on", "never", "--no-baseline"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) {
    console.error(`${suite}: exit ${run.status}\n${run.stderr}`);
    process.exit(1);
  }
  const report = JSON.parse(run.stdout);
  const findings = report.findings
    .map((f) => ({ rule: f.rule, file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, message: f.message, related: f.related.map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`) }))
    .sort((a, b) => `${a.file}:${String(a.line).padStart(6)}:${a.rule}`.localeCompare(`${b.file}:${String(b.line).padStart(6)}:${b.rule}`));
  const inventory = report.inventory.map((i) => `${i.file}:${i.line}:${i.column} ${i.provider} ${i.modality} ${i.api ?? ""} ${i.model ?? ""}`).sort();
  const name = path.relative(path.dirname(root), suite).replace(/[\\/]/g, "__");
  writeFileSync(path.join(out, `${name}.json`), JSON.stringify({ findings, inventory, notes: report.coverage?.notes ?? [] }, null, 1) + "\n");
  total += findings.length;
  console.log(`${findings.length.toString().padStart(5)} findings  ${path.relative(root, suite)}`);
}
console.log(`${suites.length} suites, ${total} findings -> ${out}`);
