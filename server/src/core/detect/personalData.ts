// Personal-data literals for PII002 (RULES.md resolved question 11): HKIDs,
// Hong Kong phone numbers, e-mail addresses, payment cards and mainland
// resident ID numbers. Pure string scanning: every regular expression has a
// bounded length and no nested quantifiers, and the e-mail scan is a single
// pass, so the cost stays linear on adversarial input.

export type PersonalDataKind = "hkid" | "phone" | "email" | "card" | "mainland-id";

export interface PersonalDataMatch {
  start: number;
  end: number;
  kind: PersonalDataKind;
}

// ---------------------------------------------------------------------------
// Full-width folding

/**
 * Folds full-width ASCII (U+FF01–U+FF5E: digits, letters, parentheses, plus,
 * hyphen, @, ...) and the ideographic / no-break spaces to ASCII. Every
 * replacement is one UTF-16 unit for one, so offsets into the result index
 * the original text too.
 */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000\u00A0]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x3000 || code === 0xa0) return " ";
    return String.fromCharCode(code - 0xfee0);
  });
}

// ---------------------------------------------------------------------------
// Character classes (ASCII only, applied to folded text)

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlphaCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlnumCode(c: number): boolean {
  return isDigitCode(c) || isAlphaCode(c);
}

function isDigitAt(t: string, i: number): boolean {
  return i >= 0 && i < t.length && isDigitCode(t.charCodeAt(i));
}

// Letters that form a backslash escape in raw literal text ("\n91234567").
const ESCAPE_LETTERS = new Set(["n", "t", "r", "f", "v", "b", "0"]);

/** True when t[i] is a letter, digit or underscore that belongs to a word. */
function isWordAt(t: string, i: number): boolean {
  if (i < 0 || i >= t.length) return false;
  const c = t.charCodeAt(i);
  if (!isAlnumCode(c) && c !== 95) return false;
  // The letter of an escape sequence is a separator, not part of the match's word.
  if (i > 0 && t.charCodeAt(i - 1) === 92 && ESCAPE_LETTERS.has(t[i])) return false;
  return true;
}

interface BoundaryOptions {
  /** Numbers written in space-separated groups: a digit group next door means a longer number. */
  grouped?: boolean;
  /** Characters that may not stand directly before the match. */
  forbiddenBefore?: string;
}

// A match must be a whole token: no letters or digits next to it, and not one
// piece of a hyphen/dot/slash compound such as a model id, date, version or URL.
function hasCleanBoundaries(t: string, start: number, end: number, opts: BoundaryOptions = {}): boolean {
  if (isWordAt(t, start - 1) || isWordAt(t, end)) return false;
  const before = start > 0 ? t[start - 1] : "";
  const after = end < t.length ? t[end] : "";
  if ((before === "-" || before === "." || before === "/") && isWordAt(t, start - 2)) return false;
  if ((after === "-" || after === "." || after === "/") && isWordAt(t, end + 1)) return false;
  if (opts.grouped) {
    if (before === " " && isDigitAt(t, start - 2)) return false;
    if (after === " " && isDigitAt(t, end + 1)) return false;
  }
  if (opts.forbiddenBefore && before !== "" && opts.forbiddenBefore.includes(before)) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Validators

function letterValue(ch: string): number {
  return ch.charCodeAt(0) - 55; // A=10 ... Z=35
}

/**
 * The HKID check character for a one- or two-letter prefix and six digits:
 * a missing first letter counts as 36 (space), weights 9..2, check =
 * (11 - sum mod 11) mod 11 with 10 written "A".
 */
export function hkidCheckDigit(prefix: string, digits: string): string {
  const p = prefix.toUpperCase();
  const values = p.length === 1 ? [36, letterValue(p)] : [letterValue(p[0]), letterValue(p[1])];
  for (const d of digits) values.push(d.charCodeAt(0) - 48);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * (9 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? "A" : String(check);
}

const HKID_WHOLE = /^([A-Z]{1,2})([0-9]{6})(?: ?\(([0-9A])\)|([0-9A]))$/;

/** A whole HKID with a valid check digit: "K381726(1)", "K3817261", "AB123456(9)". Case and full-width insensitive. */
export function isValidHkid(s: string): boolean {
  const m = HKID_WHOLE.exec(foldFullWidth(s).trim().toUpperCase());
  if (!m) return false;
  return hkidCheckDigit(m[1], m[2]) === (m[3] ?? m[4]);
}

/** Luhn check over a string of digits only. */
export function isLuhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** 13-19 digits, optionally grouped by single spaces or hyphens, passing Luhn and not one repeated digit. */
export function isValidCardNumber(s: string): boolean {
  const folded = foldFullWidth(s).trim();
  if (!/^[0-9]+(?:[ -][0-9]+)*$/.test(folded)) return false;
  const digits = folded.replace(/[ -]/g, "");
  return digits.length >= 13 && digits.length <= 19 && !/^(\d)\1*$/.test(digits) && isLuhnValid(digits);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A real calendar date. */
function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1];
  return d <= days;
}

/** YYYYMMDD as a real date with a year in [minYear, maxYear]. */
function isCompactDate(s: string, minYear: number, maxYear: number): boolean {
  if (!/^[0-9]{8}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  return y >= minYear && y <= maxYear && isCalendarDate(y, Number(s.slice(4, 6)), Number(s.slice(6, 8)));
}

const MAINLAND_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const MAINLAND_CHECK = "10X98765432";

/** ISO 7064 MOD 11-2 check character for the first 17 digits of a mainland resident ID. */
export function mainlandIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * MAINLAND_WEIGHTS[i];
  return MAINLAND_CHECK[sum % 11];
}

/** 18-character mainland resident ID: region not starting with 0, real birth date (1900..this year), valid checksum. */
export function isValidMainlandId(s: string): boolean {
  const id = foldFullWidth(s).trim().toUpperCase();
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(id)) return false;
  if (!isCompactDate(id.slice(6, 14), 1900, new Date().getFullYear())) return false;
  return mainlandIdCheckChar(id) === id[17];
}

