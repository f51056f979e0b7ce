// The configuration file: precise errors, agreement with the shipped JSON schema, resolution into settings.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { ConfigError, parseConfig, resolveSettings, validateConfig } from "../../server/src/core/config";

const SCHEMA = JSON.parse(readFileSync(path.resolve(__dirname, "../../../schemas/genai-lint.config.schema.json"), "utf8")) as object;

const VALID: unknown[] = [
  {},
  { profile: { sector: "medical", riskTier: "high" } },
  { rules: { DIS001: "error", SEC002: "off", CON002: { severity: "warning" }, PII002: false } },
  { markers: { disclosure: ["stampAi"], redaction: ["scrub"], consentGuard: ["hasAiConsent"], consentRecord: ["consentAudit"], watermark: ["signC2pa"] } },
  { sinks: { userFacing: ["sendToKiosk"], record: ["auditTrail.write"] }, sources: { request: ["payload"], personalData: ["hk_identity"] } },
  { disclosure: { labels: ["機器生成"], siteWide: [{ globs: ["app/**"], reason: "A banner on every page says answers are AI-generated." }] } },
  { include: ["src/**"], exclude: ["src/legacy/**"], testFixtures: ["**/tests/**"], $schema: "./schema.json" },
];

const INVALID: Array<[unknown, string]> = [
  [[], ""],
  [{ rule: {} }, "rule"],
  [{ rules: { DIS999: "error" } }, "rules.DIS999"],
  [{ rules: { DIS001: "loud" } }, "rules.DIS001"],
  [{ rules: { DIS001: { severity: "fatal" } } }, "rules.DIS001.severity"],
  [{ rules: { DIS001: { level: "error" } } }, "rules.DIS001.level"],
  [{ profile: { sector: "gaming" } }, "profile.sector"],
  [{ profile: { riskTier: "medium" } }, "profile.riskTier"],
  [{ markers: { disclosure: "stampAi" } }, "markers.disclosure"],
  [{ markers: { disclosure: [""] } }, "markers.disclosure[0]"],
  [{ markers: { labels: ["x"] } }, "markers.labels"],
  [{ disclosure: { siteWide: [{ globs: ["app/**"] }] } }, "disclosure.siteWide[0].reason"],
  [{ disclosure: { siteWide: [{ globs: [], reason: "banner" }] } }, "disclosure.siteWide[0].globs"],
  [{ exclude: "dist" }, "exclude"],
];

describe("configuration", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const schemaValidate = ajv.compile(SCHEMA);

  it("accepts the valid examples, and so does the JSON schema", () => {
    for (const config of VALID) {
      assert.doesNotThrow(() => validateConfig(config, "genai-lint.config.json"), JSON.stringify(config));
      assert.ok(schemaValidate(config), `schema rejects ${JSON.stringify(config)}: ${ajv.errorsText(schemaValidate.errors)}`);
    }
  });

  it("rejects the invalid examples naming the path, and so does the JSON schema", () => {
    for (const [config, pathInFile] of INVALID) {
      let error: unknown;
      try {
        validateConfig(config, "/ws/genai-lint.config.json");
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof ConfigError, `accepted ${JSON.stringify(config)}`);
      assert.equal((error as ConfigError).path, pathInFile);
      assert.match((error as ConfigError).message, /^\/ws\/genai-lint\.config\.json: /);
      assert.match((error as ConfigError).message, /expected|unknown/);
      assert.equal(schemaValidate(config), false, `schema accepts ${JSON.stringify(config)}`);
    }
  });

  it("reports invalid JSON with the file name", () => {
    assert.throws(() => parseConfig("{ rules: }", "cfg.json"), (e: unknown) => e instanceof ConfigError && /^cfg\.json: is not valid JSON/.test((e as Error).message));
  });

  it("applies rule severities, the risk tier and enablement", () => {
    const high = resolveSettings({ profile: { riskTier: "high" } }, (f) => f);
    assert.equal(high.rules.DIS001.severity, "error");
    assert.equal(high.rules.CON002.severity, "warning");
    const low = resolveSettings(validateConfig({ profile: { riskTier: "low" }, rules: { SEC002: "off", DIS001: "hint" } }, "cfg.json"), (f) => f);
    assert.equal(low.rules.CON001.severity, "information");
    assert.equal(low.rules.SEC001.severity, "error", "keys stay errors whatever the tier");
    assert.equal(low.rules.SEC002.enabled, false);
    assert.equal(low.rules.DIS001.severity, "hint", "an explicit severity wins over the tier");
  });

  it("matches test-fixture and site-wide disclosure globs on workspace-relative paths", () => {
    const settings = resolveSettings({ disclosure: { siteWide: [{ globs: ["app/chat/**"], reason: "banner in the chat layout" }] } }, (f) => f.replace(/^\/ws\//, ""));
    assert.equal(settings.ruleOptions.siteDisclosure("/ws/app/chat/page.tsx"), true);
    assert.equal(settings.ruleOptions.siteDisclosure("/ws/app/admin/page.tsx"), false);
    assert.equal(settings.ruleOptions.testFixture("/ws/tests/test_chat.py"), true);
    assert.equal(settings.ruleOptions.testFixture("/ws/app/chat.py"), false);
  });
});
