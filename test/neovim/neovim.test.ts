// Neovim (Debian's nvim, headless) as an independent LSP client: it speaks push diagnostics only,
// so this also covers the server's push fallback.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const SERVER = path.join(ROOT, "server/out/genai-lint.js");
const NVIM = "/usr/bin/nvim";
const EXAMPLE = path.join(ROOT, "examples/clinic-booking");

interface NeovimResult {
  received: boolean;
  diagnostics: Array<{ line: number; column: number; message: string; source: string; code: string; href?: string; related: number }>;
  hover?: string;
  actions?: Array<{ title: string; kind: string; has_edit: boolean }>;
  errors: string[];
}

function runNeovim(file: string): NeovimResult {
  const temp = mkdtempSync(path.join(os.tmpdir(), "genai-lint-nvim-"));
  try {
    const out = path.join(temp, "result.json");
    // Neovim's state, shada and logs go to the temp folder, never the home folder.
    const xdg = Object.fromEntries(["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"].map((k) => [k, path.join(temp, k.toLowerCase())]));
    for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true });
    const run = spawnSync(NVIM, ["--headless", "--clean", "-n", "-i", "NONE", "-c", `luafile ${path.join(ROOT, "test/neovim/client.lua")}`], {
      env: { ...process.env, ...xdg, GENAI_LINT_SERVER: SERVER, GENAI_LINT_ROOT: EXAMPLE, GENAI_LINT_FILE: file, GENAI_LINT_OUT: out },
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.ok(existsSync(out), `nvim wrote no result (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    return JSON.parse(readFileSync(out, "utf8")) as NeovimResult;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function cliFindings(): Array<{ rule: string; file: string; line: number; column: number }> {
  const run = spawnSync(process.execPath, [SERVER, "scan", EXAMPLE, "--format", "json", "--fail-on", "never"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout).findings;
}

describe("Neovim as an LSP client", function () {
  this.timeout(120_000);
  before(function () {
    if (!existsSync(NVIM)) throw new Error(`${NVIM} is missing: run scripts/setup-editors.sh`);
  });

  for (const relative of ["backend/main.py", "web/app/api/assistant/route.ts"]) {
    it(`receives the CLI's findings for ${relative}, with hover and quick-fixes`, () => {
      const expected = cliFindings().filter((f) => f.file === relative);
      assert.ok(expected.length > 0, "the example file has findings");
      const result = runNeovim(path.join(EXAMPLE, relative));
      assert.deepEqual(result.errors, []);
      assert.equal(result.received, true, "no diagnostics arrived");
      const seen = result.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`).sort();
      assert.deepEqual(seen, expected.map((f) => `${f.rule}@${f.line}:${f.column}`).sort());
      for (const d of result.diagnostics) {
        assert.equal(d.source, "genai-lint");
        assert.match(d.href ?? "", new RegExp(`${d.code}\\.md$`));
      }
      assert.ok(result.diagnostics.some((d) => d.related > 0), "flows carry related locations");
      const first = result.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)[0];
      assert.match(result.hover ?? "", new RegExp(first.code));
      assert.ok(result.actions?.some((a) => a.kind === "quickfix" && a.has_edit), `quick-fixes: ${JSON.stringify(result.actions)}`);
    });
  }
});
