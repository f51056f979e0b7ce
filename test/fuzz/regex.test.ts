// Catastrophic backtracking: every regular expression in server/src, and every detector and helper
// that uses them, fed long adversarial inputs. Each call must finish (a generous 1 s hang guard on
// 40,000 characters) and grow linearly: 4x the input may take at most 10x the time. Also: no
// regular expression is ever built from text (names and globs from the workspace or settings stay data).
import assert from "node:assert/strict";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { analyzeFiles, defaultSettings } from "../../server/src/core/analyze";
import { findPersonalData, foldFullWidth, isPersonalEmail, isHongKongPhone } from "../../server/src/core/detect/personalData";
import { findCredentials, maskSecret } from "../../server/src/core/detect/credentials";
import {
  hasDisclosureText,
  isConsentGuardName,
  isConsentName,
  isDisclosureFieldName,
  isDisclosureHelperName,
  isRedactionName,
  isWatermarkName,
  personalDataCategory,
  personRecordWord,
  splitWords,
} from "../../server/src/core/analysis/names";
import { aiEndpoint, findSdkEntry, nameMatch, normaliseSegment, providerForUrl } from "../../server/src/core/analysis/sdkResolve";
import { modalityFromModelName, modalityFromTask } from "../../server/src/core/sdk/catalogue";
import { globMatch, isServerFrameworkName } from "../../server/src/core/sdk/frameworks";
import { parseConfig } from "../../server/src/core/config";
import { decodeEscapes } from "../../server/src/core/ir/lowerCommon";
import { parseSuppressions } from "../../server/src/core/suppressions";
import { compileGlob } from "../../server/src/core/util/glob";
import { GitIgnore, isMinifiedName } from "../../server/src/core/workspace/discovery";
import { parseJsonc } from "../../server/src/core/workspace/jsonc";
import { joinPath, normalizePath } from "../../server/src/core/workspace/paths";
import { isRouteHandlerPath } from "../../server/src/core/workspace/routePaths";
import { enclosingLiteral, envNameFor, maskedPersonalData } from "../../server/src/core/fixes/ruleFixes";
import { Workspace } from "../../server/src/core/workspace/workspace";
import { normaliseSettings } from "../../server/src/protocol/settings";
import { ready } from "../harness/analysis";
import { REPO_ROOT } from "../conformance/suites";
import { attacksFor, build, growth, matcherFor, nonLinear, regexSites } from "./adversarial";
import type { SweepReport } from "./regexSweepWorker";

/** A near-miss input of about `length` characters: `pump` repeated after `prefix`, then `suffix`. */
const pumped = (pump: string, prefix = "", suffix = "\u0000") => (length: number) => prefix + pump.repeat(Math.ceil(length / pump.length)) + suffix;

function assertLinear(label: string, inputs: Array<(length: number) => string>, run: (text: string) => unknown): void {
  for (const input of inputs) {
    const why = nonLinear(growth(input, (text) => void run(text)));
    assert.equal(why, undefined, `${label} on ${JSON.stringify(input(12).slice(0, 40))}...: ${why}`);
  }
}

