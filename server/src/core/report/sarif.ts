// SARIF 2.1.0 output with rule metadata (help links, guideline sections) and code flows for findings with a trail.
import type { RuleMeta } from "../rules/types";
import type { Severity } from "../types";
import { noteWhere, type Report } from "./model";

export interface SarifOptions {
  toolVersion: string;
  rules: readonly RuleMeta[];
  docsUrl(ruleId: string): string;
  guidelineUrl: string;
  /** Absolute path of the scanned folder, when files are relative to it. */
  baseUri?: string;
  /** Stable fingerprints per finding (same order as report.findings). */
  fingerprints?: readonly string[];
}

function level(severity: Severity): "error" | "warning" | "note" {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

function uri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

export function toSarif(report: Report, options: SarifOptions): object {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.id, i]));
  const region = (line: number, column: number, endLine?: number, endColumn?: number) => ({ startLine: line, startColumn: column, ...(endLine ? { endLine, endColumn } : {}) });
  const location = (file: string, line: number, column: number, endLine?: number, endColumn?: number) => ({
    physicalLocation: { artifactLocation: { uri: uri(file), ...(options.baseUri && !file.startsWith("/") ? { uriBaseId: "SRCROOT" } : {}) }, region: region(line, column, endLine, endColumn) },
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "genai-lint",
            version: options.toolVersion,
            informationUri: options.guidelineUrl,
            rules: options.rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.title.en },
              fullDescription: { text: r.docs.what.en },
              help: { text: `${r.docs.fix.en}\n\n${r.title.zh}：${r.docs.fix.zh}`, markdown: `**${r.title.en}** / ${r.title.zh}\n\n${r.docs.fix.en}\n\n${r.docs.fix.zh}\n\nGuideline sections: ${r.sections.join(", ")}` },
              helpUri: options.docsUrl(r.id),
              defaultConfiguration: { level: level(r.defaultSeverity) },
              properties: { guidelineSections: [...r.sections], guidelineUrl: options.guidelineUrl, titleZh: r.title.zh, tags: ["hong-kong-genai-guideline", ...r.sections.map((s) => `guideline-${s.replace(/\s+/g, "")}`)] },
            })),
          },
        },
        ...(options.baseUri ? { originalUriBaseIds: { SRCROOT: { uri: options.baseUri.endsWith("/") ? options.baseUri : `${options.baseUri}/` } } } : {}),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (report.coverage.notes ?? []).map((n) => ({
              level: "warning",
              message: { text: `${n.file ? `${noteWhere(n)}: ` : ""}${n.message}` },
              ...(n.file && n.line ? { locations: [location(n.file, n.line, 1)] } : {}),
            })),
          },
        ],
        results: report.findings.map((f, i) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
          level: level(f.severity),
          message: { text: f.message },
          locations: [location(f.file, f.line, f.column, f.endLine, f.endColumn)],
          ...(f.related.length
            ? {
                relatedLocations: f.related.map((r, j) => ({ id: j + 1, ...location(r.file, r.line, r.column), message: { text: r.message } })),
                codeFlows: [
                  {
                    threadFlows: [
                      {
                        locations: [
                          ...f.related.map((r) => ({ location: { ...location(r.file, r.line, r.column), message: { text: r.message } } })),
                          { location: { ...location(f.file, f.line, f.column, f.endLine, f.endColumn), message: { text: f.message } } },
                        ],
                      },
                    ],
                  },
                ],
              }
            : {}),
          ...((options.fingerprints?.[i] ?? f.fingerprint) ? { partialFingerprints: { "genaiLint/v1": options.fingerprints?.[i] ?? f.fingerprint } } : {}),
          // With a baseline only new findings are reported.
          ...(report.baseline ? { baselineState: "new" } : {}),
        })),
        properties: { coverage: report.coverage, inventory: report.inventory, ...(report.baseline ? { baseline: report.baseline } : {}) },
      },
    ],
  };
}
