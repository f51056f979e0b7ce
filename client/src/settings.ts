// Answers the server's `workspace/configuration` requests for "genaiLint" with the typed ServerSettings.
import * as vscode from "vscode";
import { DEFAULT_SETTINGS, flattenSettings, normaliseSettings, type ServerSettings } from "../../server/src/protocol/settings";

/** Settings whose workspace value could make the analysis trust more (package.json's restrictedConfigurations). */
const RESTRICTED = new Set(["markers.disclosure", "markers.redaction", "markers.consentGuard", "markers.consentRecord", "markers.watermark", "rules", "exclude"]);

export function readSettings(scope: vscode.Uri | undefined): ServerSettings {
  const config = vscode.workspace.getConfiguration("genaiLint", scope);
  const trusted = vscode.workspace.isTrusted;
  const nested: Record<string, unknown> = {};
  for (const key of Object.keys(flattenSettings(DEFAULT_SETTINGS))) {
    let value: unknown;
    if (!trusted && RESTRICTED.has(key)) {
      // In an untrusted workspace only the user's own value counts, never the workspace's.
      const inspected = config.inspect(key);
      value = inspected?.globalValue ?? inspected?.defaultValue;
    } else value = config.get(key);
    setPath(nested, key.split("."), value);
  }
  return normaliseSettings(nested);
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  for (const k of keys.slice(0, -1)) {
    if (!node[k] || typeof node[k] !== "object") node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}
