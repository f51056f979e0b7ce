// Custom messages between the genai-lint client and server. Each says who sends it and why.
import { NotificationType, RequestType } from "vscode-languageserver-protocol";

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
  /** The workspace is not trusted: settings that widen what the analysis treats as trusted data are ignored. */
  untrustedWorkspace?: boolean;
}
