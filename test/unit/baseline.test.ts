// Fingerprints, the baseline file and `genai-lint baseline`: findings survive line moves and unrelated edits.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv from "ajv";
import { applyBaseline, createBaseline, parseBaseline, validateBaseline } from "../../server/src/core/baseline/baseline";
import { fingerprintFindings } from "../../server/src/core/baseline/fingerprint";
import { fnv1a64 } from "../../server/src/core/baseline/hash";
import { ConfigError } from "../../server/src/core/config";
import type { Finding } from "../../server/src/core/types";

const ROOT = path.resolve(__dirname, "../../..");
const BIN = path.join(ROOT, "server/out/genai-lint.js");
const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, "schemas/genai-lint.baseline.schema.json"), "utf8")) as object;

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-baseline-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A finding on the first occurrence (at or after `from`) of `needle` in `text`. */
function findingAt(text: string, needle: string, ruleId = "DIS001", file = "/ws/app.py", from = 0): Finding {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `${needle} not in text`);
  return { ruleId, file, start, end: start + needle.length, severity: "warning", message: { en: "m", zh: "m" }, related: [], fixes: [] };
}

interface JsonReport {
  findings: Array<{ rule: string; file: string; line: number; fingerprint?: string; message: string }>;
  baseline?: { file: string; accepted: number; new: number; acceptedByRule?: Record<string, number> };
}

const APP = `from flask import Flask, jsonify, request
from openai import OpenAI
app = Flask(__name__)
client = OpenAI(api_key="sk-proj-Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2V3b4")


def greet(name):
    return "Hello " + name


@app.post("/chat")
def chat():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": request.json["q"]}])
    return jsonify(answer=r.choices[0].message.content)
`;

describe("fingerprints", () => {
  it("computes FNV-1a 64 over UTF-8 like the reference vectors", () => {
    assert.equal(fnv1a64(""), "cbf29ce484222325");
    assert.equal(fnv1a64("a"), "af63dc4c8601ec8c");
    assert.equal(fnv1a64("foobar"), "85944171f73967e8");
    // Non-ASCII text hashes its UTF-8 bytes: "é" is C3 A9, the same as hashing those two bytes as Latin-1 code points would not be.
    assert.notEqual(fnv1a64("é"), fnv1a64("\u00c3\u00a9"));
  });

  it("do not change when lines move or whitespace around the code changes", () => {
    const before = "import x\n\ndef f():\n    return jsonify(answer=a)\n";
    const after = "import x\nimport y\n\n\n# a comment\ndef f():\n        return   jsonify(answer=a)\n";
    const a = findingAt(before, "jsonify(answer=a)");
    const b = findingAt(after, "jsonify(answer=a)");
    const fa = fingerprintFindings([a], { textOf: () => before, projectPath: () => "app.py" }).get(a);
    const fb = fingerprintFindings([b], { textOf: () => after, projectPath: () => "app.py" }).get(b);
    assert.match(fa!, /^[0-9a-f]{16}$/);
    assert.equal(fa, fb);
  });

  it("change with the rule, the file, the flagged code and the line it sits on", () => {
    const text = "def f():\n    return jsonify(answer=a)\n";
    const f = findingAt(text, "jsonify(answer=a)");
    const base = fingerprintFindings([f], { textOf: () => text, projectPath: () => "app.py" }).get(f);
    const otherRule = { ...f, ruleId: "CON001" };
    assert.notEqual(fingerprintFindings([otherRule], { textOf: () => text, projectPath: () => "app.py" }).get(otherRule), base);
    assert.notEqual(fingerprintFindings([f], { textOf: () => text, projectPath: () => "api/app.py" }).get(f), base);
    const changedSpan = "def f():\n    return jsonify(answer=b)\n";
    const g = findingAt(changedSpan, "jsonify(answer=b)");
    assert.notEqual(fingerprintFindings([g], { textOf: () => changedSpan, projectPath: () => "app.py" }).get(g), base);
    const changedLine = "def f():\n    return jsonify(answer=a), 201\n";
    const h = findingAt(changedLine, "jsonify(answer=a)");
    assert.notEqual(fingerprintFindings([h], { textOf: () => changedLine, projectPath: () => "app.py" }).get(h), base);
  });

  it("tell identical lines apart by their order in the file, whatever order the findings come in", () => {
    const text = "return jsonify(answer=a)\nreturn jsonify(answer=a)\n";
    const first = findingAt(text, "jsonify(answer=a)");
    const second = findingAt(text, "jsonify(answer=a)", "DIS001", "/ws/app.py", first.end);
    const context = { textOf: () => text, projectPath: () => "app.py" };
    const forward = fingerprintFindings([first, second], context);
    const backward = fingerprintFindings([second, first], context);
    assert.notEqual(forward.get(first), forward.get(second));
    assert.equal(forward.get(first), backward.get(first));
    assert.equal(forward.get(second), backward.get(second));
  });
});

