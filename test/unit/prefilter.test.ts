// The workspace scan parses only files whose text may hold a finding: that must never change what is
// reported. Every suite is scanned with and without the pre-filter and the reports compared.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { textRelevance } from "../../server/src/core/workspace/prefilter";
import { scan } from "../../server/src/node/scan";
import { ready } from "../harness/analysis";
import { REPO_ROOT, sharedSuite } from "../conformance/suites";

describe("workspace pre-filter", function () {
  this.timeout(300_000);
  before(ready);

  it("says why a file may hold findings, and finds nothing in unrelated code", () => {
    assert.deepEqual([...textRelevance("from openai import OpenAI\n", "python")], ["ai"]);
    assert.deepEqual([...textRelevance('import { ChatOpenAI } from "@langchain/openai";\n', "javascript")], ["ai"]);
    assert.deepEqual([...textRelevance('const r = await fetch("https://api.anthropic.com/v1/messages");\n', "javascript")], ["ai"]);
    assert.deepEqual([...textRelevance("from flask import Flask\napp = Flask(__name__)\n", "python")], [], "a web app that calls no AI");
    assert.deepEqual([...textRelevance('KEY = "sk-proj-Q2w9Lk3Jd8Hs7Gf6Pa1Zx4Cv5Bn0Mm2Rt8Yu3Ie6Wo1Tq9"\n', "python")], ["secret"]);
    assert.deepEqual([...textRelevance("user.marketing_opt_in = body.marketing\n", "python")], ["consent"]);
    assert.deepEqual([...textRelevance("// genai-lint-disable-file SEC001 -- vendored\n", "javascript")], ["directive"]);
    assert.deepEqual([...textRelevance("import os\n\ndef allowed_hosts():\n    return os.environ.get('HOSTS', '').split(',')\n", "python")], []);
    assert.deepEqual([...textRelevance("export function sum(a, b) { return a + b; } // opt for speed\n", "javascript")], []);
    // A module loaded by a computed name is a blind spot the scan notes (resolved question 22).
    assert.deepEqual([...textRelevance("const mod = await import(`./providers/${name}`);\n", "javascript")], ["dynamic"]);
    assert.deepEqual([...textRelevance("const mod = require(path.join(dir, name));\n", "javascript")], ["dynamic"]);
    assert.deepEqual([...textRelevance('const a = await import("./a");\nconst b = require("b");\nconst c = await import(`./c`);\n', "javascript")], []);
    assert.deepEqual([...textRelevance("mod = importlib.import_module(f'providers.{name}')\n", "python")], ["dynamic"]);
    assert.deepEqual([...textRelevance("mod = importlib.import_module('providers.openai')\n", "python")], []);
  });

  it("leaves out unrelated files, yet follows imports into them and reports what it finds there", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-prefilter-"));
    const write = (name: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    };
    write("app/routes.py", "from flask import Flask, request\nfrom openai import OpenAI\nfrom .store import keep\n\napp = Flask(__name__)\nclient = OpenAI()\n\n\n@app.post('/ask')\ndef ask():\n    q = request.json['q']\n    keep(q)\n    r = client.chat.completions.create(model='gpt-4o-mini', messages=[{'role': 'user', 'content': q}])\n    return {'answer': r.choices[0].message.content, 'ai_generated': True}\n");
    write("app/store.py", "import logging\n\nlog = logging.getLogger('store')\n\n\ndef keep(text):\n    log.info('asked: %s', text)\n");
    for (let i = 0; i < 20; i++) write(`app/util/mod${i}.py`, `def helper_${i}(a, b):\n    return a * b + ${i}\n`);
    const result = scan({ paths: [dir] });
    assert.equal(result.report.coverage.filesScanned, 22);
    assert.equal(result.report.coverage.filesAnalysed, 2, "the route and the helper it imports");
    assert.deepEqual(result.report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`), ["CON001 app/store.py:7"]);
    assert.deepEqual(scan({ paths: [dir], noPrefilter: true }).report.findings, result.report.findings);
  });

  const suites = [sharedSuite(), path.join(REPO_ROOT, "test/fixtures/generalization/python"), path.join(REPO_ROOT, "test/fixtures/generalization/js"), path.join(REPO_ROOT, "test/fixtures/heldout2"), path.join(REPO_ROOT, "test/fixtures/heldout3"), path.join(REPO_ROOT, "test/fixtures/rules"), path.join(REPO_ROOT, "examples")].filter((s): s is string => !!s);
  for (const suite of suites) {
    it(`reports the same with and without it on ${path.relative(path.dirname(REPO_ROOT), suite)}`, () => {
      const config = { testFixtures: [] };
      const filtered = scan({ paths: [suite], config });
      const full = scan({ paths: [suite], config, noPrefilter: true });
      const shape = (r: typeof full.report) => ({ findings: r.findings, inventory: r.inventory, suppressed: r.suppressed });
      assert.deepEqual(shape(filtered.report), shape(full.report));
      assert.equal(filtered.report.coverage.filesScanned, full.report.coverage.filesScanned);
      assert.ok((filtered.report.coverage.filesAnalysed ?? 0) <= (full.report.coverage.filesAnalysed ?? 0));
    });
  }
});
