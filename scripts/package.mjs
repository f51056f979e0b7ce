#!/usr/bin/env node
// `npm run package`: a production build, then an offline .vsix with the bundles, WASM grammars,
// snippets, syntaxes and both languages' strings — no node_modules. Fails when it grows past 15 MB
// or misses a part the extension needs at run time.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MAX_BYTES = 15 * 1024 * 1024;
const REQUIRED = [
  "extension/package.json",
  "extension/package.nls.json",
  "extension/package.nls.zh-tw.json",
  "extension/l10n/bundle.l10n.zh-tw.json",
  "extension/client/out/extension.js",
  "extension/server/out/genai-lint.js",
  "extension/server/out/wasm/web-tree-sitter.wasm",
  "extension/server/out/wasm/tree-sitter-python.wasm",
  "extension/server/out/wasm/tree-sitter-javascript.wasm",
  "extension/server/out/wasm/tree-sitter-typescript.wasm",
  "extension/server/out/wasm/tree-sitter-tsx.wasm",
];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`genai-lint package: ${command} ${args.join(" ")} failed`);
    process.exit(1);
  }
}

const { version, contributes } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
// `--out FILE` puts the package elsewhere (the end-to-end tests package into a temp folder).
const outFlag = process.argv.indexOf("--out");
const out = outFlag > 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : path.join(root, "dist", `genai-lint-${version}.vsix`);
mkdirSync(path.dirname(out), { recursive: true });
run(process.execPath, ["esbuild.mjs", "--production"]);
run(process.execPath, [path.join(root, "node_modules/@vscode/vsce/vsce"), "package", "--no-dependencies", "--skip-license", "--allow-missing-repository", "--out", out]);

// What went in: list the zip's entries with vsce itself (no unzip on every machine).
const listing = spawnSync(process.execPath, [path.join(root, "node_modules/@vscode/vsce/vsce"), "ls", "--no-dependencies"], { cwd: root, encoding: "utf8" });
const files = new Set(listing.stdout.split("\n").map((l) => l.trim()).filter(Boolean).map((f) => `extension/${f}`));
const wanted = [
  ...REQUIRED,
  ...(contributes.snippets ?? []).map((s) => `extension/${path.posix.normalize(s.path)}`),
  ...(contributes.grammars ?? []).map((g) => `extension/${path.posix.normalize(g.path)}`),
];
// Leave server/out and client/out as `npm run build` makes them (with source maps), not minified.
run(process.execPath, ["esbuild.mjs"]);
const missing = wanted.filter((f) => !files.has(f));
const stray = [...files].filter((f) => f.includes("node_modules/"));
const size = statSync(out).size;
console.log(`${path.relative(root, out)}: ${(size / 1024 / 1024).toFixed(2)} MB, ${files.size} files`);
if (missing.length || stray.length || size > MAX_BYTES) {
  if (missing.length) console.error(`missing from the package: ${missing.join(", ")}`);
  if (stray.length) console.error(`node_modules in the package: ${stray.slice(0, 5).join(", ")}`);
  if (size > MAX_BYTES) console.error(`the package is larger than 15 MB`);
  process.exit(1);
}
