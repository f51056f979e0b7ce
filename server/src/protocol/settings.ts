// The `genaiLint.*` settings: one typed mirror of package.json's contributes.configuration
// (a test fails when the two drift). The client answers `workspace/configuration` with this shape.

export type LanguageSetting = "auto" | "en" | "zh-hk";

/** The language of messages: the setting when it names one, else the editor's (Chinese speakers get Traditional Chinese). */
export function resolveLocale(setting: string | undefined, clientLocale: string | undefined): "en" | "zh-hk" {
  if (setting === "en") return "en";
  if (setting === "zh-hk") return "zh-hk";
  const l = (clientLocale ?? "").toLowerCase();
  // Chinese speakers get the Traditional Chinese (Hong Kong) texts; everyone else English.
  return l.startsWith("zh") ? "zh-hk" : "en";
}


export type RuleLevel = "off" | "error" | "warning" | "information" | "hint" | "default";

export interface ServerSettings {
  /** Analyse files in this folder at all. */
  enable: boolean;
  /** Language of messages, hovers and actions: follow the editor, or force English / Traditional Chinese. */
  language: LanguageSetting;
  /** When to analyse: as you type, or on save. */
  run: "onType" | "onSave";
  /** Per-rule level; "default" keeps the rule's own severity. The config file wins over these. */
  rules: Record<string, RuleLevel>;
  /** Extra helper names that count as markers (added to the config file's). */
  markers: {
    disclosure: string[];
    redaction: string[];
    consentGuard: string[];
    consentRecord: string[];
    watermark: string[];
  };
  /** Globs of files not to analyse (added to the config file's). */
  exclude: string[];
  limits: {
    /** Files larger than this are not analysed (a coverage note says so). */
    maxFileSizeKB: number;
    /** Time budget of one file's analysis; when it runs out the file gets a note instead of a freeze. */
    timeBudgetMs: number;
  };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  language: "auto",
  run: "onType",
  rules: {},
  markers: { disclosure: [], redaction: [], consentGuard: [], consentRecord: [], watermark: [] },
  exclude: [],
  limits: { maxFileSizeKB: 1024, timeBudgetMs: 3000 },
};

/** The flat `genaiLint.<key>` entries of package.json that map onto ServerSettings, with their defaults. */
export function flattenSettings(settings: ServerSettings = DEFAULT_SETTINGS): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(obj)) {
      const key = `${prefix}${k}`;
      if (v && typeof v === "object" && !Array.isArray(v) && key !== "rules") visit(v as Record<string, unknown>, `${key}.`);
      else out[key] = v;
    }
  };
  visit(settings as unknown as Record<string, unknown>, "");
  return out;
}

/** Reads a settings object from the client, keeping defaults for anything missing or of the wrong type. */
export function normaliseSettings(raw: unknown): ServerSettings {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.length > 0) : []);
  const markers = (r.markers && typeof r.markers === "object" ? r.markers : {}) as Record<string, unknown>;
  const limits = (r.limits && typeof r.limits === "object" ? r.limits : {}) as Record<string, unknown>;
  const rules: Record<string, RuleLevel> = {};
  if (r.rules && typeof r.rules === "object") {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (/^[A-Z]{3}\d{3}$/.test(id) && typeof level === "string" && ["off", "error", "warning", "information", "hint", "default"].includes(level)) rules[id] = level as RuleLevel;
    }
  }
  const num = (v: unknown, d: number, min: number, max: number) => (typeof v === "number" && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : d);
  return {
    enable: typeof r.enable === "boolean" ? r.enable : DEFAULT_SETTINGS.enable,
    language: r.language === "en" || r.language === "zh-hk" || r.language === "auto" ? r.language : DEFAULT_SETTINGS.language,
    run: r.run === "onSave" ? "onSave" : "onType",
    rules,
    markers: {
      disclosure: strings(markers.disclosure),
      redaction: strings(markers.redaction),
      consentGuard: strings(markers.consentGuard),
      consentRecord: strings(markers.consentRecord),
      watermark: strings(markers.watermark),
    },
    exclude: strings(r.exclude),
    limits: {
      maxFileSizeKB: num(limits.maxFileSizeKB, DEFAULT_SETTINGS.limits.maxFileSizeKB, 1, 65536),
      timeBudgetMs: num(limits.timeBudgetMs, DEFAULT_SETTINGS.limits.timeBudgetMs, 50, 120000),
    },
  };
}
