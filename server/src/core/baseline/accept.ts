// One entry point for the CLI and the language server: fingerprints, then the
// accepted-risks file, then the baseline. Texts in, findings out; no I/O.
import type { Finding } from "../types";
import { type AcceptedRisk, type AcceptedRiskMatch, applyAcceptedRisks } from "./acceptedRisks";
import { applyBaseline, type Baseline } from "./baseline";
import { fingerprintFindings, type FingerprintContext } from "./fingerprint";

export interface AcceptanceOptions extends FingerprintContext {
  baseline?: Baseline;
  acceptedRisks?: readonly AcceptedRisk[];
  /** Today's date, YYYY-MM-DD (passed in so the core stays deterministic). */
  today: string;
}

export interface AcceptanceResult {
  /** Findings to report: not accepted by a live entry and not in the baseline. */
  findings: Finding[];
  /** Fingerprint of every finding given and every finding returned. */
  fingerprints: Map<Finding, string>;
  /** Findings a live entry of the accepted-risks file suppresses. */
  suppressed: AcceptedRiskMatch[];
  /** Findings reported again because their acceptance expired (also in `findings`, with a note in the message). */
  expired: Array<AcceptedRiskMatch & { original: Finding }>;
  /** Findings the baseline accepts. */
  baselineAccepted: Finding[];
  /** Accepted-risk entries that matched nothing. */
  unusedRisks: AcceptedRisk[];
}

/**
 * Filters the findings of an analysis (after suppression comments) through the
 * accepted-risks file and the baseline. Pass every finding of each file
 * involved: occurrence indices in fingerprints count findings within a file.
 *
 * A finding whose acceptance expired is reported even when the baseline holds
 * it: the expiry date was an explicit promise to look at it again.
 */
export function acceptFindings(findings: readonly Finding[], options: AcceptanceOptions): AcceptanceResult {
  const fingerprints = fingerprintFindings(findings, options);
  const risks = applyAcceptedRisks(findings, options.acceptedRisks ?? [], fingerprints, options.projectPath, options.today);
  for (const { finding, original } of risks.expired) fingerprints.set(finding, fingerprints.get(original)!);
  const expired = new Set(risks.expired.map((e) => e.finding));
  const candidates = risks.kept.filter((f) => !expired.has(f));
  const { newFindings, accepted } = options.baseline ? applyBaseline(candidates, options.baseline, fingerprints) : { newFindings: candidates, accepted: [] };
  const reported = new Set<Finding>([...newFindings, ...expired]);
  return {
    findings: risks.kept.filter((f) => reported.has(f)),
    fingerprints,
    suppressed: risks.suppressed,
    expired: risks.expired,
    baselineAccepted: accepted,
    unusedRisks: risks.unused,
  };
}
