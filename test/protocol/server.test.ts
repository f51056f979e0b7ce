// Drives `genai-lint lsp --stdio` with a real LSP client: diagnostics (pull and push), hovers,
// quick-fixes applied and re-checked, fix-all, settings, locale, config errors, dependents.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CodeActionRequest, type Diagnostic, DidChangeWatchedFilesNotification, HoverRequest } from "vscode-languageserver-protocol/node";
import { applyTextEdits, LspClient } from "../harness/lspClient";
import { parseExpectations, sourceFiles } from "../harness/expectations";
import { sharedSuite } from "../conformance/suites";
import { RULES } from "../../server/src/core/rules";

const FLASK_APP = `from flask import Flask, jsonify, request
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()


@app.post("/chat")
def chat():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": request.json["q"]}])
    return jsonify(answer=r.choices[0].message.content)
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-lsp-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function languageId(file: string): string {
  return file.endsWith(".py") ? "python" : file.endsWith(".tsx") ? "typescriptreact" : file.endsWith(".jsx") ? "javascriptreact" : /\.[mc]?ts$/.test(file) ? "typescript" : "javascript";
}

describe("language server over stdio", function () {
  this.timeout(60000);
  const clients: LspClient[] = [];
  const start = async (options: ConstructorParameters<typeof LspClient>[0]) => {
    const c = new LspClient(options);
    clients.push(c);
    await c.initialize();
    return c;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it("reports pull diagnostics with code, documentation link, source, severity, related information and fix data", async () => {
    const root = workspace({ "app.py": FLASK_APP });
    const client = await start({ root });
    const uri = await client.open("app.py", FLASK_APP, "python");
    const items = await client.pull(uri);
    const dis = items.find((d) => d.code === "DIS001");
    assert.ok(dis, JSON.stringify(items));
    assert.equal(dis.source, "genai-lint");
    assert.match(dis.codeDescription!.href, /DIS001\.md$/);
    assert.equal(dis.severity, 2);
    assert.equal(dis.range.start.line, 10);
    assert.ok(dis.relatedInformation?.some((r) => r.location.range.start.line === 9), "related location at the AI call");
    assert.ok((dis.data as { fixes: unknown[] }).fixes.length > 0);
  });

  it("answers hovers with the rule, the guideline sections in both languages and a link to the guideline", async () => {
    const root = workspace({ "app.py": FLASK_APP });
    const client = await start({ root });
    const uri = await client.open("app.py", FLASK_APP, "python");
    const [dis] = (await client.pull(uri)).filter((d) => d.code === "DIS001");
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: dis.range.start })) as { contents: { value: string } };
    assert.match(hover.contents.value, /DIS001 AI-generated content shown without disclosure/);
    assert.match(hover.contents.value, /3\.2\.1/);
    assert.match(hover.contents.value, /建立負責任的生成式人工智能服務框架/);
    assert.match(hover.contents.value, /digitalpolicy\.gov\.hk/);
  });

  it("offers a quick-fix that removes the finding when applied, and suppressions with a reason placeholder", async () => {
    const root = workspace({ "app.py": FLASK_APP });
    const client = await start({ root });
    const uri = await client.open("app.py", FLASK_APP, "python");
    const [dis] = (await client.pull(uri)).filter((d) => d.code === "DIS001");
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: dis.range, context: { diagnostics: [dis] } })) as Array<{ title: string; isPreferred?: boolean; edit: { changes: Record<string, Parameters<typeof applyTextEdits>[1]> } }>;
    const titles = actions.map((a) => a.title);
    // The preferred fix adds a field to the JSON payload; appending a label inside it is unsafe (resolved question 23).
    assert.equal(actions.find((a) => a.isPreferred)?.title, "Add an AI-generated field to the response (Guideline 3.2.1)", titles.join(" | "));
    assert.ok(titles.includes("Label as AI-generated (Guideline 3.2.1) (review the change)"), titles.join(" | "));
    assert.ok(titles.some((x) => /^Disable DIS001 for this line/.test(x)));
    assert.ok(titles.some((x) => /^Disable DIS001 for this file/.test(x)));
    const fix = actions.find((a) => a.isPreferred)!;
    const fixed = applyTextEdits(FLASK_APP, fix.edit.changes[uri]);
    await client.change(uri, fixed);
    assert.deepEqual((await client.pull(uri)).filter((d) => d.code === "DIS001"), []);
    // The suppression inserts the directive with a reason to fill in: SUP001 until the reason is written.
    const line = actions.find((a) => /^Disable DIS001 for this line/.test(a.title))!;
    const suppressed = applyTextEdits(FLASK_APP, line.edit.changes[uri]);
    assert.match(suppressed, /# genai-lint-disable-next-line DIS001 -- <reason>\n    return jsonify/);
    await client.change(uri, suppressed);
    const after = await client.pull(uri);
    assert.deepEqual(after.filter((d) => d.code === "DIS001"), []);
  });

  it("applies every safe fix with source.fixAll.genai-lint", async () => {
    const text = `${FLASK_APP}\nKEY = "sk-proj-Zx81KqP0mWv3Yt7Ls2Nd9Rb4Hc6Jf1Ga5Ue8Oi0Tq"\n`;
    const root = workspace({ "app.py": text });
    const client = await start({ root });
    const uri = await client.open("app.py", text, "python");
    const before = await client.pull(uri);
    assert.ok(before.some((d) => d.code === "SEC001") && before.some((d) => d.code === "DIS001"));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ["source.fixAll.genai-lint"] } })) as Array<{ kind: string; edit: { changes: Record<string, Parameters<typeof applyTextEdits>[1]> } }>;
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, "source.fixAll.genai-lint");
    const fixed = applyTextEdits(text, actions[0].edit.changes[uri]);
    assert.match(fixed, /os\.environ\["OPENAI_API_KEY"\]/);
    await client.change(uri, fixed);
    const after = await client.pull(uri);
    assert.deepEqual(after.filter((d) => d.code === "SEC001" || d.code === "DIS001"), []);
  });

  it("speaks Traditional Chinese to a zh-tw client, and English when genaiLint.language says so", async () => {
    const root = workspace({ "app.py": FLASK_APP });
    const zh = await start({ root, locale: "zh-tw" });
    const uri = await zh.open("app.py", FLASK_APP, "python");
    const [dis] = (await zh.pull(uri)).filter((d) => d.code === "DIS001");
    assert.match(dis.message, /人工智能/);
    const actions = (await zh.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: dis.range, context: { diagnostics: [dis] } })) as Array<{ title: string }>;
    assert.ok(actions.some((a) => a.title === "在回應中加入人工智能生成欄位（指引 3.2.1）"));
    assert.ok(actions.some((a) => a.title === "標示為人工智能生成（指引 3.2.1）（請檢查修改）"));
    const en = await start({ root, locale: "zh-tw", settings: { language: "en" } });
    const uri2 = await en.open("app.py", FLASK_APP, "python");
    const [dis2] = (await en.pull(uri2)).filter((d) => d.code === "DIS001");
    assert.match(dis2.message, /^AI-generated text/);
  });

  it("pushes diagnostics to clients without pull support", async () => {
    const root = workspace({ "app.py": FLASK_APP });
    const client = await start({ root, pull: false });
    const uri = await client.open("app.py", FLASK_APP, "python");
    const published = await client.waitFor(() => client.published.get(uri));
    assert.ok(published.diagnostics.some((d) => d.code === "DIS001"));
  });

  it("follows the genaiLint settings pulled per document", async () => {
    const root = workspace({ "app.py": FLASK_APP });
    const client = await start({ root, settings: { rules: { DIS001: "off" } } });
    const uri = await client.open("app.py", FLASK_APP, "python");
    assert.deepEqual((await client.pull(uri)).filter((d) => d.code === "DIS001"), []);
  });

  it("shows a bad config file as a diagnostic on that file and keeps analysing with the defaults", async () => {
    const root = workspace({ "app.py": FLASK_APP, "genai-lint.config.json": '{\n  "rules": { "DIS001": "loud" }\n}\n' });
    const client = await start({ root, pull: false });
    const configUri = client.uri("genai-lint.config.json");
    const published = await client.waitFor(() => client.published.get(configUri));
    assert.match(published.diagnostics[0].message, /rules\.DIS001/);
    assert.equal(published.diagnostics[0].range.start.line, 1);
    const uri = await client.open("app.py", FLASK_APP, "python");
    const appDiagnostics = await client.waitFor(() => client.published.get(uri));
    assert.ok(appDiagnostics.diagnostics.some((d) => d.code === "DIS001"));
  });

  it("asks the client to refresh when a file other documents depend on changes", async () => {
    const lib = `from openai import OpenAI\nclient = OpenAI()\n\ndef ask(q):\n    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}]).choices[0].message.content\n`;
    const route = `from flask import Flask, jsonify, request\nfrom lib import ask\n\napp = Flask(__name__)\n\n@app.post("/a")\ndef a():\n    return jsonify(answer=ask(request.json["q"]))\n`;
    const root = workspace({ "lib.py": lib, "route.py": route });
    const client = await start({ root });
    const routeUri = await client.open("route.py", route, "python");
    assert.ok((await client.pull(routeUri)).some((d) => d.code === "DIS001"));
    const libUri = await client.open("lib.py", lib, "python");
    const labelled = lib.replace("return client", "return 'AI-generated: ' + client");
    const before = client.refreshRequests;
    await client.change(libUri, labelled);
    await client.waitFor(() => (client.refreshRequests > before ? true : undefined));
    assert.deepEqual((await client.pull(routeUri)).filter((d) => d.code === "DIS001"), []);
  });

  it("re-analyses when a watched file changes on disk", async () => {
    const root = workspace({ "app.py": FLASK_APP, "genai-lint.config.json": "{}" });
    const client = await start({ root });
    const uri = await client.open("app.py", FLASK_APP, "python");
    assert.ok((await client.pull(uri)).some((d) => d.code === "DIS001"));
    writeFileSync(path.join(root, "genai-lint.config.json"), JSON.stringify({ rules: { DIS001: "off" } }));
    const before = client.refreshRequests;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri("genai-lint.config.json"), type: 2 }] });
    await client.waitFor(() => (client.refreshRequests > before ? true : undefined));
    assert.deepEqual((await client.pull(uri)).filter((d) => d.code === "DIS001"), []);
  });
});

describe("language server on the shared conformance suite", function () {
  this.timeout(180000);
  const suite = sharedSuite();
  let client: LspClient;
  let root: string;

  before(async function () {
    if (!suite) this.skip();
    root = mkdtempSync(path.join(os.tmpdir(), "genai-lint-lsp-suite-"));
    cpSync(suite!, root, { recursive: true });
    client = new LspClient({ root });
    await client.initialize();
  });
  after(async () => {
    await client?.close();
  });

  it("reports the annotated lines with code, documentation link and source, hovers naming the rule, and a quick-fix per file that removes its diagnostic", async () => {
    const problems: string[] = [];
    for (const file of sourceFiles(root)) {
      const text = readFileSync(path.join(root, file), "utf8");
      // Annotations of rules the registry has (the conformance tier lists the others as pending).
      const expected = parseExpectations(text, file).filter((e) => RULES.some((r) => r.meta.id === e.rule));
      const uri = await client.open(file, text, languageId(file));
      const items: Diagnostic[] = await client.pull(uri);
      const got = new Set(items.map((d) => `${d.range.start.line + 1}:${String(d.code)}`));
      for (const e of expected) if (!got.has(`${e.line}:${e.rule}`)) problems.push(`missing ${e.rule} at ${file}:${e.line}`);
      for (const d of items) {
        if (!d.code || !d.codeDescription?.href || d.source !== "genai-lint") problems.push(`incomplete diagnostic in ${file}`);
      }
      if (items.length === 0) continue;
      const first = items[0];
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: first.range.start })) as { contents: { value: string } } | null;
      if (!hover?.contents.value.includes(String(first.code))) problems.push(`hover without the rule in ${file}`);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: first.range, context: { diagnostics: [first] } })) as Array<{ title: string; edit: { changes: Record<string, Parameters<typeof applyTextEdits>[1]> } }>;
      const fix = actions.find((a) => !/^Disable /.test(a.title));
      if (!fix) {
        problems.push(`no quick-fix for ${String(first.code)} in ${file}`);
        continue;
      }
      await client.change(uri, applyTextEdits(text, fix.edit.changes[uri]));
      const after = await client.pull(uri);
      if (after.some((d) => d.code === first.code && d.range.start.line === first.range.start.line)) problems.push(`quick-fix "${fix.title}" leaves ${String(first.code)} at ${file}:${first.range.start.line + 1}`);
    }
    assert.deepEqual(problems, []);
  });
});
