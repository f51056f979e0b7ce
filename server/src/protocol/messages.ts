// Custom messages between the genai-lint client and server. Each says who sends it and why.
import { NotificationType, RequestType, type WorkDoneProgressParams } from "vscode-languageserver-protocol";
import type { Report } from "../core/report/model";

export type AnalysisState = "idle" | "busy" | "error";

export interface StatusParams {
  state: AnalysisState;
  /** Files analysed since the server started. */
  filesAnalysed: number;
  /** Duration of the last analysis, in milliseconds. */
  lastAnalysisMs: number;
  /** Problems in the open documents. */
  problems: number;
  /** A short explanation when state is "error" (for example a bad config file). */
  message?: string;
  /** Language the server speaks (after `genaiLint.language` and the client's locale). */
  locale: "en" | "zh-hk";
}

/** Sent from the server to the client after each analysis, for the language status item. */
export namespace StatusNotification {
  export const method = "genaiLint/status" as const;
  export const type = new NotificationType<StatusParams>(method);
}

export interface ApplyFixAllParams {
  uri: string;
}

/** Sent from the client to the server to get the edits of every safe fix in a document (the "fix all safe problems" command). */
export namespace FixAllRequest {
  export const method = "genaiLint/fixAll" as const;
  export const type = new RequestType<ApplyFixAllParams, { changes: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>; applied: number }, void>(method);
}

/** Options the client passes in `initialize`. */
export interface InitializationOptions {
  /**
   * The workspace is not trusted (restricted mode): what its config file says to widen what the
   * analysis treats as safe (marker names, rules turned off or lowered, excludes) is ignored.
   * The client, for its part, sends only the user's own values of those settings, never the workspace's.
   */
  untrustedWorkspace?: boolean;
}

// ---- Workspace scan, for the compliance panel ----

/** One workspace folder's scan: the same report model as `genai-lint scan --format json`. */
export interface WorkspaceFolderReport {
  /** Absolute path of the workspace folder; report paths are relative to it. */
  root: string;
  report: Report;
  /** When the scan finished (ISO 8601). */
  finishedAt: string;
  /** A problem that stopped the scan of this folder (for example a bad config file). */
  error?: string;
}

export interface WorkspaceScanParams extends WorkDoneProgressParams {
  /** Scan the folders again even when nothing changed since the last scan. */
  force?: boolean;
}

/** What the panel needs to know about rules and the guideline to group and label findings. */
export interface RuleCatalogue {
  rules: Array<{
    id: string;
    title: { en: string; zh: string };
    /** Id of the governance dimension (one of `dimensions`). */
    dimension: string;
    /** Id of the governance principle (one of `principles`). */
    principle: string;
    sections: string[];
    defaultSeverity: "error" | "warning" | "information" | "hint";
    docsUrl: string;
  }>;
  dimensions: Array<{ id: string; name: { en: string; zh: string } }>;
  principles: Array<{ id: string; name: { en: string; zh: string } }>;
  guidelineUrl: string;
}

export interface WorkspaceScanResult {
  folders: WorkspaceFolderReport[];
  catalogue: RuleCatalogue;
}

/**
 * Sent from the client to the server to scan every workspace folder (the panel's "scan" button).
 * Reports work-done progress with a percentage and is cancellable.
 */
export namespace WorkspaceScanRequest {
  export const method = "genaiLint/scanWorkspace" as const;
  export const type = new RequestType<WorkspaceScanParams, WorkspaceScanResult, void>(method);
}

/**
 * Sent from the server to the client while a scan runs (`partial`: the folders done so far) and
 * after files change and the server re-scanned them, so the panel follows the workspace.
 */
export namespace WorkspaceReportNotification {
  export const method = "genaiLint/workspaceReport" as const;
  export const type = new NotificationType<WorkspaceScanResult & { partial: boolean }>(method);
}

export type ExportFormat = "html" | "markdown" | "csv" | "sarif" | "json";

export interface ExportReportParams {
  /** Workspace folder (absolute path); the first one when omitted. */
  root?: string;
  format: ExportFormat;
}

/** Sent from the client to the server to render the last workspace scan in an export format. */
export namespace ExportReportRequest {
  export const method = "genaiLint/exportReport" as const;
  export const type = new RequestType<ExportReportParams, { content: string; fileName: string }, void>(method);
}

/** Findings and inventory entries as the workspace report carries them to the panel. */
export type { ReportFinding, ReportInventoryEntry } from "../core/report/model";
