// Restricted mode: in an untrusted workspace the config file cannot make the analysis trust more
// (marker names, rules turned off or lowered, excludes); it can still make it stricter. The user's
// own editor settings still count (the client sends only those in restricted mode).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Diagnostic } from "vscode-languageserver-protocol/node";
import type { ProjectConfig } from "../../server/src/core/config";
import { mergeConfig, restrictConfig } from "../../server/src/lsp/host";
import { DEFAULT_SETTINGS } from "../../server/src/protocol/settings";
import { LspClient } from "../harness/lspClient";

/** The answer goes through `stamp_notice`, which no built-in rule knows as a disclosure helper. */
const APP = `from flask import Flask, jsonify, request
from openai import OpenAI
from notices import stamp_notice

app = Flask(__name__)
client = OpenAI()


@app.post("/chat")
def chat():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": request.json["q"]}])
    return jsonify(answer=stamp_notice(r.choices[0].message.content))
`;

function workspace(config: ProjectConfig): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-trust-"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "app.py"), APP);
  writeFileSync(path.join(dir, "genai-lint.config.json"), JSON.stringify(config));
  return dir;
}

describe("untrusted workspaces (restricted mode)", function () {
  this.timeout(60_000);
  const clients: LspClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  async function diagnostics(config: ProjectConfig, untrusted: boolean, settings: Record<string, unknown> = {}): Promise<Diagnostic[]> {
    const client = new LspClient({ root: workspace(config), settings, initializationOptions: untrusted ? { untrustedWorkspace: true } : undefined });
    clients.push(client);
    await client.initialize();
    const uri = await client.open("app.py", APP, "python");
    return client.pull(uri);
  }
  const dis001 = (items: Diagnostic[]) => items.filter((d) => d.code === "DIS001");

  it("reports the finding when nothing vouches for the helper", async () => {
    assert.equal(dis001(await diagnostics({}, false)).length, 1);
  });

  it("honours a marker name from the config file in a trusted workspace and ignores it in an untrusted one", async () => {
    const config: ProjectConfig = { markers: { disclosure: ["stamp_notice"] } };
    assert.deepEqual(dis001(await diagnostics(config, false)), []);
    assert.equal(dis001(await diagnostics(config, true)).length, 1);
  });

  it("ignores rules turned off and excludes from the config file of an untrusted workspace", async () => {
    for (const config of [{ rules: { DIS001: { enabled: false } } }, { exclude: ["app.py"] }, { include: ["src/**"] }] satisfies ProjectConfig[]) {
      assert.deepEqual(dis001(await diagnostics(config, false)), [], `trusted: ${JSON.stringify(config)}`);
      assert.equal(dis001(await diagnostics(config, true)).length, 1, `untrusted: ${JSON.stringify(config)}`);
    }
  });

  it("keeps what makes an untrusted workspace's analysis stricter, and the user's own settings", async () => {
    const [raised] = dis001(await diagnostics({ rules: { DIS001: { severity: "error" } } }, true));
    assert.equal(raised.severity, 1, "a raised severity applies");
    const [lowered] = dis001(await diagnostics({ rules: { DIS001: { severity: "hint" } } }, true));
    assert.equal(lowered.severity, 2, "a lowered severity does not");
    assert.deepEqual(dis001(await diagnostics({}, true, { markers: { disclosure: ["stamp_notice"] } })), [], "the user's marker setting applies");
  });

  it("drops every widening setting of the config file, and only those", () => {
    const config: ProjectConfig = {
      profile: { sector: "medical", riskTier: "low" },
      rules: { DIS001: { enabled: false }, PII001: { severity: "error" }, CON002: { severity: "hint" } },
      markers: { redaction: ["scrub"] },
      sinks: { record: ["audit_log"] },
      sources: { personalData: ["patient_ref"] },
      disclosure: { labels: ["beep"], siteWide: [{ globs: ["**"], reason: "banner everywhere" }] },
      include: ["src/**"],
      exclude: ["**"],
      testFixtures: ["**"],
    };
    assert.deepEqual(restrictConfig(config), {
      profile: { sector: "medical", riskTier: undefined },
      rules: { PII001: { severity: "error" } },
      sinks: { record: ["audit_log"] },
      sources: { personalData: ["patient_ref"] },
    });
    const merged = mergeConfig(config, { ...DEFAULT_SETTINGS, exclude: ["vendor/**"] }, true);
    assert.deepEqual(merged.exclude, ["vendor/**"], "the user's own excludes remain");
    assert.deepEqual(merged.markers?.redaction, []);
    assert.deepEqual(mergeConfig(config, DEFAULT_SETTINGS, false).markers?.redaction, ["scrub"], "a trusted workspace keeps them");
  });
});
