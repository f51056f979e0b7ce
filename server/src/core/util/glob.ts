// Glob matching in linear-bounded time (dynamic programming, no regular
// expressions built from user input): `*`, `?`, `**`, `[abc]`, `{a,b}`.

/** Expands `{a,b}` alternatives (not nested beyond a few levels). */
function expandBraces(pattern: string, depth = 0): string[] {
  const open = pattern.indexOf("{");
  if (open < 0 || depth > 4) return [pattern];
  let level = 0;
  for (let i = open; i < pattern.length; i++) {
    if (pattern[i] === "{") level++;
    else if (pattern[i] === "}" && --level === 0) {
      const inner = pattern.slice(open + 1, i);
      const parts: string[] = [];
      let start = 0;
      let l = 0;
      for (let j = 0; j < inner.length; j++) {
        if (inner[j] === "{") l++;
        else if (inner[j] === "}") l--;
        else if (inner[j] === "," && l === 0) {
          parts.push(inner.slice(start, j));
          start = j + 1;
        }
      }
      parts.push(inner.slice(start));
      const head = pattern.slice(0, open);
      const tail = pattern.slice(i + 1);
      return parts.flatMap((p) => expandBraces(head + p + tail, depth + 1)).slice(0, 64);
    }
  }
  return [pattern];
}

/** One piece of a segment pattern: `*`, `?`, a `[...]` class or a literal character. */
type SegmentToken = { k: "star" } | { k: "any" } | { k: "class"; test: (c: string) => boolean } | { k: "char"; c: string };

/** Splits a segment pattern into tokens, once per glob. Linear: where each `[` closes comes from one backward pass. */
function tokenizeSegment(p: string): SegmentToken[] {
  const nextClose = new Array<number>(p.length + 1).fill(-1);
  for (let i = p.length - 1; i >= 0; i--) nextClose[i] = p[i] === "]" ? i : nextClose[i + 1];
  const tokens: SegmentToken[] = [];
  let i = 0;
  while (i < p.length) {
    const ch = p[i];
    if (ch === "*") {
      tokens.push({ k: "star" });
      i++;
    } else if (ch === "?") {
      tokens.push({ k: "any" });
      i++;
    } else if (ch === "\\") {
      // A trailing backslash escapes nothing and matches nothing.
      tokens.push({ k: "char", c: p[i + 1] ?? "" });
      i += 2;
    } else if (ch === "[" && i + 2 < p.length && nextClose[i + 2] > 0) {
      const close = nextClose[i + 2];
      const body = p.slice(i + 1, close);
      const negate = body[0] === "!" || body[0] === "^";
      const set = negate ? body.slice(1) : body;
      tokens.push({
        k: "class",
        test: (c) => {
          let hit = false;
          for (let k = 0; k < set.length; k++) {
            if (set[k + 1] === "-" && k + 2 < set.length) {
              if (c >= set[k] && c <= set[k + 2]) hit = true;
              k += 2;
            } else if (set[k] === c) hit = true;
          }
          return negate ? !hit : hit;
        },
      });
      i = close + 1;
    } else {
      tokens.push({ k: "char", c: ch });
      i++;
    }
  }
  return tokens;
}

/** Matches one path segment against a tokenized segment pattern. O(len(p) * len(s)), two reused rows. */
function matchSegment(p: readonly SegmentToken[], s: string): boolean {
  // prev[j] = 1: the tokens so far match s[0..j).
  let prev = new Uint8Array(s.length + 1);
  let cur = new Uint8Array(s.length + 1);
  prev[0] = 1;
  for (const token of p) {
    let reachable = 0;
    if (token.k === "star") {
      let any = 0;
      for (let j = 0; j <= s.length; j++) {
        any |= prev[j];
        cur[j] = any;
      }
      reachable = any;
    } else {
      cur[0] = 0;
      for (let j = 1; j <= s.length; j++) {
        const hit = prev[j - 1] === 1 && (token.k === "any" || (token.k === "class" ? token.test(s[j - 1]) : token.c === s[j - 1]));
        cur[j] = hit ? 1 : 0;
        reachable |= cur[j];
      }
    }
    if (!reachable) return false;
    [prev, cur] = [cur, prev];
  }
  return prev[s.length] === 1;
}

/** Matches path segments with `**` (any number of segments). O(segments(p) * segments(s)) segment matches. */
function matchSegments(p: ReadonlyArray<"**" | readonly SegmentToken[]>, s: readonly string[]): boolean {
  let prev = new Uint8Array(s.length + 1);
  let cur = new Uint8Array(s.length + 1);
  prev[0] = 1;
  for (const seg of p) {
    if (seg === "**") {
      let any = 0;
      for (let j = 0; j <= s.length; j++) {
        any |= prev[j];
        cur[j] = any;
      }
    } else {
      cur[0] = 0;
      for (let j = 1; j <= s.length; j++) cur[j] = prev[j - 1] === 1 && matchSegment(seg, s[j - 1]) ? 1 : 0;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[s.length] === 1;
}

export type GlobMatcher = (path: string) => boolean;

/**
 * Compiles a glob for workspace-relative POSIX paths. A pattern without a
 * slash matches at any depth (`*.test.ts`), like .gitignore. Config globs may
 * be written with Windows separators; `.gitignore` patterns (`gitignore: true`)
 * instead use the backslash as an escape (`\#notes`, `name\ `) and know no braces.
 */
export function compileGlob(pattern: string, options: { gitignore?: boolean } = {}): GlobMatcher {
  const variants = (options.gitignore ? [pattern] : expandBraces(pattern.trim().replace(/\\/g, "/"))).map((p) => {
    let q = p.replace(/^\.\//, "");
    const anchored = q.startsWith("/") || q.replace(/\/$/, "").includes("/");
    q = q.replace(/^\//, "").replace(/\/$/, "");
    const segs = q.split("/").filter(Boolean).map((seg) => (seg === "**" ? ("**" as const) : tokenizeSegment(seg)));
    return anchored ? segs : ["**" as const, ...segs];
  });
  return (path: string) => {
    const segs = path.replace(/\\/g, "/").split("/").filter(Boolean);
    return variants.some((v) => matchSegments(v, segs) || matchSegments([...v, "**" as const], segs));
  };
}

export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const matchers = patterns.map((p) => compileGlob(p));
  return (path) => matchers.some((m) => m(path));
}
