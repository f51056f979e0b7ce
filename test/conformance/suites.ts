// Where the annotated suites are: the shared conformance suite beside the repository, and our own held-out suites.
import { existsSync } from "node:fs";
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** The shared conformance suite: $GENAI_LINT_CONFORMANCE, or ../shared/conformance next to the repository. */
export function sharedSuite(): string | undefined {
  const candidates = [process.env.GENAI_LINT_CONFORMANCE, path.resolve(REPO_ROOT, "../shared/conformance")].filter((c): c is string => !!c);
  return candidates.find((c) => existsSync(c));
}