/** Runs the sweep of every literal in a worker; a worker that stops reporting for `silenceMs` is stopped and the test fails on that expression. */
function sweepInWorker(sites: ReturnType<typeof regexSites>["literals"], silenceMs: number): Promise<{ problems: NonNullable<SweepReport["problem"]>[]; attacks: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, "regexSweepWorker.js"), { workerData: { sites } });
    const problems: NonNullable<SweepReport["problem"]>[] = [];
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`no answer for ${silenceMs} ms while checking ${JSON.stringify(sites[current])}`));
      }, silenceMs);
    };
    arm();
    worker.on("message", (report: SweepReport) => {
      arm();
      if (report.checking !== undefined) current = report.checking;
      if (report.problem) problems.push(report.problem);
      if (report.done) {
        clearTimeout(timer);
        void worker.terminate();
        resolve({ problems, attacks: report.attacks ?? 0 });
      }
    });
    worker.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe("regular expressions against adversarial input", function () {
  this.timeout(120000);
  const { literals, constructed } = regexSites(path.join(REPO_ROOT, "server/src"), REPO_ROOT);

  it("never builds a regular expression at run time, so no name, glob or label becomes one", () => {
    assert.deepEqual(constructed, []);
  });

  it("finds the regular expressions of server/src", () => {
    // A broken extraction would make the sweep below pass vacuously.
    assert.ok(literals.length > 150, `only ${literals.length} found`);
    assert.ok(literals.some((l) => l.where.startsWith("server/src/core/detect/personalData.ts")));
  });

  it("recognises quadratic backtracking when it is there (the sweep can fail)", () => {
    // Two shapes fixed in this code base: a run of spaces before `$`, and an unclosed `\N{` in a global replace.
    for (const [source, flags] of [["(?<!\\\\)\\s+$", ""], ["\\\\(N\\{[^}]*\\}|[\\s\\S])", "g"]] as const) {
      const run = matcherFor(source, flags);
      // One attempt is enough here: the point is that the attacks include one that shows the growth.
      const found = attacksFor(source, flags).some((attack) => nonLinear(growth((n) => build(attack, n), run, 1)) !== undefined);
      assert.ok(found, `no attack found for /${source}/`);
    }
  });

  it("matches every regular-expression literal in server/src in linear time on prefix-pump-suffix attacks", async () => {
    const { problems, attacks } = await sweepInWorker(literals, 30000);
    assert.deepEqual(problems, []);
    assert.ok(attacks > literals.length * 5, `only ${attacks} attacks`);
  });

  it("runs the personal-data and credential detectors in linear time", () => {
    const pii = ["9", "9123 ", "A123456(", "AB987654", "a@", "a.b@", "@a.", "+852 ", "4111 1111 ", "１２３", "11010519491231002", "-", "x-", "(+852) 9"].map((p) => pumped(p, "phone: "));
    assertLinear("findPersonalData", pii, findPersonalData);
    assertLinear("foldFullWidth", [pumped("１Ａ"), pumped("a")], foldFullWidth);
    assertLinear("isPersonalEmail", [pumped("a."), pumped("a@"), pumped("a", "", "@gmail.com")], isPersonalEmail);
    assertLinear("isHongKongPhone", [pumped("9"), pumped(" 9")], isHongKongPhone);
    const keys = ["sk-", "sk-a-", "sk-proj-", "a", "AKIA", "hf_", "r8_", "AIza", "eyJ", "key=", '"sk-', "sk_", "ABSKQmVkcm9ja0FQSUtleS"].map((p) => pumped(p));
    assertLinear("findCredentials", keys, findCredentials);
    assertLinear("maskSecret", [pumped("a")], maskSecret);
    assertLinear("maskedPersonalData", [pumped("A1")], (t) => maskedPersonalData("hkid", t));
  });

  it("reads identifier names in linear time, however long", () => {
    const names = ["user_", "a0", "A", "aA", "AAa", "0", "_", "phone", "Name", "email_address_", "allow", "consent", "ai_", "langchain"].map((p) => pumped(p, "", "x"));
    for (const [label, fn] of Object.entries({
      splitWords,
      personalDataCategory: (n: string) => personalDataCategory(n),
      personRecordWord,
      isConsentName: (n: string) => isConsentName(n),
      isConsentGuardName: (n: string) => isConsentGuardName(n),
      isDisclosureHelperName: (n: string) => isDisclosureHelperName(n),
      isRedactionName: (n: string) => isRedactionName(n),
      isWatermarkName: (n: string) => isWatermarkName(n),
      isDisclosureFieldName: (n: string) => isDisclosureFieldName(n),
      normaliseSegment,
      envNameFor,
    })) {
      assertLinear(label, names, fn);
    }
    assertLinear("hasDisclosureText", ["<", "<a ", "A.I", "a", "AI", "bot", "machine ", "<div class='x'>"].map((p) => pumped(p)), (t) => hasDisclosureText(t));
  });

  it("matches module names, model names and URLs against the catalogue in linear time", () => {
    const modules = ["openai.", "langchain", "@", "#", "a.", "express#", "flask."].map((p) => pumped(p, "", "x"));
    assertLinear("findSdkEntry", modules, findSdkEntry);
    assertLinear("isServerFrameworkName", modules, isServerFrameworkName);
    assertLinear("nameMatch", modules, (t) => nameMatch("openai.**.create", t));
    assertLinear("globMatch", [pumped("a"), pumped("ab")], (t) => globMatch("*a*a*a*a*a*a*b", t));
    const urls = ["https://", "api.openai.com/", "a.", "/v1/", "?a=", "%"].map((p) => pumped(p, "https://"));
    assertLinear("providerForUrl", urls, providerForUrl);
    assertLinear("aiEndpoint", urls, aiEndpoint);
    assertLinear("modalityFromModelName", ["gpt-", "dall-e", "a", "-image"].map((p) => pumped(p)), modalityFromModelName);
    assertLinear("modalityFromTask", ["text-", "image-", "a"].map((p) => pumped(p)), modalityFromTask);
  });

  it("parses comments, escapes, paths, JSON and settings in linear time", () => {
    const comment = (text: string) => parseSuppressions([{ span: { start: 0, end: text.length }, text }], text);
    assertLinear("parseSuppressions", [pumped(" ", "# genai-lint-disable-next-line DIS001 */"), pumped("DIS001,", "// genai-lint-disable-line "), pumped("-", "# genai-lint-disable-file -- ")], comment);
    assertLinear("GitIgnore", [pumped(" ", "a"), pumped("\\ "), pumped("*a"), pumped("!")], (t) => new GitIgnore(t).ignores("a/b.py", false));
    assertLinear("decodeEscapes", ["\\", "\\u", "\\x1", "\\N{", "\\0", "\\u{1"].map((p) => pumped(p)), decodeEscapes);
    assertLinear("normalizePath", ["a/", "../", "./", "//"].map((p) => pumped(p, "/")), normalizePath);
    assertLinear("joinPath", ["a/", "../"].map((p) => pumped(p)), (t) => joinPath("/root", t));
    assertLinear("isRouteHandlerPath", ["app/", "routes/", "/app/a/route.ts"].map((p) => pumped(p)), isRouteHandlerPath);
    assertLinear("isMinifiedName", [pumped(".min"), pumped("-bundle.min.")], isMinifiedName);
    assertLinear("parseJsonc", ["/*", "//", '"', ", ", "[", "{"].map((p) => pumped(p)), parseJsonc);
    assertLinear("parseConfig", [pumped(" ", '{"exclude": ["', '"]}'), pumped("[")], (t) => {
      try {
        parseConfig(t, "genai-lint.config.json");
      } catch {
        /* invalid configs are rejected; the time to reject is what counts */
      }
    });
    assertLinear("normaliseSettings", [pumped("A")], (t) => normaliseSettings({ rules: { [t]: "off" }, exclude: [t], markers: { disclosure: [t] } }));
    assertLinear("enclosingLiteral", [pumped("r"), pumped('"')], (t) => enclosingLiteral(`${t}"x"`, { start: t.length + 1, end: t.length + 2 }));
  });

  it("matches globs from settings and config files in bounded time, as globs and never as regular expressions", () => {
    // Exponential for a backtracking matcher; the dynamic-programming matcher stays polynomial.
    const stars = compileGlob(`${"a*".repeat(30)}b`);
    assertLinear("compileGlob a*a*...b", [pumped("a"), pumped("aa/")], (t) => stars(t));
    const deep = compileGlob(`${"**/".repeat(30)}x`);
    assertLinear("compileGlob **/**/...x", [pumped("d/")], (t) => deep(t));
    assertLinear("compileGlob of a long pattern", [pumped("*a"), pumped("[a"), pumped("{a,"), pumped("\\")], (t) => compileGlob(t)("src/app/main.py"));
    // Regex syntax in a glob is literal text.
    assert.equal(compileGlob("(a+)+$")("(a+)+$"), true);
    assert.equal(compileGlob("(a+)+$")("aaaa"), false);
    assert.equal(compileGlob("app.py")("appxpy"), false);
  });

  it("analyses programs with huge names, strings, comments and import paths in linear time", async () => {
    await ready();
    const programs: Array<[string, (length: number) => string]> = [
      ["py", (n) => `from openai import OpenAI\nclient = OpenAI()\nuser_a${"0".repeat(n)}b = input()\nprint(client.chat.completions.create(model="m", messages=[{"role": "user", "content": user_a${"0".repeat(n)}b}]))\n`],
      ["py", (n) => `import ${"langchain.".repeat(n / 10)}BaseLLMx as m\nx: m = None\n# ${"*/ ".repeat(n / 3)}x\nq = "${"a@".repeat(n / 2)}"\n`],
      ["py", (n) => `# genai-lint-disable-next-line DIS001 */${"\t".repeat(n)}x\nuser.${"allow".repeat(n / 5)}list = request.json["consent"]\n`],
      ["ts", (n) => `import x from "${"app/".repeat(n / 4)}route.tsx";\nconst k = "${"sk-a-".repeat(n / 5)}";\ndb.${"query().".repeat(n / 8)}upsert(x);\n`],
      ["ts", (n) => `const s = \`${"\\u{1".repeat(n / 4)}\`;\nconst o = { ${"a: 1, ".repeat(n / 6)} };\n// ${"#".repeat(n)}\n`],
    ];
    for (const [ext, program] of programs) {
      assertLinear(`analysis of a .${ext} program`, [program], (text) => {
        const file = `/fuzz/regex/main.${ext}`;
        const workspace = new Workspace("/fuzz/regex", { read: (p) => (p === file ? text : undefined), exists: (p) => p === file });
        const result = analyzeFiles(workspace, [file], defaultSettings());
        assert.deepEqual(result.ruleErrors, []);
      });
    }
  });
});
