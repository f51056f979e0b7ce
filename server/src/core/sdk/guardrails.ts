// PII guardrails as data: how each library's engine, registry and recognisers are made, so the
// analysis can follow what is registered on them and where their output goes (GRD001 judges them).
import type { TrackedSpec } from "./tracked";

const PRESIDIO = ["presidio_analyzer", "presidio_analyzer.analyzer_engine", "presidio_analyzer.recognizer_registry", "presidio_analyzer.predefined_recognizers", "presidio_analyzer.pattern_recognizer", "presidio_analyzer.pattern"];
const presidio = (name: string): string[] => PRESIDIO.map((m) => `${m}.${name}`);

export const GUARDRAILS: readonly TrackedSpec[] = [
  { kind: "presidio.analyzer", made: presidio("AnalyzerEngine"), members: { registry: { arg: "registry", kind: "presidio.registry" } }, guard: true },
  { kind: "presidio.registry", made: [...presidio("RecognizerRegistry"), ...presidio("RecognizerRegistryProvider")], adders: ["add_recognizer", "add_recognizers"] },
  { kind: "presidio.recognizer", made: [...presidio("PatternRecognizer"), ...presidio("PhoneRecognizer"), ...presidio("Pattern"), ...presidio("EntityRecognizer")] },
  { kind: "llmguard.anonymize", made: ["llm_guard.input_scanners.Anonymize", "llm_guard.input_scanners.anonymize.Anonymize"], guard: true },
  {
    kind: "bedrock.guardrail",
    madeByMethod: [{ type: "aws.bedrock", method: "create_guardrail" }, { type: "aws.bedrock", method: "update_guardrail" }],
    made: ["@aws-sdk/client-bedrock#CreateGuardrailCommand", "@aws-sdk/client-bedrock#UpdateGuardrailCommand"],
  },
  // Comprehend's PII detection: each call is a guardrail of its own (there is no engine to configure).
  { kind: "aws.comprehend", made: ["boto3.client(comprehend)", "boto3.Session.client(comprehend)", "boto3.session.Session.client(comprehend)"], makes: { detect_pii_entities: "comprehend.detectPii", contains_pii_entities: "comprehend.detectPii" } },
  { kind: "comprehend.detectPii", made: ["@aws-sdk/client-comprehend#DetectPiiEntitiesCommand", "@aws-sdk/client-comprehend#ContainsPiiEntitiesCommand"], guard: true },
];