describe("baseline file", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const schemaValidate = ajv.compile(SCHEMA);
  const VALID: unknown[] = [
    { version: 1, findings: [] },
    { $schema: "./schemas/genai-lint.baseline.schema.json", version: 1, tool: "genai-lint 0.1.0", findings: [{ rule: "DIS001", file: "app.py", fingerprint: "0123456789abcdef", line: 3, message: "m" }] },
  ];
  const INVALID: Array<[unknown, string]> = [
    [[], ""],
    [{ findings: [] }, "version"],
    [{ version: 2, findings: [] }, "version"],
    [{ version: 1 }, "findings"],
    [{ version: 1, findings: [], extra: true }, "extra"],
    [{ version: 1, $schema: 3, findings: [] }, "$schema"],
    [{ version: 1, findings: ["x"] }, "findings[0]"],
    [{ version: 1, findings: [{ rule: "dis1", file: "a.py", fingerprint: "0123456789abcdef" }] }, "findings[0].rule"],
    [{ version: 1, findings: [{ rule: "DIS001", file: "", fingerprint: "0123456789abcdef" }] }, "findings[0].file"],
    [{ version: 1, findings: [{ rule: "DIS001", file: "a.py", fingerprint: "0123" }] }, "findings[0].fingerprint"],
    [{ version: 1, findings: [{ rule: "DIS001", file: "a.py", fingerprint: "0123456789abcdef", line: 0 }] }, "findings[0].line"],
    [{ version: 1, findings: [{ rule: "DIS001", file: "a.py", fingerprint: "0123456789abcdef", col: 1 }] }, "findings[0].col"],
  ];

  it("accepts the valid examples, and so does the JSON schema", () => {
    for (const json of VALID) {
      assert.doesNotThrow(() => validateBaseline(json, "b.json"), JSON.stringify(json));
      assert.ok(schemaValidate(json), `schema rejects ${JSON.stringify(json)}: ${ajv.errorsText(schemaValidate.errors)}`);
    }
  });

  it("rejects the invalid examples naming the path, and so does the JSON schema", () => {
    for (const [json, at] of INVALID) {
      assert.throws(
        () => validateBaseline(json, "/ws/genai-lint.baseline.json"),
        (e: unknown) => e instanceof ConfigError && e.path === at && /^\/ws\/genai-lint\.baseline\.json: .*(expected|unknown)/.test(e.message),
        JSON.stringify(json),
      );
      assert.equal(schemaValidate(json), false, `schema accepts ${JSON.stringify(json)}`);
    }
    assert.throws(() => parseBaseline("{", "b.json"), /^Error: b\.json: is not valid JSON/);
  });

  it("accepts each baselined finding once and reports the rest as new", () => {
    const text = "return jsonify(answer=a)\nreturn jsonify(answer=a)\nlog(prompt)\n";
    const a = findingAt(text, "jsonify(answer=a)");
    const b = findingAt(text, "jsonify(answer=a)", "DIS001", "/ws/app.py", a.end);
    const c = findingAt(text, "log(prompt)", "CON001");
    const fingerprints = fingerprintFindings([a, b, c], { textOf: () => text, projectPath: () => "app.py" });
    const baseline = createBaseline([{ rule: "DIS001", file: "app.py", fingerprint: fingerprints.get(a)! }, { rule: "CON001", file: "app.py", fingerprint: fingerprints.get(c)! }]);
    const { newFindings, accepted } = applyBaseline([a, b, c], baseline, fingerprints);
    assert.deepEqual(accepted, [a, c]);
    assert.deepEqual(newFindings, [b]);
  });
});

