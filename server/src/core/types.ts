// Core result types: offsets, never editor positions. Messages come in English and Traditional Chinese.

export type Severity = "error" | "warning" | "information" | "hint";
export type Locale = "en" | "zh-hk";

export interface Localized {
  readonly en: string;
  readonly zh: string;
}

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: Localized;
  /** Safe fixes keep behaviour apart from the compliance change; `source.fixAll` applies only those. */
  readonly applicability: "safe" | "unsafe";
  readonly edits: readonly TextEdit[];
}

export interface RelatedLocation {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly message: Localized;
}

export interface Finding {
  readonly ruleId: string;
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  readonly message: Localized;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

export interface InventoryEntry {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly provider: string;
  readonly modality: string;
  readonly api: string;
  readonly model?: string;
}

export function localized(en: string, zh: string): Localized {
  return { en, zh };
}

export function pick(text: Localized, locale: Locale): string {
  return locale === "zh-hk" ? text.zh : text.en;
}
