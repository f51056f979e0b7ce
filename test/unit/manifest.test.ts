// package.json's contributions against the code that serves them: settings, translations, commands.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SETTINGS, flattenSettings, normaliseSettings } from "../../server/src/protocol/settings";
import { ALL_RULE_METAS } from "../../server/src/core/ruleMetas";

const ROOT = path.resolve(__dirname, "../../..");
const readJson = (rel: string) => JSON.parse(readFileSync(path.join(ROOT, rel), "utf8")) as Record<string, any>;
const manifest = readJson("package.json");
const properties: Record<string, any> = Object.assign({}, ...manifest.contributes.configuration.map((c: any) => c.properties));
/** Settings VS Code itself reads (the language client's trace), not mirrored in ServerSettings. */
const CLIENT_ONLY = new Set(["genaiLint.trace.server"]);

describe("extension manifest", () => {
  it("declares exactly the settings of ServerSettings, with the same defaults", () => {
    const declared = Object.keys(properties).filter((k) => !CLIENT_ONLY.has(k)).sort();
    const mirrored = Object.keys(flattenSettings()).map((k) => `genaiLint.${k}`).sort();
    assert.deepEqual(declared, mirrored);
    for (const [key, value] of Object.entries(flattenSettings())) {
      assert.deepEqual(properties[`genaiLint.${key}`].default, value, `default of genaiLint.${key}`);
    }
  });

  it("declares every setting resource-scoped, described, and typed as the server reads it", () => {
    for (const [key, prop] of Object.entries(properties)) {
      if (!CLIENT_ONLY.has(key)) assert.equal(prop.scope, "resource", `${key} scope`);
      assert.match(prop.markdownDescription ?? prop.description ?? "", /^%.+%$/, `${key} description is localised`);
      if (prop.enum) {
        // Every allowed value survives normalisation (the server understands it).
        for (const value of prop.enum) {
          const leaf = key.replace(/^genaiLint\./, "");
          if (leaf.includes(".")) continue;
          assert.equal((normaliseSettings({ [leaf]: value }) as any)[leaf], value, `${key}=${value}`);
        }
      }
    }
    const ruleIds = ALL_RULE_METAS.map((m) => m.id).sort();
    assert.deepEqual([...properties["genaiLint.rules"].propertyNames.enum].sort(), ruleIds);
    assert.deepEqual(normaliseSettings({ rules: { DIS001: "off", CON001: "loud" } }).rules, { DIS001: "off" });
    assert.equal(normaliseSettings({ limits: { timeBudgetMs: 10 } }).limits.timeBudgetMs, properties["genaiLint.limits.timeBudgetMs"].minimum);
    assert.equal(DEFAULT_SETTINGS.limits.maxFileSizeKB, properties["genaiLint.limits.maxFileSizeKB"].default);
  });

  it("has every %placeholder% in English and Traditional Chinese, and nothing unused", () => {
    const used = new Set([...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    for (const file of ["package.nls.json", "package.nls.zh-tw.json"]) {
      const nls = readJson(file);
      for (const key of used) assert.ok(typeof nls[key] === "string" && nls[key].trim(), `${file} lacks ${key}`);
      for (const key of Object.keys(nls)) assert.ok(used.has(key), `${file} has unused key ${key}`);
    }
    const zh = readJson("package.nls.zh-tw.json");
    for (const key of used) assert.match(zh[key], /[\u4e00-\u9fff]/, `${key} is not translated`);
  });

  it("translates every vscode.l10n.t string of the client", () => {
    const bundle = readJson("l10n/bundle.l10n.zh-tw.json");
    const strings = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".ts")) for (const m of readFileSync(full, "utf8").matchAll(/l10n\.t\(\s*"((?:[^"\\]|\\.)*)"/g)) strings.add(JSON.parse(`"${m[1]}"`));
      }
    };
    walk(path.join(ROOT, "client/src"));
    assert.ok(strings.size > 0);
    for (const s of strings) {
      assert.ok(typeof bundle[s] === "string", `l10n bundle lacks "${s}"`);
      const placeholders = (x: string) => [...x.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
      assert.deepEqual(placeholders(bundle[s]), placeholders(s), `placeholders of "${s}"`);
    }
    for (const key of Object.keys(bundle)) assert.ok(strings.has(key), `l10n bundle has unused "${key}"`);
  });

  it("implements every contributed command in the client", () => {
    const source = readdirSync(path.join(ROOT, "client/src"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => readFileSync(path.join(ROOT, "client/src", f), "utf8"))
      .join("\n");
    for (const command of manifest.contributes.commands) assert.ok(source.includes(`registerCommand("${command.command}"`), `${command.command} is not registered`);
  });
});
