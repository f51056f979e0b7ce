// Bundles the CLI/language server and the VS Code client, and copies the WASM grammars next to the server bundle.
import * as esbuild from "esbuild";
import { cpSync, mkdirSync, existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

const common = {
  bundle: true,
  // The CommonJS build of web-tree-sitter; its ES module build needs import.meta.
  alias: { "web-tree-sitter": path.resolve("node_modules/web-tree-sitter/web-tree-sitter.cjs") },
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
};

const builds = [
  { ...common, entryPoints: ["server/src/node/cli.ts"], outfile: "server/out/genai-lint.js", banner: { js: "#!/usr/bin/env node" } },
];
if (existsSync("client/src/extension.ts")) {
  builds.push({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "client/out/extension.js", external: ["vscode"] });
}

function copyWasm() {
  const out = "server/out/wasm";
  mkdirSync(out, { recursive: true });
  cpSync(require.resolve("web-tree-sitter/web-tree-sitter.wasm"), path.join(out, "web-tree-sitter.wasm"));
  const grammarDir = path.join(path.dirname(require.resolve("@vscode/tree-sitter-wasm/package.json")), "wasm");
  for (const name of ["python", "javascript", "typescript", "tsx"]) {
    cpSync(path.join(grammarDir, `tree-sitter-${name}.wasm`), path.join(out, `tree-sitter-${name}.wasm`));
  }
}

copyWasm();
// A production bundle has no source map: remove the last development build's, which would no longer match.
if (production) for (const options of builds) rmSync(`${options.outfile}.map`, { force: true });
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
