// Word lists and small helpers shared by the Python and TypeScript generators.

export const DOMAINS = [
  { name: "clinic", entities: ["patient", "appointment", "referral", "prescription", "visit"], staff: "nurse" },
  { name: "insurance", entities: ["claim", "policy", "adjuster", "quote", "incident"], staff: "adjuster" },
  { name: "property", entities: ["listing", "tenant", "lease", "viewing", "landlord"], staff: "agent" },
  { name: "banking", entities: ["account", "transfer", "loan", "statement", "card"], staff: "officer" },
  { name: "school", entities: ["student", "assignment", "course", "parent", "report"], staff: "teacher" },
  { name: "retail", entities: ["order", "product", "basket", "voucher", "review"], staff: "merchandiser" },
  { name: "logistics", entities: ["shipment", "parcel", "route", "driver", "warehouse"], staff: "dispatcher" },
  { name: "travel", entities: ["booking", "itinerary", "trip", "traveller", "hotel"], staff: "consultant" },
  { name: "support", entities: ["ticket", "customer", "conversation", "article", "macro"], staff: "agent" },
  { name: "recruiting", entities: ["applicant", "vacancy", "interview", "offer", "resume"], staff: "recruiter" },
];

export const ACTIONS = ["summarise", "triage", "draft", "translate", "classify", "rewrite", "answer", "explain", "score", "extract", "review", "caption", "tag", "reply", "outline", "simplify"];
export const QUALIFIERS = ["daily", "urgent", "bulk", "weekly", "vip", "pending", "archived", "priority", "legacy", "bilingual", "quick", "overnight", "regional", "manual", "scheduled"];
export const TEXT_FIELDS = ["note", "summary", "message", "description", "comment", "details", "remarks", "question", "body", "content", "history", "feedback"];
export const PII_FIELDS = ["hkid", "phone", "email", "mobile", "date_of_birth", "home_address", "full_name", "passport_no"];
export const TONES = ["friendly", "formal", "concise", "plain-language", "empathetic", "neutral"];
export const LANGS = ["English", "Cantonese", "Traditional Chinese", "Simplified Chinese"];
export const OPENAI_MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1", "o4-mini"];
export const ANTHROPIC_MODELS = ["claude-3-5-sonnet-latest", "claude-3-5-haiku-latest", "claude-sonnet-4-20250514", "claude-3-7-sonnet-latest"];
export const GEMINI_MODELS = ["gemini-1.5-flash", "gemini-1.5-pro", "gemini-2.0-flash"];
export const SURNAMES = ["Chan", "Wong", "Lee", "Cheung", "Lau", "Ho", "Ng", "Leung", "Tsang", "Yip", "Kwok", "Lam", "Tam", "Fung"];
export const GIVEN = ["Tai Man", "Siu Ming", "Ka Yan", "Wing Sze", "Chi Keung", "Mei Ling", "Ho Yin", "Hoi Lam", "Kwok Wai", "Suet Ying"];

export const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
export const camel = (...words) => words.map((w, i) => (i === 0 ? w : cap(w))).join("").replace(/_(\w)/g, (_, c) => c.toUpperCase());
export const pascal = (...words) => cap(camel(...words));
export const snake = (...words) => words.join("_");
export const plural = (w) => (w.endsWith("y") && !/[aeiou]y$/.test(w) ? w.slice(0, -1) + "ies" : w.endsWith("s") ? w + "es" : w + "s");

/** A Hong Kong identity card number with a valid check digit, e.g. "A123456(3)". */
export function hkid(rng) {
  const letter = String.fromCharCode(65 + rng.int(0, 25));
  const digits = Array.from({ length: 6 }, () => rng.int(0, 9));
  let sum = 36 * 9 + (letter.charCodeAt(0) - 55) * 8;
  digits.forEach((d, i) => (sum += d * (7 - i)));
  const check = (11 - (sum % 11)) % 11;
  return `${letter}${digits.join("")}(${check === 10 ? "A" : check})`;
}

export function phone(rng) {
  return `${rng.pick(["5", "6", "9"])}${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
}

export function person(rng) {
  return `${rng.pick(SURNAMES)} ${rng.pick(GIVEN)}`;
}

export function email(rng) {
  return `${rng.pick(SURNAMES).toLowerCase()}.${rng.pick(["tm", "sm", "ky", "ws", "ck", "ml"])}${rng.int(1, 99)}@${rng.pick(["example.com.hk", "mail.example.hk", "example.org"])}`;
}

/** Hands out unique names: the second request for a name gets a qualifier or a number. */
export function nameRegistry(rng) {
  const used = new Set();
  return (base, join = "_") => {
    let name = base;
    for (let i = 0; used.has(name); i++) {
      name = i < 4 ? (join === "_" ? `${rng.pick(QUALIFIERS)}_${base}` : `${rng.pick(QUALIFIERS)}${cap(base)}`) : `${base}${join === "_" ? "_" : ""}${i}`;
    }
    used.add(name);
    return name;
  };
}

/** Appends units from `pick()` until `target` lines, then pads with `filler()` units to exactly `target`. */
export function fillToLines(header, target, pick, filler) {
  const lines = [...header];
  for (;;) {
    const unit = pick();
    if (lines.length + unit.length + 8 > target) break;
    lines.push(...unit);
  }
  while (lines.length < target) {
    const unit = filler(target - lines.length);
    lines.push(...unit.slice(0, target - lines.length));
  }
  return lines.join("\n") + "\n";
}