describe("genai-lint baseline", function () {
  this.timeout(60000);

  it("writes the findings; an unchanged copy, moved lines and unrelated edits report nothing new; a new finding is exactly one", () => {
    const original = tree({ "app.py": APP, "lib/helpers.py": "def unrelated():\n    return 1\n" });
    const made = run(["baseline", original]);
    assert.equal(made.code, 0, made.stderr);
    const baselineFile = path.join(original, "genai-lint.baseline.json");
    const baseline = JSON.parse(readFileSync(baselineFile, "utf8")) as { version: number; findings: Array<{ rule: string; file: string; fingerprint: string }> };
    assert.equal(baseline.version, 1);
    assert.deepEqual(baseline.findings.map((f) => f.rule).sort(), ["DIS001", "SEC001"]);
    assert.ok(baseline.findings.every((f) => f.file === "app.py" && /^[0-9a-f]{16}$/.test(f.fingerprint)));
    assert.match(made.stdout, /wrote 2 findings to .*genai-lint\.baseline\.json/);

    // A copy elsewhere: paths are relative, so the baseline still holds.
    const copy = mkdtempSync(path.join(os.tmpdir(), "genai-lint-baseline-copy-"));
    cpSync(original, copy, { recursive: true });
    const unchanged = run(["scan", copy, "--format", "json"]);
    assert.equal(unchanged.code, 0, "the SEC001 error is in the baseline");
    const unchangedReport = JSON.parse(unchanged.stdout) as JsonReport;
    assert.deepEqual(unchangedReport.findings, []);
    assert.deepEqual(unchangedReport.baseline, { file: "genai-lint.baseline.json", accepted: 2, new: 0, acceptedByRule: { DIS001: 1, SEC001: 1 } });

    // Lines inserted above the findings and an unrelated function edited.
    const moved = APP.replace("from flask import", "import logging\nimport os\n\n# Chat endpoint for the kiosk.\nfrom flask import").replace('return "Hello " + name', 'greeting = "Hi"\n    return greeting + ", " + name.title()');
    writeFileSync(path.join(copy, "app.py"), moved);
    writeFileSync(path.join(copy, "lib/helpers.py"), "def unrelated():\n    value = 2\n    return value\n");
    const afterEdits = JSON.parse(run(["scan", copy, "--format", "json"]).stdout) as JsonReport;
    assert.deepEqual(afterEdits.findings, []);
    assert.equal(afterEdits.baseline?.accepted, 2);

    // One more route showing AI output: exactly one new finding.
    writeFileSync(path.join(copy, "app.py"), moved + `

@app.post("/summary")
def summary():
    s = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": request.json["text"]}])
    return jsonify(summary=s.choices[0].message.content)
`);
    const withNew = run(["scan", copy, "--format", "json"]);
    const withNewReport = JSON.parse(withNew.stdout) as JsonReport;
    assert.equal(withNewReport.findings.length, 1, JSON.stringify(withNewReport.findings));
    assert.equal(withNewReport.findings[0].rule, "DIS001");
    assert.match(withNewReport.findings[0].message, /AI-generated/);
    assert.deepEqual(withNewReport.baseline, { file: "genai-lint.baseline.json", accepted: 2, new: 1, acceptedByRule: { DIS001: 1, SEC001: 1 } });
    const text = run(["scan", copy]);
    assert.match(text.stdout, /Baseline: 2 accepted by genai-lint\.baseline\.json, 1 new/);

    // --no-baseline shows everything again; --baseline names a file anywhere.
    const all = JSON.parse(run(["scan", copy, "--format", "json", "--no-baseline"]).stdout) as JsonReport;
    assert.equal(all.findings.length, 3);
    assert.equal(all.baseline, undefined);
    const elsewhere = path.join(mkdtempSync(path.join(os.tmpdir(), "genai-lint-baseline-file-")), "accepted.json");
    assert.equal(run(["baseline", copy, "--output", elsewhere]).code, 0);
    const explicit = JSON.parse(run(["scan", copy, "--format", "json", "--baseline", elsewhere]).stdout) as JsonReport;
    assert.deepEqual([explicit.findings.length, explicit.baseline?.accepted], [0, 3]);
  });

  it("reports a bad or missing baseline file with exit code 2, the file, the path in it and what was expected", () => {
    const dir = tree({ "app.py": APP, "genai-lint.baseline.json": JSON.stringify({ version: 1, findings: [{ rule: "DIS001", file: "app.py", fingerprint: "XYZ" }] }) });
    const bad = run(["scan", dir]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim().split("\n").length, 1);
    assert.match(bad.stderr, /^genai-lint: .*genai-lint\.baseline\.json: findings\[0\]\.fingerprint: expected 16 lower-case hex digits/);
    const missing = run(["scan", dir, "--baseline", path.join(dir, "nope.json")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: cannot be read/);
    assert.equal(run(["scan", dir, "--no-baseline"]).code, 1, "--no-baseline ignores the bad file");
  });

  it("takes only the options that make sense for writing a baseline", () => {
    const r = run(["baseline", ".", "--format", "json"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format is an option of scan, not of baseline/);
  });
});
