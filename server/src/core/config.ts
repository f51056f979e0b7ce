// The project configuration (`genai-lint.config.json`): data only, validated
// with precise messages (file, path in the file, what was expected), then
// resolved into analysis settings. Nothing in it is executed.
import type { AnalysisSettings, RuleSetting } from "./analyze";
import type { Vocabulary } from "./analysis/engine/index";
import { RULES } from "./rules";
import type { Severity } from "./types";
import { compileGlobs } from "./util/glob";

export const CONFIG_FILE_NAME = "genai-lint.config.json";

export const SECTORS = ["finance", "medical", "legal", "education", "news", "tourism", "retail", "logistics", "industry", "other"] as const;
export const RISK_TIERS = ["unacceptable", "high", "limited", "low"] as const;
export const SEVERITIES = ["error", "warning", "information", "hint"] as const;

export interface RuleConfig {
  enabled?: boolean;
  severity?: Severity;
}

export interface ProjectConfig {
  profile?: { sector?: (typeof SECTORS)[number]; riskTier?: (typeof RISK_TIERS)[number] };
  rules?: Record<string, RuleConfig>;
  markers?: { disclosure?: string[]; redaction?: string[]; consentGuard?: string[]; consentRecord?: string[]; watermark?: string[] };
  sinks?: { userFacing?: string[]; record?: string[] };
  sources?: { request?: string[]; personalData?: string[] };
  disclosure?: { labels?: string[]; siteWide?: Array<{ globs: string[]; reason: string }> };
  include?: string[];
  exclude?: string[];
  testFixtures?: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${file}: ${path ? `${path}: ` : ""}${expected}`);
  }
}

/** Globs of test fixtures that PII002 skips by default. */
export const DEFAULT_TEST_FIXTURES = ["**/test/**", "**/tests/**", "**/__tests__/**", "**/fixtures/**", "**/__fixtures__/**", "**/*.test.*", "**/*.spec.*", "**/test_*.py", "**/*_test.py", "**/conftest.py"];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parses and validates the text of a config file. Throws ConfigError naming the path and what was expected. */
export function parseConfig(text: string, file: string): ProjectConfig {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new ConfigError(file, "", `is not valid JSON (${msg})`);
  }
  return validateConfig(json, file);
}

export function validateConfig(json: unknown, file: string): ProjectConfig {
  const fail = (path: string, expected: string): never => {
    throw new ConfigError(file, path, expected);
  };
  if (!isObject(json)) fail("", "expected a JSON object at the top level");
  const root = json as Record<string, Json>;
  const known = ["$schema", "profile", "rules", "markers", "sinks", "sources", "disclosure", "include", "exclude", "testFixtures"];
  for (const k of Object.keys(root)) if (!known.includes(k)) fail(k, `unknown setting; expected one of ${known.filter((x) => x !== "$schema").join(", ")}`);
  const stringList = (v: Json | undefined, path: string): string[] | undefined => {
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) fail(path, "expected an array of strings");
    (v as Json[]).forEach((s, i) => {
      if (typeof s !== "string" || s.length === 0) fail(`${path}[${i}]`, "expected a non-empty string");
      if ((s as string).length > 500) fail(`${path}[${i}]`, "expected a string of at most 500 characters");
    });
    return v as string[];
  };
  const section = (key: string, fields: readonly string[]): Record<string, string[]> | undefined => {
    const v = root[key];
    if (v === undefined) return undefined;
    if (!isObject(v)) fail(key, "expected an object");
    const out: Record<string, string[]> = {};
    for (const [k, val] of Object.entries(v as Record<string, Json>)) {
      if (!fields.includes(k)) fail(`${key}.${k}`, `unknown key; expected one of ${fields.join(", ")}`);
      out[k] = stringList(val, `${key}.${k}`)!;
    }
    return out;
  };
  const config: ProjectConfig = {};
  if (root.profile !== undefined) {
    if (!isObject(root.profile)) fail("profile", "expected an object with sector and riskTier");
    const p = root.profile as Record<string, Json>;
    for (const k of Object.keys(p)) if (k !== "sector" && k !== "riskTier") fail(`profile.${k}`, "unknown key; expected sector or riskTier");
    if (p.sector !== undefined && !SECTORS.includes(p.sector as never)) fail("profile.sector", `expected one of ${SECTORS.join(", ")}`);
    if (p.riskTier !== undefined && !RISK_TIERS.includes(p.riskTier as never)) fail("profile.riskTier", `expected one of ${RISK_TIERS.join(", ")}`);
    config.profile = p as ProjectConfig["profile"];
  }
  if (root.rules !== undefined) {
    if (!isObject(root.rules)) fail("rules", "expected an object keyed by rule id");
    config.rules = {};
    for (const [id, v] of Object.entries(root.rules as Record<string, Json>)) {
      if (!RULES.some((r) => r.meta.id === id) && id !== "SUP001" && id !== "SUP002") fail(`rules.${id}`, `unknown rule id; expected one of ${[...RULES.map((r) => r.meta.id), "SUP001", "SUP002"].join(", ")}`);
      if (typeof v === "string") {
        if (v === "off") config.rules[id] = { enabled: false };
        else if (SEVERITIES.includes(v as Severity)) config.rules[id] = { enabled: true, severity: v as Severity };
        else fail(`rules.${id}`, `expected "off", ${SEVERITIES.map((s) => `"${s}"`).join(", ")} or an object`);
      } else if (typeof v === "boolean") config.rules[id] = { enabled: v };
      else if (isObject(v)) {
        const rc: RuleConfig = {};
        for (const [k, val] of Object.entries(v)) {
          if (k === "enabled") {
            if (typeof val !== "boolean") fail(`rules.${id}.enabled`, "expected true or false");
            rc.enabled = val as boolean;
          } else if (k === "severity") {
            if (!SEVERITIES.includes(val as Severity)) fail(`rules.${id}.severity`, `expected one of ${SEVERITIES.join(", ")}`);
            rc.severity = val as Severity;
          } else fail(`rules.${id}.${k}`, "unknown key; expected enabled or severity");
        }
        config.rules[id] = rc;
      } else fail(`rules.${id}`, `expected "off", a severity or an object`);
    }
  }
  config.markers = section("markers", ["disclosure", "redaction", "consentGuard", "consentRecord", "watermark"]);
  config.sinks = section("sinks", ["userFacing", "record"]);
  config.sources = section("sources", ["request", "personalData"]);
  if (root.disclosure !== undefined) {
    if (!isObject(root.disclosure)) fail("disclosure", "expected an object with labels and siteWide");
    const d = root.disclosure as Record<string, Json>;
    config.disclosure = {};
    for (const k of Object.keys(d)) if (k !== "labels" && k !== "siteWide") fail(`disclosure.${k}`, "unknown key; expected labels or siteWide");
    config.disclosure.labels = stringList(d.labels, "disclosure.labels");
    if (d.siteWide !== undefined) {
      if (!Array.isArray(d.siteWide)) fail("disclosure.siteWide", "expected an array of { globs, reason }");
      config.disclosure.siteWide = (d.siteWide as Json[]).map((entry, i) => {
        const path = `disclosure.siteWide[${i}]`;
        if (!isObject(entry)) fail(path, "expected an object with globs and reason");
        const e = entry as Record<string, Json>;
        for (const k of Object.keys(e)) if (k !== "globs" && k !== "reason") fail(`${path}.${k}`, "unknown key; expected globs or reason");
        const globs = stringList(e.globs, `${path}.globs`);
        if (!globs || globs.length === 0) fail(`${path}.globs`, "expected at least one glob");
        if (typeof e.reason !== "string" || e.reason.trim().length < 3) fail(`${path}.reason`, "expected a reason (where and how the site discloses AI content)");
        return { globs: globs!, reason: e.reason as string };
      });
    }
  }
  config.include = stringList(root.include, "include");
  config.exclude = stringList(root.exclude, "exclude");
  config.testFixtures = stringList(root.testFixtures, "testFixtures");
  return config;
}

const LEVELS: readonly Severity[] = ["hint", "information", "warning", "error"];

function shift(severity: Severity, by: number): Severity {
  const i = LEVELS.indexOf(severity);
  return LEVELS[Math.max(1, Math.min(LEVELS.length - 1, i + by))];
}

/**
 * Turns a project configuration into analysis settings. `relative` maps an
 * absolute file path to the workspace-relative path globs are written for.
 */
export function resolveSettings(config: ProjectConfig, relative: (file: string) => string): AnalysisSettings {
  const tier = config.profile?.riskTier;
  const rules: Record<string, RuleSetting> = {};
  for (const r of RULES) {
    let severity = r.meta.defaultSeverity;
    // The risk tier of the service raises or lowers severities (guideline 2.1.2, Table 1).
    if (tier === "unacceptable") severity = "error";
    else if (tier === "high") severity = shift(severity, 1);
    else if (tier === "low" && r.meta.id !== "SEC001" && r.meta.id !== "PII002") severity = shift(severity, -1);
    const own = config.rules?.[r.meta.id];
    rules[r.meta.id] = { enabled: own?.enabled ?? true, severity: own?.severity ?? severity };
  }
  for (const id of ["SUP001", "SUP002"]) {
    const own = config.rules?.[id];
    rules[id] = { enabled: own?.enabled ?? true, severity: own?.severity ?? (id === "SUP001" ? "warning" : "information") };
  }
  const set = (xs?: string[]) => new Set(xs ?? []);
  const vocabulary: Vocabulary = {
    disclosure: set(config.markers?.disclosure),
    redaction: set(config.markers?.redaction),
    consent: set(config.markers?.consentGuard),
    consentRecord: set(config.markers?.consentRecord),
    watermark: set(config.markers?.watermark),
    personalData: set(config.sources?.personalData),
    disclosureText: config.disclosure?.labels ?? [],
    extraRecordSinks: set(config.sinks?.record),
    extraUserSinks: set(config.sinks?.userFacing),
    extraSources: set(config.sources?.request),
  };
  const fixtures = compileGlobs(config.testFixtures ?? DEFAULT_TEST_FIXTURES);
  const siteWide = compileGlobs((config.disclosure?.siteWide ?? []).flatMap((s) => s.globs));
  return {
    rules,
    vocabulary,
    ruleOptions: { testFixture: (f) => fixtures(relative(f)), siteDisclosure: (f) => siteWide(relative(f)), redactionNames: vocabulary.redaction },
  };
}
