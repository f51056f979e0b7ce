// Incremental analysis in the editor must find exactly what a full analysis finds: for every
// program of the suites, a series of edits is analysed incrementally (re-parsing and re-lowering
// only what changed, analysing only the slice an edit can affect) and compared with a fresh
// analysis of the same text.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { analyzeFiles, defaultSettings } from "../../server/src/core/analyze";
import { type DocumentAnalysisState, analyzeDocument } from "../../server/src/core/incremental/analyzeDocument";
import { IncrementalDocument } from "../../server/src/core/incremental/document";
import { languageForPath } from "../../server/src/core/parse/parser";
import type { Finding } from "../../server/src/core/types";
import { type FileProvider, Workspace } from "../../server/src/core/workspace/workspace";
import { DiskFileProvider } from "../../server/src/node/fileProvider";
import { ready } from "../harness/analysis";
import { REPO_ROOT, sharedSuite } from "../conformance/suites";

class Overlay implements FileProvider {
  readonly texts = new Map<string, string>();
  private readonly disk = new DiskFileProvider();
  read(p: string): string | undefined {
    return this.texts.get(p) ?? this.disk.read(p);
  }
  exists(p: string): boolean {
    return this.texts.has(p) || this.disk.exists(p);
  }
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== "node_modules" && !entry.startsWith(".")) out.push(...sources(full));
    } else if (languageForPath(full) && !/\.fixed\./.test(entry)) out.push(full);
  }
  return out.sort();
}

const KEYWORDS = new Set(
  "def class return import from if else elif for while async await const let var function export try except catch finally with yield lambda raise throw new typeof default switch case break continue pass not and or in is None True False null undefined true false this global nonlocal interface type enum extends implements static public private protected readonly get set of as del assert print self".split(" "),
);

/**
 * Deterministic edits a developer makes, mostly keeping the code valid: rename an identifier (a
 * name the flow may depend on), type inside a string, add a comment line or repeat an assignment,
 * and now and then a keyword typo that breaks the syntax.
 */
function edits(text: string, count: number, python: boolean): string[] {
  const versions: string[] = [];
  let current = text;
  for (let i = 0; i < count; i++) {
    const ls = current.split("\n");
    const lineNo = Math.floor(((i + 0.5) / count) * ls.length);
    const lineStart = ls.slice(0, lineNo).join("\n").length + (lineNo > 0 ? 1 : 0);
    const line = ls[lineNo] ?? "";
    const words = [...line.matchAll(/[A-Za-z_]\w{2,}/g)];
    const word = words.find((w) => !KEYWORDS.has(w[0]));
    const keyword = words.find((w) => KEYWORDS.has(w[0]));
    const quote = /["'`]([^"'`\\]{3,})/.exec(line);
    const at = (offset: number, insert: string, remove = 0) => (current = current.slice(0, lineStart + offset) + insert + current.slice(lineStart + offset + remove));
    switch (i % 6) {
      case 0:
      case 3:
        if (word) at(word.index! + 2, "x");
        break;
      case 1:
        if (quote) at(quote.index + 2, "z");
        break;
      case 2: {
        const indent = /^\s*/.exec(line)![0];
        if (/^\s*[A-Za-z_][\w.]*\s*=[^=]/.test(line) && !/[:{(\[,\\]\s*$/.test(line)) at(0, line + "\n");
        else at(0, `${indent}${python ? "#" : "//"} reviewed\n`);
        break;
      }
      case 4:
        if (word) at(word.index! + 1, "", 1);
        break;
      case 5:
        if (i % 12 === 11 && keyword) at(keyword.index! + 1, "x");
        break;
    }
    versions.push(current);
  }
  return versions;
}

const key = (f: Finding) => `${f.ruleId}@${f.start}-${f.end}: ${f.message.en} [${f.related.map((r) => `${r.start}-${r.end}`).join(",")}] fixes=${JSON.stringify(f.fixes.map((x) => [x.title.en, x.applicability, x.edits]))}`;

describe("incremental analysis of edits", function () {
  this.timeout(600_000);
  before(ready);

  it("says what it left out of a document: all of it when parsing ran out of time, code nested too deep", () => {
    const slow = new IncrementalDocument("/w/slow.py", "python", 0);
    slow.update("x = call(1, 2)\n".repeat(100_000));
    assert.deepEqual(slow.incomplete, { kind: "parsing-stopped", ms: 0 });
    const deep = new IncrementalDocument("/w/deep.py", "python");
    deep.update(`import openai\nx = ${"(".repeat(1_000)}1${")".repeat(1_000)}\n`);
    assert.deepEqual(deep.incomplete, { kind: "too-deep", levels: 400 });
    // An edit that removes the deep code clears the notice.
    deep.update("import openai\nx = 1\n");
    assert.equal(deep.incomplete, undefined);
  });

  const suites = [sharedSuite(), path.join(REPO_ROOT, "test/fixtures/generalization"), path.join(REPO_ROOT, "test/fixtures/heldout2"), path.join(REPO_ROOT, "test/fixtures/heldout3"), path.join(REPO_ROOT, "test/fixtures/rules"), path.join(REPO_ROOT, "examples")].filter((s): s is string => !!s);
  for (const suite of suites) {
    it(`finds what a full analysis finds after each of 12 edits, in every program of ${path.relative(path.dirname(REPO_ROOT), suite)}`, () => {
      const settings = defaultSettings();
      const mismatches: string[] = [];
      let scopedAnalyses = 0;
      let analyses = 0;
      for (const file of sources(suite)) {
        const provider = new Overlay();
        const original = readFileSync(file, "utf8");
        provider.texts.set(file, original);
        const workspace = new Workspace(suite, provider);
        const doc = new IncrementalDocument(file, languageForPath(file)!);
        doc.update(original);
        let state: DocumentAnalysisState = analyzeDocument(workspace, doc, undefined, doc.takeEdits(), [], settings);
        for (const version of edits(original, 12, file.endsWith(".py"))) {
          provider.texts.set(file, version);
          doc.update(version);
          // While typing: scoped to the edit; then the complete analysis the editor runs when typing pauses.
          const edits = doc.takeEdits();
          const quick = analyzeDocument(workspace, doc, state, edits, [], settings, undefined, {}, "edit");
          state = quick.callersPending ? analyzeDocument(workspace, doc, quick, edits, [], settings) : quick;
          analyses++;
          if (state.scoped) scopedAnalyses++;
          // The reference: a full analysis of the same parse. (Tree-sitter may recover from a syntax
          // error differently when it re-parses incrementally; that is the parser's choice, not ours.)
          const fresh = new Overlay();
          fresh.texts.set(file, version);
          const reference = new Workspace(suite, fresh);
          reference.setFile(doc.parsed());
          const full = analyzeFiles(reference, [file], settings);
          const got = state.result.findings.map(key);
          const want = full.findings.map(key);
          if (got.join("\n") !== want.join("\n")) {
            mismatches.push(`${path.relative(suite, file)} (${state.scoped ? "scoped" : "full"}):\n  missing ${want.filter((w) => !got.includes(w)).join("\n          ")}\n  extra   ${got.filter((g) => !want.includes(g)).join("\n          ")}`);
            break;
          }
        }
      }
      assert.deepEqual(mismatches, []);
      // Most edits keep the code valid and touch one function: those must take the scoped path.
      assert.ok(scopedAnalyses >= analyses * 0.3, `only ${scopedAnalyses} of ${analyses} edits were analysed in scope`);
    });
  }
});
