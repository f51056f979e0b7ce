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

/** Matches one path segment against a segment pattern with `*`, `?` and `[...]`. O(len(p) * len(s)). */
function matchSegment(p: string, s: string): boolean {
  // prev[j]: p[0..i) matches s[0..j)
  let prev = new Array<boolean>(s.length + 1).fill(false);
  prev[0] = true;
  let i = 0;
  while (i < p.length) {
    const cur = new Array<boolean>(s.length + 1).fill(false);
    const ch = p[i];
    if (ch === "*") {
      let any = false;
      for (let j = 0; j <= s.length; j++) {
        any = any || prev[j];
        cur[j] = any;
      }
      i++;
    } else {
      let cls: ((c: string) => boolean) | undefined;
      let width = 1;
      if (ch === "[") {
        const close = p.indexOf("]", i + 2);
        if (close > 0) {
          const body = p.slice(i + 1, close);
          const negate = body[0] === "!" || body[0] === "^";
          const set = negate ? body.slice(1) : body;
          cls = (c) => {
            let hit = false;
            for (let k = 0; k < set.length; k++) {
              if (set[k + 1] === "-" && k + 2 < set.length) {
                if (c >= set[k] && c <= set[k + 2]) hit = true;
                k += 2;
              } else if (set[k] === c) hit = true;
            }
            return negate ? !hit : hit;
          };
          width = close - i + 1;
        }
      }
      for (let j = 1; j <= s.length; j++) {
        if (!prev[j - 1]) continue;
        const c = s[j - 1];
        cur[j] = ch === "?" ? true : cls ? cls(c) : ch === "\\" ? p[i + 1] === c : ch === c;
      }
      i += ch === "\\" ? 2 : width;
    }
    prev = cur;
  }
  return prev[s.length];
}

/** Matches path segments with `**` (any number of segments). O(segments(p) * segments(s)) segment matches. */
function matchSegments(p: readonly string[], s: readonly string[]): boolean {
  let prev = new Array<boolean>(s.length + 1).fill(false);
  prev[0] = true;
  for (const seg of p) {
    const cur = new Array<boolean>(s.length + 1).fill(false);
    if (seg === "**") {
      let any = false;
      for (let j = 0; j <= s.length; j++) {
        any = any || prev[j];
        cur[j] = any;
      }
    } else {
      for (let j = 1; j <= s.length; j++) cur[j] = prev[j - 1] && matchSegment(seg, s[j - 1]);
    }
    prev = cur;
  }
  return prev[s.length];
}

export type GlobMatcher = (path: string) => boolean;

/**
 * Compiles a glob for workspace-relative POSIX paths. A pattern without a
 * slash matches at any depth (`*.test.ts`), like .gitignore.
 */
export function compileGlob(pattern: string): GlobMatcher {
  const variants = expandBraces(pattern.trim().replace(/\\/g, "/")).map((p) => {
    let q = p.replace(/^\.\//, "");
    const anchored = q.startsWith("/") || q.replace(/\/$/, "").includes("/");
    q = q.replace(/^\//, "").replace(/\/$/, "");
    const segs = q.split("/").filter(Boolean);
    return anchored ? segs : ["**", ...segs];
  });
  return (path: string) => {
    const segs = path.replace(/\\/g, "/").split("/").filter(Boolean);
    return variants.some((v) => matchSegments(v, segs) || matchSegments([...v, "**"], segs));
  };
}

export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const matchers = patterns.map(compileGlob);
  return (path) => matchers.some((m) => m(path));
}
