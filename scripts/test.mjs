#!/usr/bin/env node
// Runs every test tier (build, mocha tiers, then the editor tiers) and ends with one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  return result.status ?? 1;
}

function runMocha(tier, specs) {
  const files = specs.filter((s) => existsSync(path.join(root, s.split("*")[0])));
  if (files.length === 0) return;
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/mocha/bin/mocha.js"), "--reporter", "spec", "--reporter-option", "maxDiffSize=0", ...files.map((f) => path.join(root, f))], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(result.stdout);
  const pass = Number(/(\d+) passing/.exec(result.stdout)?.[1] ?? 0);
  const fail = Number(/(\d+) failing/.exec(result.stdout)?.[1] ?? 0);
  // A crash before mocha reports counts as one failure of the tier.
  const crashed = result.status !== 0 && fail === 0;
  passed += pass;
  failed += fail + (crashed ? 1 : 0);
  console.log(`[${tier}] ${pass} passed, ${fail + (crashed ? 1 : 0)} failed`);
}

if (run("npm", ["run", "build", "--silent"]) !== 0) {
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const tiers = [
  ["unit", ["out/test/unit/**/*.test.js"]],
  ["rules", ["out/test/rules/**/*.test.js"]],
  ["conformance", ["out/test/conformance/**/*.test.js"]],
  ["protocol", ["out/test/protocol/**/*.test.js"]],
  ["fuzz", ["out/test/fuzz/**/*.test.js"]],
  ["browser", ["out/test/browser/**/*.test.js"]],
  ["neovim", ["out/test/neovim/**/*.test.js"]],
  ["e2e", ["out/test/e2e/**/*.test.js"]],
];
// The editor tiers need Chromium, Neovim and code-server: installed (once, cached outside the tree) before the first of them.
const EDITOR_TIERS = new Set(["browser", "neovim", "e2e"]);
let editorsInstalled;
for (const [tier, specs] of tiers) {
  if (only.length && !only.includes(tier)) continue;
  if (EDITOR_TIERS.has(tier)) {
    editorsInstalled ??= run("bash", [path.join(root, "scripts/setup-editors.sh")]) === 0;
    if (!editorsInstalled) {
      failed++;
      console.log(`[${tier}] 0 passed, 1 failed (scripts/setup-editors.sh failed: see its message above)`);
      continue;
    }
  }
  runMocha(tier, specs);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
