// The accepted-risks file (genai-lint.suppressions.json): validation, agreement with its JSON schema, matching and expiry.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { acceptFindings } from "../../server/src/core/baseline/accept";
import { type AcceptedRisk, applyAcceptedRisks, parseAcceptedRisks, validateAcceptedRisks } from "../../server/src/core/baseline/acceptedRisks";
import { fingerprintFindings } from "../../server/src/core/baseline/fingerprint";
import { ConfigError } from "../../server/src/core/config";
import { ALL_RULE_METAS } from "../../server/src/core/ruleMetas";
import type { Finding } from "../../server/src/core/types";

const ROOT = path.resolve(__dirname, "../../..");
const BIN = path.join(ROOT, "server/out/genai-lint.js");
const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, "schemas/genai-lint.suppressions.schema.json"), "utf8")) as { properties: { suppressions: { items: { properties: { rule: { enum: string[] } } } } } };

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-risks-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const ENTRY = { rule: "DIS001", reason: "The kiosk shows a fixed 'AI assistant' banner above every answer.", author: "Chan Tai Man" };

const VALID: unknown[] = [
  { suppressions: [] },
  { $schema: "./schemas/genai-lint.suppressions.schema.json", suppressions: [ENTRY] },
  { suppressions: [{ ...ENTRY, fingerprint: "0123456789abcdef", path: "app/**/*.py", expires: "2026-02-28" }] },
  { suppressions: [{ ...ENTRY, rule: "SUP002", expires: "2024-02-29" }] },
];

const INVALID: Array<[unknown, string]> = [
  [[ENTRY], ""],
  [{}, "suppressions"],
  [{ suppressions: ENTRY }, "suppressions"],
  [{ suppressions: [], owner: "x" }, "owner"],
  [{ $schema: 1, suppressions: [] }, "$schema"],
  [{ suppressions: ["DIS001"] }, "suppressions[0]"],
  [{ suppressions: [{ reason: "r", author: "a" }] }, "suppressions[0].rule"],
  [{ suppressions: [{ ...ENTRY, rule: "DIS999" }] }, "suppressions[0].rule"],
  [{ suppressions: [{ rule: "DIS001", author: "a" }] }, "suppressions[0].reason"],
  [{ suppressions: [{ ...ENTRY, reason: "   " }] }, "suppressions[0].reason"],
  [{ suppressions: [{ rule: "DIS001", reason: "banner" }] }, "suppressions[0].author"],
  [{ suppressions: [{ ...ENTRY, author: 7 }] }, "suppressions[0].author"],
  [{ suppressions: [{ ...ENTRY, fingerprint: "ABCDEF0123456789" }] }, "suppressions[0].fingerprint"],
  [{ suppressions: [{ ...ENTRY, path: "" }] }, "suppressions[0].path"],
  [{ suppressions: [{ ...ENTRY, expires: "next year" }] }, "suppressions[0].expires"],
  [{ suppressions: [{ ...ENTRY, expires: "2025-02-30" }] }, "suppressions[0].expires"],
  [{ suppressions: [{ ...ENTRY, expires: "2025-1-5" }] }, "suppressions[0].expires"],
  [{ suppressions: [ENTRY, { ...ENTRY, until: "2025-01-01" }] }, "suppressions[1].until"],
];

function finding(ruleId: string, file: string, text: string, needle: string): Finding {
  const start = text.indexOf(needle);
  return { ruleId, file, start, end: start + needle.length, severity: "warning", message: { en: "Shown without disclosure.", zh: "未作標示。" }, related: [], fixes: [] };
}

