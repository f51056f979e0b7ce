// The TextMate injection grammar that highlights suppression directives in comments
// (syntaxes/genai-lint-directives.tmLanguage.json), run through vscode-textmate with the
// Oniguruma engine VS Code uses, over small stand-in grammars that only know comments and strings.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";
import { parseSuppressions } from "../../server/src/core/suppressions";

const ROOT = path.resolve(__dirname, "../../..");
const GRAMMARS = path.join(ROOT, "test/fixtures/grammars");

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

const contributed = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).contributes?.grammars ?? []) as GrammarContribution[];
const INJECTION_SCOPE = "genai-lint.directives.injection";

/** Base grammars by scope: Python, and the JS stand-in renamed for each of the JS-family scopes. */
function baseGrammarText(scopeName: string): string | undefined {
  if (scopeName === "source.python") return readFileSync(path.join(GRAMMARS, "python-comments.tmLanguage.json"), "utf8");
  const suffix = { "source.js": "js", "source.js.jsx": "js.jsx", "source.ts": "ts", "source.tsx": "tsx" }[scopeName];
  if (!suffix) return undefined;
  const js = JSON.parse(readFileSync(path.join(GRAMMARS, "js-comments.tmLanguage.json"), "utf8"));
  return JSON.stringify(js).replace(/\.js"/g, `.${suffix}"`).replace(/"source\.js"/, JSON.stringify(scopeName));
}

let registry: vsctm.Registry | undefined;

async function grammarFor(scopeName: string): Promise<vsctm.IGrammar> {
  if (!registry) {
    const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scope) => {
        const own = contributed.find((g) => g.scopeName === scope);
        if (own) return vsctm.parseRawGrammar(readFileSync(path.join(ROOT, own.path), "utf8"), path.join(ROOT, own.path));
        const base = baseGrammarText(scope);
        return base ? vsctm.parseRawGrammar(base, `${scope}.json`) : null;
      },
      // As VS Code does: the grammars whose `injectTo` names the scope are injected into it.
      getInjections: (scope) => contributed.filter((g) => g.injectTo?.includes(scope)).map((g) => g.scopeName),
    });
  }
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `no grammar for ${scopeName}`);
  return grammar;
}

interface Token {
  text: string;
  scopes: string[];
}

async function tokenize(scopeName: string, line: string): Promise<Token[]> {
  const grammar = await grammarFor(scopeName);
  return grammar.tokenizeLine(line, vsctm.INITIAL).tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
}

const has = (t: Token, scope: string) => t.scopes.some((s) => s === scope || s.startsWith(`${scope}.`));
const ofScope = (tokens: Token[], scope: string) => tokens.filter((t) => has(t, scope));
const directiveScopes = (tokens: Token[]) => tokens.flatMap((t) => t.scopes.filter((s) => s.endsWith(".genai-lint")));

/** What the highlighting says a directive holds: keyword, rule ids, whether `--` is there, reason. */
function readDirective(tokens: Token[]): { keyword: string; rules: string[]; separator: boolean; reason: string | undefined } {
  const reason = ofScope(tokens, "string.unquoted.reason.genai-lint").map((t) => t.text).join("");
  return {
    keyword: ofScope(tokens, "keyword.control.directive.genai-lint").map((t) => t.text).join(""),
    rules: ofScope(tokens, "constant.other.rule-id.genai-lint").map((t) => t.text),
    separator: ofScope(tokens, "punctuation.separator.reason.genai-lint").some((t) => t.text === "--"),
    reason: reason.trim() || undefined,
  };
}

/** What the analyser's suppression parser reads from the same comment. */
function parsed(comment: string): { kind: string; rules: string[]; reason: string | undefined } | undefined {
  const [s] = parseSuppressions([{ span: { start: 0, end: comment.length }, text: comment }], comment);
  return s && { kind: s.kind, rules: s.rules, reason: s.reason };
}

describe("suppression directive grammar", function () {
  this.timeout(20000);

  it("is contributed as an injection into Python, JavaScript, TypeScript and their React variants", () => {
    const own = contributed.find((g) => g.scopeName === INJECTION_SCOPE);
    assert.ok(own, "package.json contributes the injection grammar");
    const grammar = JSON.parse(readFileSync(path.join(ROOT, own.path), "utf8"));
    assert.equal(grammar.scopeName, INJECTION_SCOPE);
    for (const scope of ["source.python", "source.js", "source.js.jsx", "source.ts", "source.tsx"]) assert.ok(own.injectTo?.includes(scope), `injectTo ${scope}`);
    const selectors = String(grammar.injectionSelector).split(",").map((s) => s.trim());
    for (const lang of ["source.python", "source.js", "source.jsx", "source.ts", "source.tsx"]) {
      for (const comment of ["comment.line", "comment.block"]) assert.ok(selectors.includes(`L:${lang} ${comment}`), `selector for ${lang} ${comment}`);
    }
  });

  it("highlights keyword, rule ids, separator and reason in a Python comment", async () => {
    const tokens = await tokenize("source.python", "    # genai-lint-disable-next-line DIS001, CON001 -- the kiosk shows a fixed AI banner");
    assert.deepEqual(readDirective(tokens), { keyword: "genai-lint-disable-next-line", rules: ["DIS001", "CON001"], separator: true, reason: "the kiosk shows a fixed AI banner" });
    const keyword = ofScope(tokens, "keyword.control.directive.genai-lint")[0];
    assert.ok(has(keyword, "comment.line.number-sign.python") && has(keyword, "meta.directive.genai-lint"), keyword.scopes.join(" "));
    assert.ok(ofScope(tokens, "punctuation.separator.comma.genai-lint").some((t) => t.text === ","));
    assert.ok(!has(tokens[0], "comment"), "indentation before the comment is code");
  });

  for (const scope of ["source.js", "source.js.jsx", "source.ts", "source.tsx"]) {
    it(`highlights directives in // and /* */ comments of ${scope}`, async () => {
      const line = await tokenize(scope, "// genai-lint-disable-file SEC001 -- keys below are revoked test keys");
      assert.deepEqual(readDirective(line), { keyword: "genai-lint-disable-file", rules: ["SEC001"], separator: true, reason: "keys below are revoked test keys" });
      assert.ok(ofScope(line, "constant.other.rule-id.genai-lint").every((t) => has(t, "comment.line.double-slash")));

      const block = await tokenize(scope, "/* genai-lint-disable-next-line WMK001 -- signed by the CDN */ const poster = render();");
      assert.deepEqual(readDirective(block), { keyword: "genai-lint-disable-next-line", rules: ["WMK001"], separator: true, reason: "signed by the CDN" });
      const close = block.find((t) => t.text.includes("*/"));
      assert.ok(close && !has(close, "string.unquoted.reason.genai-lint") && !has(close, "meta.directive.genai-lint"), "*/ closes the comment, not the reason");
      const after = block[block.length - 1];
      assert.match(after.text, /const poster/);
      assert.deepEqual(after.scopes, [scope], "code after the comment is not part of it");
    });
  }

  it("reads the same rule ids and reason as the suppression parser", async () => {
    const samples: Array<[string, string]> = [
      ["source.python", "# genai-lint-disable-next-line DIS001 -- banner on every page"],
      ["source.python", "# genai-lint-disable-file PII002,SEC001 -- synthetic records for tests"],
      ["source.python", "# genai-lint-disable-next-line DIS001"],
      ["source.ts", "// genai-lint-disable-line CON001 -- consent checked by middleware; see DIS001 notes"],
      ["source.tsx", "/* genai-lint-disable-next-line WMK001, DIS001 -- */"],
      ["source.js", "// genai-lint-disable-next-line -- all rules: generated fixture"],
      ["source.js", "// genai-lint-disable-next-line DIS001--no space before the reason"],
      ["source.python", "# genai-lint-disable-next-line DIS001x; CON001 -- only whole ids count"],
      ["source.python", "# note: genai-lint-disable-file SEC001 -- mid-comment directives count"],
    ];
    for (const [scope, comment] of samples) {
      const seen = readDirective(await tokenize(scope, comment));
      const expected = parsed(comment);
      assert.ok(expected, comment);
      assert.deepEqual({ rules: seen.rules, reason: seen.reason }, { rules: expected.rules, reason: expected.reason }, comment);
      assert.equal(seen.keyword, `genai-lint-disable-${expected.kind}`, comment);
    }
  });

  it("leaves ordinary comments, strings and lookalikes alone", async () => {
    const samples: Array<[string, string]> = [
      ["source.python", "# Labels AI output before it reaches a user -- see DIS001 in the genai-lint docs"],
      ["source.python", 'message = "genai-lint-disable-next-line DIS001 -- not a comment"'],
      ["source.js", "// genai-lint-disable-next-lines DIS001 -- not the keyword"],
      ["source.ts", "// genai-lint-disable SEC001 -- no kind"],
      ["source.js", "/* genai-lint-disable-files SEC001 */"],
      ["source.tsx", 'const help = "genai-lint-disable-file SEC001";'],
    ];
    for (const [scope, line] of samples) {
      assert.deepEqual(directiveScopes(await tokenize(scope, line)), [], line);
      if (/^\s*(#|\/\/|\/\*)/.test(line)) assert.equal(parsed(line.trim()), undefined, `the parser ignores ${line} too`);
    }
  });

  it("ends a directive at the end of the line in a multi-line block comment", async () => {
    const grammar = await grammarFor("source.ts");
    const firstLine = "/* genai-lint-disable-file SEC001 -- fixture keys";
    const first = grammar.tokenizeLine(firstLine, vsctm.INITIAL);
    const firstTokens = first.tokens.map((t) => ({ text: firstLine.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    assert.deepEqual(readDirective(firstTokens), { keyword: "genai-lint-disable-file", rules: ["SEC001"], separator: true, reason: "fixture keys" });
    const second = grammar.tokenizeLine("   reviewed DIS002 by security */", first.ruleStack);
    const secondTokens = second.tokens.map((t) => ({ text: "   reviewed DIS002 by security */".slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    assert.ok(secondTokens.every((t) => has(t, "comment.block") || t.text.trim() === ""), "still in the comment");
    assert.deepEqual(directiveScopes(secondTokens), [], "the next line is plain comment text");
  });
});
