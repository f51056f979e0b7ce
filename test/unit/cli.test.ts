// The built `genai-lint` command: formats, exit codes, coverage accounting, SARIF validity.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv from "ajv-draft-04";
import { CHAT_APP } from "../harness/programs";

const ROOT = path.resolve(__dirname, "../../..");
const BIN = path.join(ROOT, "server/out/genai-lint.js");
const EXAMPLE = path.join(ROOT, "examples/clinic-booking");

function run(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-cli-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe("genai-lint CLI", function () {
  this.timeout(30000);

  it("prints its version and help", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.equal(run(["--version"]).stdout.trim(), pkg.version);
    const help = run(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /genai-lint scan \[paths\.\.\.\]/);
  });

  it("reports usage errors with exit code 2 and one line", () => {
    for (const args of [["scan", "--format", "xml"], ["scan", "--bogus"], ["frobnicate"], ["scan", "/no/such/path"], ["scan", "--fail-on", "sometimes"]]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, /^genai-lint: /);
    }
  });

  it("reports a bad config file with the file, the path in it and what was expected", () => {
    const dir = tree({ "app.py": CHAT_APP, "genai-lint.config.json": JSON.stringify({ rules: { DIS001: "loud" } }) });
    const r = run(["scan", dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /genai-lint\.config\.json: rules\.DIS001: expected/);
  });

  it("writes the JSON report with findings, inventory and coverage, paths relative to the folder", () => {
    const r = run(["scan", EXAMPLE, "--format", "json"]);
    assert.equal(r.code, 1, "the example has errors");
    const report = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; inventory: Array<Record<string, unknown>>; coverage: Record<string, unknown> };
    assert.ok(report.findings.length > 5);
    for (const f of report.findings) {
      for (const key of ["rule", "severity", "message", "file", "line", "column", "endLine", "endColumn", "related"]) assert.ok(key in f, `finding lacks ${key}`);
      assert.ok(!String(f.file).startsWith("/"), "file is relative to the scanned folder");
      assert.ok((f.line as number) >= 1 && (f.column as number) >= 1);
    }
    assert.ok(report.inventory.some((i) => i.provider === "openai" && i.modality === "text"));
    assert.ok(report.inventory.some((i) => i.provider === "vercel-ai" && i.modality === "image"));
    for (const key of ["filesScanned", "filesSkipped", "skipped", "languages", "durationMs"]) assert.ok(key in report.coverage, `coverage lacks ${key}`);
  });

  it("uses exit codes by the fail level", () => {
    const dir = tree({ "app.py": CHAT_APP });
    assert.equal(run(["scan", dir]).code, 0, "only a warning: below the default error level");
    assert.equal(run(["scan", dir, "--fail-on", "warning"]).code, 1);
    assert.equal(run(["scan", dir, "--fail-on", "never"]).code, 0);
    assert.equal(run(["scan", dir, "--fail-on", "info"]).code, 1);
  });

  it("prints stylish text grouped by file with a summary and a coverage line, without colour off a terminal", () => {
    const r = run(["scan", EXAMPLE]);
    assert.match(r.stdout, /backend\/ai\.py\n\s+\d+:\d+\s+error\s+Hard-coded openai API key/);
    assert.match(r.stdout, /✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\)/);
    assert.match(r.stdout, /Coverage: \d+ files scanned/);
    assert.doesNotMatch(r.stdout, /\u001b\[/);
  });

  it("writes messages in Traditional Chinese with --locale zh-hk", () => {
    const r = run(["scan", EXAMPLE, "--locale", "zh-hk", "--format", "json"]);
    const report = JSON.parse(r.stdout) as { findings: Array<{ message: string }> };
    assert.ok(report.findings.every((f) => /[\u4e00-\u9fff]/.test(f.message)));
  });

  it("accounts for every source file outside excluded folders", () => {
    const dir = tree({
      "app.py": CHAT_APP,
      "lib/util.ts": "export const x = 1;\n",
      "ignored/gen.py": "x = 1\n",
      ".gitignore": "ignored/\nsecret_notes.py\n",
      "secret_notes.py": "x = 2\n",
      "web/vendor.min.js": "var a=1;",
      "big.py": "x = 1\n" + "# padding\n".repeat(120000),
      "blob.ts": Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]),
      "node_modules/pkg/index.js": "module.exports = 1;\n",
      "env/pyvenv.cfg": "home = /usr/bin\n",
      "env/lib/site.py": "x = 1\n",
      "notes.md": "not source\n",
    });
    const report = JSON.parse(run(["scan", dir, "--format", "json"]).stdout) as { coverage: { filesScanned: number; filesSkipped: number; skipped: Array<{ file: string; reason: string }>; excludedFolders: string[] } };
    const reasons = Object.fromEntries(report.coverage.skipped.map((s) => [s.file, s.reason]));
    assert.deepEqual(reasons, { "secret_notes.py": "gitignored", "web/vendor.min.js": "minified", "big.py": "too-large", "blob.ts": "binary" });
    assert.equal(report.coverage.filesScanned, 2);
    assert.equal(report.coverage.filesScanned + report.coverage.filesSkipped, 6, "app.py, lib/util.ts and the four skipped files");
    assert.ok(report.coverage.excludedFolders.some((f) => f.endsWith("node_modules")));
    assert.ok(report.coverage.excludedFolders.some((f) => f.endsWith("env")));
    assert.ok(report.coverage.excludedFolders.some((f) => f.endsWith("ignored")));
  });

  it("lists links, pipes and unreadable folders in the coverage instead of following, reading or dropping them", function () {
    const dir = tree({ "app.py": CHAT_APP, "lib/helpers.py": "x = 1\n", "locked/inner.py": "x = 1\n" });
    symlinkSync(path.join(dir, "app.py"), path.join(dir, "linked_app.py"));
    symlinkSync(path.join(dir, "lib"), path.join(dir, "linked_lib"));
    symlinkSync(path.join(dir, "missing.py"), path.join(dir, "dangling.py"));
    assert.equal(spawnSync("mkfifo", [path.join(dir, "pipe.py")]).status, 0, "mkfifo");
    chmodSync(path.join(dir, "locked"), 0o000);
    const lockedReadable = (() => {
      try {
        readdirSync(path.join(dir, "locked"));
        return true;
      } catch {
        return false;
      }
    })();
    try {
      const report = JSON.parse(run(["scan", dir, "--format", "json"]).stdout) as { coverage: { filesScanned: number; skipped: Array<{ file: string; reason: string }>; excludedFolders: string[] } };
      const reasons = Object.fromEntries(report.coverage.skipped.map((s) => [s.file, s.reason]));
      assert.equal(reasons["linked_app.py"], "symlink");
      assert.equal(reasons["dangling.py"], "symlink");
      assert.equal(reasons["pipe.py"], "not-a-regular-file");
      // Root can read any folder: then it is scanned like the others.
      if (!lockedReadable) assert.equal(reasons["locked"], "unreadable");
      assert.ok(report.coverage.excludedFolders.some((f) => f.endsWith("linked_lib")));
      assert.equal(report.coverage.filesScanned, lockedReadable ? 3 : 2, "app.py, lib/helpers.py (and locked/inner.py when readable)");
      // A pipe named on the command line is not read either.
      const explicit = JSON.parse(run(["scan", path.join(dir, "pipe.py"), "--format", "json"]).stdout) as { coverage: { skipped: Array<{ reason: string }> } };
      assert.deepEqual(explicit.coverage.skipped.map((s) => s.reason), ["not-a-regular-file"]);
    } finally {
      chmodSync(path.join(dir, "locked"), 0o755);
    }
  });

  it("shows its progress on a terminal, and only there", () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), "genai-lint-progress-")), "report.json");
    // A pseudo-terminal from Python's standard library: what a developer's shell gives the CLI.
    const viaTerminal = spawnSync(
      "python3",
      ["-c", "import os, pty, sys\nout = b''\npid, fd = pty.fork()\nif pid == 0:\n    os.execv(sys.argv[1], sys.argv[1:])\nwhile True:\n    try:\n        data = os.read(fd, 4096)\n    except OSError:\n        break\n    if not data:\n        break\n    out += data\nsys.stdout.write(out.decode())", process.execPath, BIN, "scan", EXAMPLE, "--format", "json", "--output", out],
      { encoding: "utf8" },
    );
    assert.equal(viaTerminal.status, 0, viaTerminal.stderr);
    assert.match(viaTerminal.stdout, /genai-lint: parsing \d+ of \d+ files/);
    assert.match(viaTerminal.stdout, /genai-lint: following data flows, 100 %/);
    assert.ok(viaTerminal.stdout.endsWith("\r\u001b[2K"), "the progress line is cleared at the end");
    const piped = run(["scan", EXAMPLE, "--format", "json", "--output", out]);
    assert.equal(piped.stderr, "");
  });

  it("writes SARIF 2.1.0 that validates against the schema, with rule metadata and code flows", () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), "genai-lint-sarif-")), "report.sarif");
    const r = run(["scan", EXAMPLE, "--format", "sarif", "--output", out]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    const sarif = JSON.parse(readFileSync(out, "utf8")) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string; properties: { guidelineSections: string[] } }> } }; results: Array<{ ruleId: string; codeFlows?: unknown[] }> }> };
    const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif), ajv.errorsText(validate.errors));
    assert.equal(validate({ version: "2.1.0" }), false, "the schema check can fail");
    const rules = sarif.runs[0].tool.driver.rules;
    assert.ok(rules.find((x) => x.id === "DIS001")?.helpUri.endsWith("/DIS001.md"));
    assert.deepEqual(rules.find((x) => x.id === "WMK001")?.properties.guidelineSections, ["3.1", "3.2.1", "2.2.3", "App. 2.2.1"]);
    assert.ok(sarif.runs[0].results.some((x) => x.ruleId === "DIS001" && (x.codeFlows?.length ?? 0) > 0));
  });

  it("gives each traced finding a SARIF code flow from its source to the sink, with fingerprints, valid with a baseline too", () => {
    interface SarifLocation {
      physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
      message?: { text: string };
    }
    interface SarifResult {
      ruleId: string;
      message: { text: string };
      locations: SarifLocation[];
      codeFlows?: Array<{ threadFlows: Array<{ locations: Array<{ location: SarifLocation }> }> }>;
      partialFingerprints?: Record<string, string>;
      baselineState?: string;
    }
    type Sarif = { runs: Array<{ results: SarifResult[]; properties: { baseline?: { accepted: number; new: number; acceptedByRule: Record<string, number> } } }> };
    const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);

    const sarif = JSON.parse(run(["scan", EXAMPLE, "--format", "sarif"]).stdout) as Sarif;
    const json = JSON.parse(run(["scan", EXAMPLE, "--format", "json"]).stdout) as { findings: Array<{ rule: string; file: string; line: number; column: number; message: string; fingerprint: string; related: Array<{ file: string; line: number; column: number; message: string }> }> };
    const results = sarif.runs[0].results;
    assert.equal(results.length, json.findings.length);
    let flows = 0;
    results.forEach((result, i) => {
      const finding = json.findings[i];
      assert.equal(result.partialFingerprints?.["genaiLint/v1"], finding.fingerprint);
      assert.match(finding.fingerprint, /^[0-9a-f]{16}$/);
      if (finding.related.length === 0) {
        assert.equal(result.codeFlows, undefined);
        return;
      }
      flows++;
      const steps = result.codeFlows![0].threadFlows[0].locations.map((l) => l.location);
      const expected = [...finding.related, finding];
      assert.equal(steps.length, expected.length, "the related locations in order, then the sink");
      steps.forEach((step, j) => {
        assert.equal(step.physicalLocation.artifactLocation.uri, expected[j].file.split("/").map(encodeURIComponent).join("/"));
        assert.equal(step.physicalLocation.region.startLine, expected[j].line);
        assert.equal(step.physicalLocation.region.startColumn, expected[j].column);
        assert.equal(step.message?.text, expected[j].message);
      });
      assert.equal(steps[steps.length - 1].physicalLocation.region.startLine, result.locations[0].physicalLocation.region.startLine, "the flow ends at the finding");
    });
    assert.ok(flows >= 5, "the example traces AI output and personal data to several sinks");
    assert.ok(validate(sarif), ajv.errorsText(validate.errors));

    // With a baseline, SARIF holds only the new result, marked as new, and still validates.
    const copy = mkdtempSync(path.join(os.tmpdir(), "genai-lint-sarif-baseline-"));
    cpSync(EXAMPLE, copy, { recursive: true });
    assert.equal(run(["baseline", copy]).code, 0);
    writeFileSync(path.join(copy, "backend/extra.py"), CHAT_APP);
    const withBaseline = JSON.parse(run(["scan", copy, "--format", "sarif"]).stdout) as Sarif;
    assert.deepEqual(withBaseline.runs[0].results.map((r) => [r.ruleId, r.baselineState, r.locations[0].physicalLocation.artifactLocation.uri]), [["DIS001", "new", "backend/extra.py"]]);
    assert.equal(withBaseline.runs[0].results[0].codeFlows?.[0].threadFlows[0].locations.length, 2);
    const { acceptedByRule, ...totals } = withBaseline.runs[0].properties.baseline!;
    assert.deepEqual(totals, { file: "genai-lint.baseline.json", accepted: json.findings.length, new: 1 });
    assert.equal(Object.values(acceptedByRule).reduce((a, b) => a + b, 0), json.findings.length);
    assert.ok(validate(withBaseline), ajv.errorsText(validate.errors));
  });

  it("says what it could not resolve, with file and line, in the text summary and the JSON, SARIF, HTML and Markdown reports", () => {
    // An injected token no module provides and a module loaded by a computed name (resolved question 22).
    const dir = tree({
      "src/ask.controller.ts": [
        "import { Body, Controller, Inject, Post } from \"@nestjs/common\";",
        "@Controller(\"ask\")",
        "export class AskController {",
        "  constructor(@Inject(\"LLM_CLIENT\") private readonly llm: any) {}",
        "  @Post()",
        "  async ask(@Body() body: { q: string }) {",
        "    const provider = await import(`./providers/${body.q}`);",
        "    return { answer: await provider.ask(body.q) };",
        "  }",
        "}",
        "",
      ].join("\n"),
    });
    const where = ["src/ask.controller.ts:4", "src/ask.controller.ts:7"];
    const text = run(["scan", dir, "--format", "text"]).stdout;
    for (const w of where) assert.match(text, new RegExp(`note: ${w}: `));
    const json = JSON.parse(run(["scan", dir, "--format", "json"]).stdout) as { coverage: { notes: Array<{ file: string; line: number; message: string }> } };
    assert.deepEqual(json.coverage.notes.map((n) => `${n.file}:${n.line}`), where);
    assert.match(json.coverage.notes[0].message, /"LLM_CLIENT".*no module of the workspace provides/);
    assert.match(json.coverage.notes[1].message, /name computed at run time/);
    const sarif = JSON.parse(run(["scan", dir, "--format", "sarif"]).stdout) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> }> };
    const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif), ajv.errorsText(validate.errors));
    const located = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.locations?.[0]?.physicalLocation).map((l) => `${l?.artifactLocation.uri}:${l?.region.startLine}`);
    assert.deepEqual(located, where);
    const html = run(["scan", dir, "--format", "html"]).stdout;
    for (const w of where) assert.ok(html.includes(`<code>${w}</code>`), `HTML lists ${w}`);
    const md = run(["scan", dir, "--format", "markdown"]).stdout;
    for (const w of where) assert.ok(md.includes(w), `Markdown lists ${w}`);
  });
});