describe("accepted-risks file", () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const schemaValidate = ajv.compile(SCHEMA);

  it("accepts the valid examples, and so does the JSON schema", () => {
    for (const json of VALID) {
      assert.doesNotThrow(() => validateAcceptedRisks(json, "s.json"), JSON.stringify(json));
      assert.ok(schemaValidate(json), `schema rejects ${JSON.stringify(json)}: ${ajv.errorsText(schemaValidate.errors)}`);
    }
  });

  it("rejects the invalid examples naming the path and what was expected, and so does the JSON schema", () => {
    for (const [json, at] of INVALID) {
      let error: unknown;
      try {
        validateAcceptedRisks(json, "/ws/genai-lint.suppressions.json");
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof ConfigError, `accepted ${JSON.stringify(json)}`);
      assert.equal(error.path, at, JSON.stringify(json));
      assert.match(error.message, /^\/ws\/genai-lint\.suppressions\.json: .*(expected|unknown)/);
      assert.equal(schemaValidate(json), false, `schema accepts ${JSON.stringify(json)}`);
    }
    assert.throws(() => parseAcceptedRisks("[1,", "s.json"), (e: unknown) => e instanceof ConfigError && /^s\.json: is not valid JSON/.test(e.message));
  });

  it("lists the same rule ids in the schema as the analyser has", () => {
    assert.deepEqual(SCHEMA.properties.suppressions.items.properties.rule.enum, ALL_RULE_METAS.map((m) => m.id));
  });

  it("matches by rule, fingerprint and path glob, the glob taken literally and never as a regular expression", () => {
    const text = "return jsonify(answer=a)\n";
    const inApp = finding("DIS001", "/ws/app.py", text, "jsonify(answer=a)");
    const inLookalike = finding("DIS001", "/ws/appXpy", text, "jsonify(answer=a)");
    const inPlus = finding("DIS001", "/ws/a+b.py", text, "jsonify(answer=a)");
    const otherRule = finding("CON001", "/ws/app.py", text, "jsonify(answer=a)");
    const all = [inApp, inLookalike, inPlus, otherRule];
    const projectPath = (f: string) => f.replace("/ws/", "");
    const fingerprints = fingerprintFindings(all, { textOf: () => text, projectPath });
    const apply = (risks: AcceptedRisk[]) => applyAcceptedRisks(all, risks, fingerprints, projectPath, "2025-06-01").suppressed.map((s) => s.finding);
    assert.deepEqual(apply([{ ...ENTRY, path: "app.py" }]), [inApp], "'.' is a character, not any character");
    assert.deepEqual(apply([{ ...ENTRY, path: "a+b.py" }]), [inPlus], "'+' is a character, not a repetition");
    assert.deepEqual(apply([{ ...ENTRY, fingerprint: fingerprints.get(inPlus) }]), [inPlus]);
    assert.deepEqual(apply([{ ...ENTRY, fingerprint: fingerprints.get(inPlus), path: "app.py" }]), [], "fingerprint and path must both match");
    assert.deepEqual(apply([{ ...ENTRY }]), [inApp, inLookalike, inPlus], "no fingerprint or path: every finding of the rule");
  });

  it("holds through the expiry day, then reports the finding again with a note; entries that match nothing are listed", () => {
    const text = "return jsonify(answer=a)\n";
    const f = finding("DIS001", "/ws/app.py", text, "jsonify(answer=a)");
    const context = { textOf: () => text, projectPath: () => "app.py" };
    const onTheDay = acceptFindings([f], { ...context, acceptedRisks: [{ ...ENTRY, expires: "2025-06-01" }], today: "2025-06-01" });
    assert.deepEqual([onTheDay.findings.length, onTheDay.suppressed.length], [0, 1]);
    const dayAfter = acceptFindings([f], { ...context, acceptedRisks: [{ ...ENTRY, expires: "2025-06-01" }, { ...ENTRY, rule: "SEC001" }], today: "2025-06-02" });
    assert.equal(dayAfter.suppressed.length, 0);
    assert.equal(dayAfter.findings.length, 1);
    assert.match(dayAfter.findings[0].message.en, /^Shown without disclosure\. \(Accepted risk expired on 2025-06-01: reason was "The kiosk.*", accepted by Chan Tai Man\.\)$/);
    assert.match(dayAfter.findings[0].message.zh, /已於 2025-06-01 到期/);
    assert.equal(dayAfter.fingerprints.get(dayAfter.findings[0]), dayAfter.fingerprints.get(f), "the noted finding keeps its fingerprint");
    assert.deepEqual(dayAfter.unusedRisks.map((r) => r.rule), ["SEC001"]);
  });

  it("reports an expired acceptance even when the baseline holds the finding", () => {
    const text = "return jsonify(answer=a)\n";
    const f = finding("DIS001", "/ws/app.py", text, "jsonify(answer=a)");
    const context = { textOf: () => text, projectPath: () => "app.py" };
    const fingerprint = fingerprintFindings([f], context).get(f)!;
    const baseline = { version: 1 as const, findings: [{ rule: "DIS001", file: "app.py", fingerprint }] };
    assert.equal(acceptFindings([f], { ...context, baseline, today: "2025-06-02" }).findings.length, 0);
    const result = acceptFindings([f], { ...context, baseline, acceptedRisks: [{ ...ENTRY, expires: "2025-06-01" }], today: "2025-06-02" });
    assert.equal(result.findings.length, 1);
    assert.equal(result.baselineAccepted.length, 0);
  });
});