/** A whole string that is a Hong Kong phone number as findPersonalData recognises it. */
export function isHongKongPhone(s: string): boolean {
  const t = s.trim();
  const found = findPersonalData(t);
  return found.length === 1 && found[0].kind === "phone" && found[0].start === 0 && found[0].end === t.length;
}

/** A whole string that is a personal e-mail address (not an example domain or role account). */
export function isPersonalEmail(s: string): boolean {
  const t = s.trim();
  const found = findPersonalData(t);
  return found.length === 1 && found[0].kind === "email" && found[0].start === 0 && found[0].end === t.length;
}

// ---------------------------------------------------------------------------
// Candidate scanning helpers

type Candidate = { start: number; end: number };

/** Runs a global regex over t and hands each match to accept; a rejected match is retried one character later. */
function scan(re: RegExp, t: string, accept: (m: RegExpExecArray) => boolean): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    if (!accept(m)) re.lastIndex = m.index + 1;
  }
}

// ---------------------------------------------------------------------------
// HKID

const HKID_RE = /[A-Z]{1,2}[0-9]{6}(?: ?\([0-9A]\)|[0-9A])/g;

function findHkids(t: string): Candidate[] {
  const out: Candidate[] = [];
  scan(HKID_RE, t, (m) => {
    const start = m.index;
    const end = start + m[0].length;
    if (!hasCleanBoundaries(t, start, end)) return false;
    if (!isValidHkid(m[0])) return false;
    out.push({ start, end });
    return true;
  });
  return out;
}

// ---------------------------------------------------------------------------
// Mainland resident ID

const MAINLAND_RE = /[0-9]{17}[0-9Xx]/g;

function findMainlandIds(t: string): Candidate[] {
  const out: Candidate[] = [];
  scan(MAINLAND_RE, t, (m) => {
    const start = m.index;
    const end = start + 18;
    if (!hasCleanBoundaries(t, start, end, { grouped: true })) return false;
    if (!isValidMainlandId(m[0])) return false;
    out.push({ start, end });
    return true;
  });
  return out;
}

// ---------------------------------------------------------------------------
// Payment cards

const CARD_GROUPED_RE = /[0-9]{4}([ -])[0-9]{3,6}(?:\1[0-9]{3,6}){1,3}/g;
const CARD_PLAIN_RE = /[0-9]{13,19}/g;
// Currency and colour prefixes make a digit run an amount or a hex colour.
const NUMBER_PREFIXES = "#$¥€£+";

function findCards(t: string): Candidate[] {
  const out: Candidate[] = [];
  const accept = (m: RegExpExecArray, plain: boolean): boolean => {
    const start = m.index;
    const end = start + m[0].length;
    if (!hasCleanBoundaries(t, start, end, { grouped: true, forbiddenBefore: NUMBER_PREFIXES })) return false;
    const digits = m[0].replace(/[ -]/g, "");
    if (digits.length < 13 || digits.length > 19) return false;
    if (plain) {
      // Ungrouped runs led by 0/1 are ids, timestamps and snowflakes far more often than cards.
      if (digits[0] === "0" || digits[0] === "1") return false;
      // An 18-digit run with a 19xx/20xx birth year in place is a (mistyped) mainland ID, not a card.
      if (digits.length === 18 && /^(?:19|20)$/.test(digits.slice(6, 8))) return false;
    }
    if (!isValidCardNumber(digits)) return false;
    out.push({ start, end });
    return true;
  };
  scan(CARD_GROUPED_RE, t, (m) => accept(m, false));
  scan(CARD_PLAIN_RE, t, (m) => accept(m, true));
  return out;
}

