// The rule registry: every rule, keyed by its stable id.
import { consentNotRecorded } from "./consent/consentNotRecorded";
import { recordWithoutConsent } from "./consent/recordWithoutConsent";
import { trainingUseWithoutConsent } from "./consent/trainingUseWithoutConsent";
import { aiOutputWithoutDisclosure } from "./disclosure/aiOutputWithoutDisclosure";
import { personalDataInPrompt } from "./privacy/personalDataInPrompt";
import { piiLiteral } from "./privacy/piiLiteral";
import { rawIdentifierToProvider } from "./privacy/rawIdentifierToProvider";
import { hardcodedAiCredential } from "./security/hardcodedAiCredential";
import { untrustedInputInSystemPrompt } from "./security/untrustedInputInSystemPrompt";
import { providerRetentionWithoutConsent } from "./retention/providerRetentionWithoutConsent";
import type { Rule } from "./types";
import { guardrailMissesHkData } from "./guardrails/guardrailMissesHkData";
import { generatedMediaWithoutWatermark } from "./watermark/generatedMediaWithoutWatermark";
import { markingStripped } from "./watermark/markingStripped";

export const RULES: readonly Rule[] = [
  aiOutputWithoutDisclosure,
  recordWithoutConsent,
  consentNotRecorded,
  trainingUseWithoutConsent,
  generatedMediaWithoutWatermark,
  personalDataInPrompt,
  piiLiteral,
  hardcodedAiCredential,
  untrustedInputInSystemPrompt,
  providerRetentionWithoutConsent,
  rawIdentifierToProvider,
  markingStripped,
  guardrailMissesHkData,
];

const byId = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
