// Metadata of every rule the analyser reports, the flow rules and the suppression rules.
import { RULES } from "./rules";
import type { RuleMeta } from "./rules/types";
import { SUPPRESSION_RULES } from "./suppressions";

export const ALL_RULE_METAS: readonly RuleMeta[] = [...RULES.map((r) => r.meta), ...SUPPRESSION_RULES];

export function ruleMeta(id: string): RuleMeta | undefined {
  return ALL_RULE_METAS.find((m) => m.id === id);
}