// ---------------------------------------------------------------------------
// Hong Kong phone numbers

const PHONE_CC_RE = /(?:\(\+?852\)|\+\(852\)|\+852|852)[ -]?[2-9][0-9]{3}[ -]?[0-9]{4}/g;
const PHONE_LOCAL_RE = /[2-9][0-9]{3}[ -]?[0-9]{4}/g;

/** HHMM on a quarter hour, as in opening-hours ranges. */
function isQuarterHour(hhmm: number): boolean {
  const h = Math.floor(hhmm / 100);
  const m = hhmm % 100;
  return h <= 24 && m % 15 === 0 && m < 60;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && Number.isInteger(Math.log2(n));
}

// Shapes that are eight digits but plainly not a phone number.
function isImplausiblePhone(digits: string, separator: string): boolean {
  const separated = separator !== "";
  if (/(\d)\1{5}/.test(digits)) return true; // 6+ repeated digits: round amounts, fillers
  if (!separated) {
    if (digits.endsWith("0000")) return true; // round amounts (30000000)
    if (isPowerOfTwo(Number(digits))) return true; // bit flags and sizes (33554432)
    if (isCompactDate(digits, 2000, 2099)) return true; // 20241022
  } else {
    const a = Number(digits.slice(0, 4));
    const b = Number(digits.slice(4));
    if (a >= 1900 && a <= 2099 && b >= 1900 && b <= 2099) return true; // year ranges 2023-2024
    if (separator === "-" && isQuarterHour(a) && isQuarterHour(b)) return true; // opening hours 2100-2330
  }
  return false;
}

function findPhones(t: string): { cc: Candidate[]; local: Candidate[] } {
  const cc: Candidate[] = [];
  const local: Candidate[] = [];
  scan(PHONE_CC_RE, t, (m) => {
    const start = m.index;
    const end = start + m[0].length;
    if (!hasCleanBoundaries(t, start, end, { grouped: true, forbiddenBefore: "+" })) return false;
    const digits = m[0].replace(/[^0-9]/g, "").slice(3);
    if (/(\d)\1{5}/.test(digits)) return false;
    cc.push({ start, end });
    return true;
  });
  scan(PHONE_LOCAL_RE, t, (m) => {
    const start = m.index;
    const end = start + m[0].length;
    if (!hasCleanBoundaries(t, start, end, { grouped: true, forbiddenBefore: NUMBER_PREFIXES })) return false;
    const separator = m[0].length === 9 ? m[0][4] : "";
    if (isImplausiblePhone(m[0].replace(/[ -]/g, ""), separator)) return false;
    local.push({ start, end });
    return true;
  });
  return { cc, local };
}

// ---------------------------------------------------------------------------
// E-mail addresses

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

// Role and placeholder mailboxes are not a person's data.
const ROLE_LOCALS = new Set([
  "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
  "support", "info", "admin", "administrator", "contact", "hello", "sales", "help", "helpdesk",
  "privacy", "dpo", "webmaster", "postmaster", "hostmaster", "abuse", "security", "billing",
  "enquiry", "enquiries", "inquiry", "inquiries", "feedback", "office", "marketing", "careers",
  "jobs", "hr", "press", "media", "newsletter", "notifications", "alerts", "mailer-daemon",
  "root", "git", "team", "service", "customerservice", "cs",
  "you", "user", "username", "name", "someone", "somebody", "email", "foo", "bar",
]);

const PLACEHOLDER_DOMAIN_LABELS = new Set(["example", "domain", "yourdomain", "your-domain", "mydomain", "yourcompany"]);

// Generic TLDs seen in real addresses; any two-letter country code also passes
// (except ones that are really file extensions, e.g. "icon@2x.py").
const GENERIC_TLDS = new Set([
  "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "mobi", "tel",
  "aero", "asia", "coop", "jobs", "museum", "travel", "cat", "post", "io", "ai", "app", "dev",
  "xyz", "online", "site", "tech", "store", "shop", "cloud", "email", "mail", "live", "life",
  "world", "today", "top", "vip", "club", "blog", "news", "media", "digital", "agency",
  "solutions", "services", "group", "company", "global", "network", "systems", "technology",
  "finance", "bank", "health", "care", "clinic", "law", "legal", "studio", "design", "art",
  "page", "website", "space", "fun", "games", "ltd", "llc", "inc", "team", "work", "works",
  "host", "link", "one", "plus", "zone", "run", "academy", "school", "education", "consulting",
  "partners", "capital", "fund", "money", "insurance", "hospital", "dental", "doctor",
  "restaurant", "cafe", "hotel", "tours", "photo", "photography", "love", "family",
  "social", "chat", "icu", "gmbh",
]);

