// What identifier names and literal text mean to the rules: personal-data
// fields, consent fields, marker helpers and disclosure labels. Names are
// split into whole words first, so `phoneme` is not `phone`.

/** Splits snake_case, camelCase, kebab-case, dotted and digit-separated names into lower-case words. */
const splitCache = new Map<string, string[]>();

/** Words of an identifier, lower-cased (memoised: the same names are asked about again and again). */
export function splitWords(name: string): readonly string[] {
  const hit = splitCache.get(name);
  if (hit) return hit;
  const words = splitWordsUncached(name);
  // Bounded: a hostile file must not grow the cache without end.
  if (splitCache.size > 50_000) splitCache.clear();
  if (name.length <= 200) splitCache.set(name, words);
  return words;
}

function splitWordsUncached(name: string): string[] {
  const words: string[] = [];
  for (const part of name.split(/[^A-Za-z0-9]+/)) {
    if (!part) continue;
    // "aiLoggingOptIn" -> ai Logging Opt In; "HTTPServer" -> HTTP Server; digits stay with their word: "c2pa", "sha256".
    const pieces = part.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]+[0-9]*(?![a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]/g) ?? [part];
    for (const p of pieces) words.push(p.toLowerCase());
  }
  return words;
}

/** `email2` -> `email`. A loop, not `/[0-9]+$/`: that regex is quadratic on long runs of digits. */
function withoutTrailingDigits(word: string): string {
  let end = word.length;
  while (end > 0 && word.charCodeAt(end - 1) >= 48 && word.charCodeAt(end - 1) <= 57) end--;
  return word.slice(0, end);
}

