// Renders a report model in each export format: shared by the CLI's `--format` and the panel's exports.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { GUIDELINE_URL } from "../core/guideline/sections";
import { formatCsv } from "../core/report/csv";
import { formatHtml } from "../core/report/html";
import { formatMarkdown } from "../core/report/markdown";
import type { Report } from "../core/report/model";
import { toSarif } from "../core/report/sarif";
import { formatText } from "../core/report/text";
import { ALL_RULE_METAS } from "../core/ruleMetas";
import { ruleDocsUrl } from "../core/docsUrl";
import type { Locale } from "../core/types";

export type ReportFormat = "text" | "json" | "sarif" | "html" | "markdown" | "csv";

export interface RenderContext {
  locale: Locale;
  /** The scanned folder when report paths are relative to it. */
  root?: string;
  /** What was scanned, for the HTML header. */
  scanned: string;
  /** Source text by report path, for the HTML report's code excerpts. */
  sourceOf?(file: string): string | undefined;
  color?: boolean;
  now?: Date;
}

/** The package version, read from the package.json above the running bundle. */
export function toolVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
        if (pkg.name === "genai-lint" && pkg.version) return pkg.version;
      } catch {
        /* keep looking */
      }
    }
    dir = path.dirname(dir);
  }
  return "0.0.0";
}

export function renderReport(report: Report, format: ReportFormat, context: RenderContext): string {
  const common = { rules: ALL_RULE_METAS, docsUrl: ruleDocsUrl, guidelineUrl: GUIDELINE_URL };
  switch (format) {
    case "json":
      return JSON.stringify(report, null, 2) + "\n";
    case "sarif":
      return JSON.stringify(toSarif(report, { ...common, toolVersion: toolVersion(), baseUri: context.root ? `file://${context.root}` : undefined }), null, 2) + "\n";
    case "html":
      return formatHtml(report, {
        ...common,
        toolVersion: toolVersion(),
        locale: context.locale,
        scanned: context.scanned,
        generatedAt: (context.now ?? new Date()).toISOString().replace(/\.\d+Z$/, "Z"),
        sourceOf: context.sourceOf,
      });
    case "markdown":
      return formatMarkdown(report, { ...common, locale: context.locale });
    case "csv":
      return formatCsv(report, common);
    case "text":
      return formatText(report, { color: !!context.color });
  }
}

export const FORMAT_EXTENSIONS: Record<ReportFormat, string> = { text: "txt", json: "json", sarif: "sarif", html: "html", markdown: "md", csv: "csv" };