const FILE_EXTENSION_TLDS = new Set(["py", "md", "sh", "rs", "so", "js", "ts", "cs", "go", "rb", "db", "gz", "xz", "bz", "ps", "pm"]);

function isLocalCode(c: number): boolean {
  // letters digits . _ % + -
  return isAlnumCode(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

function isDomainCode(c: number): boolean {
  return isAlnumCode(c) || c === 46 || c === 45;
}

function isAuthorityEnd(c: number): boolean {
  // / ? # whitespace quotes < > ( ) , ; `
  return (
    c === 47 || c === 63 || c === 35 || c <= 32 || c === 34 || c === 39 || c === 96 ||
    c === 60 || c === 62 || c === 40 || c === 41 || c === 44 || c === 59
  );
}

function isAcceptableDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split(".");
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) return false;
    if (label.startsWith("-") || label.endsWith("-")) return false;
    if (PLACEHOLDER_DOMAIN_LABELS.has(label)) return false; // example.com, mail.example.org, example.com.hk
  }
  const tld = labels[labels.length - 1];
  if (!/^[a-z]+$/.test(tld)) return false; // lodash@4.17.21, image@sha256
  if (tld.length === 2) return !FILE_EXTENSION_TLDS.has(tld);
  // Anything else (.test, .invalid, .localhost, .example, .local, .png) is no public mail domain.
  return GENERIC_TLDS.has(tld);
}

function isAcceptableLocal(local: string): boolean {
  if (local.length === 0 || local.length > MAX_LOCAL) return false;
  // "-cert-v01@openssh.com" and ".x@y" are algorithm names or fragments, not mailboxes.
  if (/^[.+-]/.test(local) || local.endsWith(".") || local.includes("..")) return false;
  const base = local.toLowerCase().split("+")[0];
  if (base.length === 0) return false;
  if (ROLE_LOCALS.has(base) || base.startsWith("your")) return false;
  return /[a-z0-9]/.test(base);
}

function findEmails(t: string): Candidate[] {
  const out: Candidate[] = [];
  const n = t.length;
  let inAuthority = false; // inside "scheme://user:pass@host" before the path
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 58 && t.charCodeAt(i + 1) === 47 && t.charCodeAt(i + 2) === 47) {
      inAuthority = true;
      i += 2;
      continue;
    }
    if (inAuthority && isAuthorityEnd(c)) inAuthority = false;
    if (c !== 64) continue;
    if (inAuthority) continue; // userinfo of a URL, not an address

    // Local part: scan left, bounded so repeated "@" cannot make this quadratic.
    let j = i - 1;
    while (j >= 0 && i - 1 - j <= MAX_LOCAL && isLocalCode(t.charCodeAt(j))) j--;
    if (j >= 0 && i - 1 - j > MAX_LOCAL) continue;
    let localStart = j + 1;
    if (localStart > 0 && t.charCodeAt(localStart - 1) === 92 && ESCAPE_LETTERS.has(t[localStart])) localStart++;
    const local = t.slice(localStart, i);
    if (!isAcceptableLocal(local)) continue;

    // Domain: scan right, bounded.
    let k = i + 1;
    while (k < n && k - i - 1 <= MAX_DOMAIN && isDomainCode(t.charCodeAt(k))) k++;
    if (k - i - 1 > MAX_DOMAIN) continue;
    let end = k;
    while (end > i + 1 && (t[end - 1] === "." || t[end - 1] === "-")) end--; // sentence punctuation
    if (!isAcceptableDomain(t.slice(i + 1, end))) continue;
    if (isWordAt(t, end) || t[end] === "@") continue;
    out.push({ start: localStart, end });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Entry point

/**
 * Finds personal-data literals in `text` (the raw source text of a string
 * literal or a line). Offsets are UTF-16 indices into `text`; full-width
 * characters are folded first with a one-to-one mapping, so offsets hold.
 * Matches never overlap; they come back sorted by start.
 */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const t = foldFullWidth(text);
  const taken = new Uint8Array(t.length);
  const result: PersonalDataMatch[] = [];

  // Earlier kinds win an overlap: a card is not also a phone, an e-mail's digits are not a phone.
  const add = (kind: PersonalDataKind, candidates: Candidate[]): void => {
    for (const { start, end } of candidates) {
      let free = true;
      for (let i = start; i < end; i++) {
        if (taken[i]) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      taken.fill(1, start, end);
      result.push({ start, end, kind });
    }
  };

  add("email", findEmails(t));
  add("mainland-id", findMainlandIds(t));
  add("card", findCards(t));
  add("hkid", findHkids(t));
  const phones = findPhones(t);
  add("phone", phones.cc);
  add("phone", phones.local);

  result.sort((a, b) => a.start - b.start);
  return result;
}