function hasSeq(words: readonly string[], seq: readonly string[]): boolean {
  outer: for (let i = 0; i + seq.length <= words.length; i++) {
    for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}


// ---------------------------------------------------------------- personal data

/** Words naming a person whose record is personal data (resolved question 12, plus common synonyms). */
export const PERSON_WORDS: ReadonlySet<string> = new Set([
  "user", "users", "customer", "customers", "client", "clients", "patient", "patients", "applicant", "applicants",
  "candidate", "candidates", "employee", "employees", "staff", "student", "students", "member", "members",
  "contact", "contacts", "presenter", "presenters", "passenger", "passengers", "guest", "guests", "tenant", "tenants",
  "holder", "holders", "recipient", "recipients", "sender", "senders", "profile", "profiles",
  "claimant", "claimants", "person", "people", "citizen", "citizens", "resident", "residents", "subscriber", "subscribers",
  "borrower", "borrowers", "policyholder", "policyholders", "beneficiary", "beneficiaries", "participant", "participants",
  "respondent", "respondents", "attendee", "attendees", "visitor", "visitors", "learner", "learners", "pupil", "pupils",
  "traveller", "travellers", "traveler", "travelers",
]);

/** Person words too ambiguous to make a record on their own (`client` is usually an SDK client). */
const AMBIGUOUS_RECORD_WORDS = new Set(["client", "clients", "contact", "contacts", "holder", "holders", "sender", "senders", "recipient", "recipients", "member", "members"]);

/** Words that make a person record's fields health data. */
const HEALTH_RECORD_WORDS = new Set(["patient", "patients", "medical", "clinical", "health", "ehr", "emr", "phi"]);

/** Words after a person word that keep the name a record (`patient_record`, `userProfile`). */
const RECORD_HEAD_WORDS = new Set(["record", "records", "profile", "profiles", "data", "info", "details", "detail", "row", "rows", "doc", "document", "obj", "object", "entity", "model", "dto", "dict", "json", "payload"]);

/** Qualifiers that make a name not personal data (`email_template_id`, `phone_verified`). */
const NON_PERSONAL_TAIL = new Set([
  "id", "ids", "verified", "enabled", "disabled", "count", "counts", "type", "types", "format", "formats", "template", "templates",
  "valid", "validated", "validator", "validation", "required", "field", "fields", "label", "labels", "placeholder", "pattern", "patterns",
  "regex", "re", "length", "len", "status", "hash", "hashed", "masked", "redacted", "hint", "hints", "schema", "column", "columns",
  "version", "domain", "domains", "provider", "providers", "client", "server", "host", "port", "flag", "flags", "mode", "icon",
  "style", "prefix", "suffix", "key", "keys", "column", "visible", "visibility", "opt", "in", "out", "consent", "at", "sent", "error",
  "errors", "input", "button", "policy", "settings", "setting", "config", "service",
  // Things about a device, a message or a product, not about a person.
  "model", "models", "subject", "brand", "make", "os", "carrier", "network", "plan", "screen", "app", "device", "body", "html", "text", "preview", "widget",
]);

/** Leading words that make a name a yes/no question, not the data itself. */
const PREDICATE_HEAD = new Set(["is", "has", "have", "should", "can", "allow", "allows", "enable", "enabled", "use", "show", "needs", "need", "require", "requires", "check", "validate", "valid", "mask", "hash", "redact", "with", "without", "no", "num", "n", "total", "max", "min"]);

/** Full names of name fields; `name` alone is only personal on a person record. */
const NAME_QUALIFIERS = new Set(["full", "first", "last", "given", "family", "display", "nick", "middle", "maiden", "legal", "real", "preferred", "english", "chinese", "user", "legal"]);

const SINGLE_WORD_PII: Record<string, string> = {
  fullname: "full name", firstname: "first name", lastname: "last name", surname: "surname", username: "user name",
  displayname: "display name", nickname: "nickname", givenname: "given name", familyname: "family name",
  hkid: "HKID number", passport: "passport number", ssn: "identity number", nric: "identity number",
  phone: "phone number", phones: "phone number", mobile: "mobile number", tel: "phone number", telephone: "phone number", whatsapp: "phone number", cellphone: "phone number", fax: "phone number",
  email: "e-mail address", emails: "e-mail address", address: "address", postcode: "postcode", zipcode: "postcode",
  dob: "date of birth", birthday: "date of birth", birthdate: "date of birth", birth: "date of birth",
  medical: "medical data", diagnosis: "diagnosis", diagnoses: "diagnosis", symptoms: "symptoms", symptom: "symptoms",
  medication: "medication", medications: "medication", prescription: "prescription", prescriptions: "prescription",
  allergy: "allergies", allergies: "allergies",
  iban: "bank account number", salary: "salary", income: "income", cvv: "card security code",
};

const SEQ_PII: Array<[string[], string]> = [
  [["id", "number"], "identity number"], [["id", "no"], "identity number"], [["identity", "number"], "identity number"],
  [["identity", "card"], "identity number"], [["id", "card"], "identity number"], [["national", "id"], "identity number"],
  [["hk", "id"], "HKID number"], [["resident", "id"], "identity number"], [["identity"], "identity number"],
  [["e", "mail"], "e-mail address"], [["postal", "code"], "postcode"], [["zip", "code"], "postcode"],
  [["card", "number"], "card number"], [["card", "no"], "card number"], [["credit", "card"], "card number"], [["debit", "card"], "card number"],
  [["account", "number"], "account number"], [["account", "no"], "account number"], [["bank", "account"], "bank account number"],
  [["health", "record"], "medical data"], [["health", "records"], "medical data"],
];

const NON_PERSONAL_ADDRESS = new Set(["ip", "mac", "server", "base", "memory", "web", "url", "remote", "local", "bind", "listen", "host", "contract", "wallet", "socket", "proxy", "return"]);

/**
 * The kind of personal data a field or variable name denotes, or undefined.
 * `onPersonRecord` says the name is a field of a person record, where a bare
 * `name` is a person's name.
 */
export function personalDataCategory(name: string, onPersonRecord = false, extra: ReadonlySet<string> = EMPTY_SET): string | undefined {
  if (extra.has(name) || extra.has(name.toLowerCase())) return "personal data";
  const words = splitWords(name);
  if (words.length === 0) return undefined;
  if (PREDICATE_HEAD.has(words[0]) && words.length > 1) return undefined;
  const last = words[words.length - 1];
  if (words.length > 1 && NON_PERSONAL_TAIL.has(last)) return undefined;
  // Names: "<qualifier>_name" or "<person>_name"; a bare "name" only on a person record.
  if (last === "name" || last === "names") {
    if (words.length === 1) return onPersonRecord ? "name" : undefined;
    const before = words[words.length - 2];
    if (NAME_QUALIFIERS.has(before) || PERSON_WORDS.has(before)) return "name";
    return undefined;
  }
  for (const [seq, what] of SEQ_PII) {
    if (hasSeq(words, seq)) return what;
  }
  for (let i = 0; i < words.length; i++) {
    const w = withoutTrailingDigits(words[i]);
    const what = SINGLE_WORD_PII[w];
    if (!what) continue;
    if (w === "address" && i > 0 && NON_PERSONAL_ADDRESS.has(words[i - 1])) continue;
    if (w === "birth" && words.length === 1) continue;
    return what;
  }
  return undefined;
}

const EMPTY_SET: ReadonlySet<string> = new Set();

/**
 * When a variable, parameter or type name denotes a person record, returns the
 * person word: `customer`, `patientRecord`, `current_user`. `user_message`
 * is a message, not a record.
 */
export function personRecordWord(name: string): { word: string; health: boolean } | undefined {
  const words = splitWords(name);
  if (words.length === 0) return undefined;
  if (PREDICATE_HEAD.has(words[0]) && words.length > 1) return undefined;
  const health = words.some((w) => HEALTH_RECORD_WORDS.has(w));
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    if ((PERSON_WORDS.has(w) && !AMBIGUOUS_RECORD_WORDS.has(w)) || (health && (w === "record" || w === "records"))) {
      const rest = words.slice(i + 1);
      if (rest.length === 0 || rest.every((r) => RECORD_HEAD_WORDS.has(r))) return { word: w, health };
      return undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- consent

const CONSENT_TAIL_NOT_DECISION = new Set(["at", "date", "time", "timestamp", "ts", "version", "purpose", "id", "ids", "text", "url", "page", "log", "logs", "record", "records", "event", "events", "notice", "form", "modal", "banner", "dialog", "screen", "required", "updated", "changed", "source", "reason", "type", "scope"]);

/** A name that denotes a consent decision or check: `consent`, `opt_in`, `aiLoggingOptIn`, `analytics_allowed`. */
export function isConsentName(name: string, extra: ReadonlySet<string> = EMPTY_SET, includeOptOut = true): boolean {
  if (extra.has(name)) return true;
  const words = splitWords(name);
  if (words.length === 0) return false;
  if (words.some((w) => w === "consent" || w === "consents" || w === "consented" || w === "optin" || w === "optedin")) return true;
  if (hasSeq(words, ["opt", "in"]) || hasSeq(words, ["opted", "in"]) || hasSeq(words, ["opts", "in"])) return true;
  if (includeOptOut && (hasSeq(words, ["opt", "out"]) || hasSeq(words, ["opted", "out"]) || words.includes("optout"))) return true;
  const permission = words.some((w) => w === "allow" || w === "allowed" || w === "allows" || w === "permitted" || w === "permit" || w === "agreed");
  const subject = words.some((w) => ["logging", "log", "tracking", "analytics", "training", "retention", "recording", "storage", "history", "personalisation", "personalization", "telemetry", "data"].includes(w));
  return permission && subject;
}

/** A consent field that holds the decision itself (not its timestamp or purpose). */
export function isConsentDecisionField(name: string, extra: ReadonlySet<string> = EMPTY_SET): boolean {
  if (!isConsentName(name, extra)) return false;
  const words = splitWords(name);
  const last = words[words.length - 1];
  return !CONSENT_TAIL_NOT_DECISION.has(last);
}

/** Names of decorators, middleware or dependencies that require consent: `consent_required`, `requireConsent`. */
export function isConsentGuardName(name: string, extra: ReadonlySet<string> = EMPTY_SET): boolean {
  if (extra.has(name)) return true;
  return isConsentName(name, EMPTY_SET, false);
}

// ---------------------------------------------------------------- markers

function wordsOf(name: string): readonly string[] {
  return splitWords(name);
}

/** A helper whose name says it labels content as AI-generated: `add_ai_disclosure`, `withAiLabel`. */
export function isDisclosureHelperName(name: string, extra: ReadonlySet<string> = EMPTY_SET): boolean {
  if (extra.has(name)) return true;
  const w = wordsOf(name);
  if (w.some((x) => x === "disclose" || x === "disclosure" || x === "disclosed" || x === "discloses")) return true;
  const aiWord = w.some((x) => x === "ai" || x === "aigc" || x === "generated" || x === "machine" || x === "bot" || x === "llm" || x === "gpt");
  const labelWord = w.some((x) => ["label", "labelled", "labeled", "labels", "mark", "marked", "tag", "tagged", "notice", "badge", "banner", "caption", "footer", "prefix", "suffix", "annotate", "stamp", "attribution", "attribute", "flag", "flagged"].includes(x));
  return aiWord && labelWord;
}

/** A call that removes or masks personal data: `redact`, `mask_hkid`, `pseudonymiseCandidate`, `sha256`. */
export function isRedactionName(name: string, extra: ReadonlySet<string> = EMPTY_SET): boolean {
  if (extra.has(name)) return true;
  const w = wordsOf(name);
  const verbs = ["redact", "redacted", "redaction", "anonymise", "anonymize", "anonymised", "anonymized", "anonymisation", "anonymization", "anonymizer", "anonymiser",
    "pseudonymise", "pseudonymize", "pseudonymised", "pseudonymized", "pseudonymisation", "pseudonymization", "mask", "masked", "masking", "scrub", "scrubbed", "scrubber",
    "deidentify", "deidentified", "deidentification", "sha", "sha1", "sha256", "sha512", "md5", "blake2b", "blake2s", "hmac", "hash", "hashed", "hashing", "digest", "encrypt", "encrypted", "tokenise", "tokenize"];
  if (w.some((x) => verbs.includes(x))) {
    // "tokenize" is also a text-processing word: only with personal data in the name.
    if (w.some((x) => x === "tokenise" || x === "tokenize") && !w.some((x) => x === "pii" || x === "phi")) return w.some((x) => verbs.includes(x) && x !== "tokenise" && x !== "tokenize");
    return true;
  }
  if (hasSeq(w, ["de", "identify"]) || hasSeq(w, ["de", "identified"])) return true;
  const piiWord = w.some((x) => x === "pii" || x === "phi" || x === "personal");
  const removal = w.some((x) => ["strip", "remove", "filter", "drop", "clean", "sanitize", "sanitise", "scrub", "guard", "protect"].includes(x));
  return piiWord && removal;
}

/** A call that embeds a watermark or provenance manifest: `embedInvisibleWatermark`, `add_c2pa_manifest`. */
export function isWatermarkName(name: string, extra: ReadonlySet<string> = EMPTY_SET): boolean {
  if (extra.has(name)) return true;
  const w = wordsOf(name);
  if (w.some((x) => x === "watermark" || x === "watermarked" || x === "watermarking" || x === "c2pa" || x === "provenance" || x === "synthid" || x === "imwatermark")) return true;
  if (hasSeq(w, ["content", "credentials"]) || hasSeq(w, ["water", "mark"]) || hasSeq(w, ["synth", "id"])) return true;
  return false;
}

/**
 * How a marking helper marks media, by its name (resolved question 24): "pixel" for watermarks in the
 * pixels or samples (survive re-encoding), "metadata" for labels and manifests written into the file's
 * metadata, "label" for a labelling helper (a metadata marking on media, a disclosure on text).
 */
export function markingKind(name: string, extra: ReadonlySet<string> = EMPTY_SET): "pixel" | "metadata" | "label" | undefined {
  if (extra.has(name)) return "pixel";
  const w = wordsOf(name);
  if (w.some((x) => x === "watermark" || x === "watermarked" || x === "watermarking" || x === "imwatermark" || x === "synthid" || x === "audioseal")) return "pixel";
  if (hasSeq(w, ["water", "mark"]) || hasSeq(w, ["synth", "id"]) || hasSeq(w, ["audio", "seal"])) return "pixel";
  if (w.some((x) => ["c2pa", "provenance", "manifest", "metadata", "exif", "xmp", "id3", "pnginfo", "iptc"].includes(x)) || hasSeq(w, ["content", "credentials"]) || hasSeq(w, ["png", "info"])) return "metadata";
  if (w.some((x) => x === "disclose" || x === "disclosure")) return undefined;
  if (w.some((x) => ["label", "labelled", "labeled", "tag", "tagged", "stamp", "stamped"].includes(x))) return "label";
  return undefined;
}

// ---------------------------------------------------------------- disclosure text

/** Markup is not text: tags and their attributes (`class='bot-bubble'`) are removed before looking for a label. */
function visibleText(text: string): string {
  if (!text.includes("<")) return text;
  return text.replace(/<[^<>]{0,2000}>/g, " ");
}

const LABEL_PATTERNS: readonly RegExp[] = [
  /(?<![A-Za-z0-9])A\.?I\.?(?![A-Za-z0-9])/,
  /artificial intelligence/i,
  /人工智能|人工智慧|AI生成|機械人|機器人|聊天機械人/,
  /(?<![A-Za-z0-9])(?:chat)?bot(?![A-Za-z0-9])/i,
  /\u{1F916}/u,
  /(?<![A-Za-z0-9])(?:ChatGPT|GPT|Claude|Gemini|Llama|Copilot|Mistral)(?![a-z])/,
  /machine[- ]generated|auto-?generated by/i,
];

/** Whether literal text tells the reader a machine wrote the content next to it. */
export function hasDisclosureText(text: string, extra: readonly string[] = []): boolean {
  if (!text) return false;
  const visible = visibleText(text);
  if (LABEL_PATTERNS.some((re) => re.test(visible))) return true;
  return extra.some((e) => e && visible.toLowerCase().includes(e.toLowerCase()));
}

/** A response field or header whose name says the content is AI-generated: `ai_generated`, `X-AI-Generated`. */
export function isDisclosureFieldName(name: string, extra: ReadonlySet<string> = EMPTY_SET): boolean {
  if (extra.has(name)) return true;
  const w = wordsOf(name);
  if (w.some((x) => x === "disclosure" || x === "disclosed" || x === "aigc")) return true;
  const ai = w.includes("ai") || w.includes("llm") || w.includes("machine") || w.includes("bot");
  if (ai && w.some((x) => ["generated", "label", "notice", "disclaimer", "written", "assisted", "authored", "content", "badge", "created", "produced"].includes(x))) return true;
  return hasSeq(w, ["generated", "by", "ai"]) || hasSeq(w, ["is", "ai"]);
}

/** Object and payload field names that never carry generated content (resolved question 5). */
export const NON_CONTENT_FIELDS: ReadonlySet<string> = new Set([
  "usage", "usage_metadata", "usageMetadata", "id", "model", "created", "created_at", "createdAt", "status", "finish_reason",
  "finishReason", "stop_reason", "stopReason", "stop_sequence", "system_fingerprint", "total_tokens", "prompt_tokens", "completion_tokens",
  "input_tokens", "output_tokens", "totalTokens", "promptTokens", "completionTokens", "inputTokens", "outputTokens", "tokens", "latency",
  "metrics", "latencyMs", "latency_ms", "call_id", "callId", "tool_call_id", "toolCallId",
  "index", "logprobs", "response_id", "responseId", "request_id", "requestId", "type", "role", "length", "size", "ok", "statusCode",
  "status_code", "headers", "elapsed", "duration", "ms", "cost", "rate_limit", "warnings", "providerMetadata", "response_metadata",
  "incomplete_details", "error", "refusal", "score", "scores", "category_scores", "categories", "flagged", "embedding", "embeddings",
  // What the tools an agent called returned is the application's data, not AI content (resolved question 5);
  // so are the tool invocations of a chat UI's messages and the names of the tools (resolved question 23).
  "toolResults", "tool_results", "tool_call_id", "toolCallId", "toolInvocations", "toolInvocation", "toolName", "tool_name",
]);

/** Fields holding the tools a model asked to call: their arguments are model output, what running them returns is not. */
export const TOOL_CALL_FIELDS: ReadonlySet<string> = new Set(["tool_calls", "toolCalls", "function_call", "functionCall", "function_calls", "functionCalls"]);

/** Words of a record's field that hold what people wrote: a stored conversation or message, not a job's status or metrics. */
const CONVERSATION_WORDS = new Set([
  "message", "messages", "body", "text", "content", "conversation", "conversations", "transcript", "history", "chat", "thread", "comment", "comments",
  "note", "notes", "question", "questions", "answer", "reply", "replies", "feedback", "review", "reviews", "description", "query", "prompt", "input", "turns",
]);

/** Whether an origin key (`handler|claim.description`) reads a field of a record that holds what someone wrote. */
export function isConversationFieldKey(key: string): boolean {
  return (key.split("|").pop() ?? "").split(".").slice(1).some((seg) => splitWords(seg).some((w) => CONVERSATION_WORDS.has(w)));
}