describe("genai-lint scan with an accepted-risks file", function () {
  this.timeout(30000);
  const APP = `from flask import Flask, jsonify, request
from openai import OpenAI
app = Flask(__name__)
client = OpenAI(api_key="sk-proj-Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2V3b4")

@app.post("/chat")
def chat():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": request.json["q"]}])
    return jsonify(answer=r.choices[0].message.content)
`;

  interface JsonReport {
    findings: Array<{ rule: string; message: string; fingerprint: string; line: number; column: number }>;
    suppressed: Array<{ rule: string; via: string; reason?: string; author?: string; expires?: string }>;
    coverage: { notes: Array<{ rule?: string; message: string }> };
  }

  it("suppresses live entries with their reason and author, and brings expired ones back with a note", () => {
    const dir = tree({ "app.py": APP });
    const before = JSON.parse(run(["scan", dir, "--format", "json"]).stdout) as JsonReport;
    const key = before.findings.find((f) => f.rule === "SEC001")!;
    writeFileSync(
      path.join(dir, "genai-lint.suppressions.json"),
      JSON.stringify({
        suppressions: [
          { rule: "DIS001", path: "app.py", reason: "A banner above the chat says answers are AI-generated.", author: "Wong Siu Ming", expires: "2999-12-31" },
          { rule: "SEC001", fingerprint: key.fingerprint, reason: "Test key, rotated before launch.", author: "Chan Tai Man", expires: "2020-01-31" },
        ],
      }),
    );
    const r = run(["scan", dir, "--format", "json"]);
    assert.equal(r.code, 1, "the expired acceptance of the key is an error again");
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.findings.map((f) => f.rule), ["SEC001"]);
    assert.match(report.findings[0].message, /Accepted risk expired on 2020-01-31/);
    const disclosure = before.findings.find((f) => f.rule === "DIS001")!;
    assert.deepEqual(report.suppressed, [
      { rule: "DIS001", severity: "warning", message: disclosure.message, file: "app.py", line: disclosure.line, column: disclosure.column, fingerprint: disclosure.fingerprint, via: "suppressions-file", reason: "A banner above the chat says answers are AI-generated.", author: "Wong Siu Ming", expires: "2999-12-31" },
    ]);
    assert.ok(report.coverage.notes.some((n) => n.rule === "SEC001" && /expired on 2020-01-31/.test(n.message)));
    const text = run(["scan", dir]).stdout;
    assert.match(text, /Suppressed: 1 \(0 by comments, 1 by the accepted-risks file\)/);
    const zh = JSON.parse(run(["scan", dir, "--format", "json", "--locale", "zh-hk"]).stdout) as JsonReport;
    assert.match(zh.findings[0].message, /已接受的風險已於 2020-01-31 到期/);
  });

  it("reads --suppressions FILE and reports a bad file with exit code 2 and one line", () => {
    const dir = tree({ "app.py": APP });
    const other = path.join(mkdtempSync(path.join(os.tmpdir(), "genai-lint-risks-file-")), "risks.json");
    writeFileSync(other, JSON.stringify({ suppressions: [{ rule: "DIS001", reason: "Banner on every page.", author: "Lee" }] }));
    const report = JSON.parse(run(["scan", dir, "--format", "json", "--suppressions", other]).stdout) as JsonReport;
    assert.deepEqual(report.findings.map((f) => f.rule), ["SEC001"]);

    writeFileSync(path.join(dir, "genai-lint.suppressions.json"), JSON.stringify({ suppressions: [{ rule: "DIS001", reason: "Banner on every page." }] }));
    const missingAuthor = run(["scan", dir]);
    assert.equal(missingAuthor.code, 2);
    assert.equal(missingAuthor.stderr.trim().split("\n").length, 1, missingAuthor.stderr);
    assert.match(missingAuthor.stderr, /^genai-lint: .*genai-lint\.suppressions\.json: suppressions\[0\]\.author: expected the person who accepted the risk/);

    writeFileSync(path.join(dir, "genai-lint.suppressions.json"), "{ \"suppressions\": [ }");
    const notJson = run(["scan", dir]);
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /genai-lint\.suppressions\.json: is not valid JSON/);

    const missing = run(["scan", dir, "--suppressions", path.join(dir, "none.json")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /none\.json: cannot be read/);
  });
});
