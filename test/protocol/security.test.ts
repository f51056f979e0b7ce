// What the tool must never do with a workspace, checked on the built CLI and language server:
// run or require anything from it, open a network connection, or write files other than the
// report it was asked for. Each check has a control that shows the trap would spring.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CodeActionRequest, DidChangeWatchedFilesNotification, HoverRequest } from "vscode-languageserver-protocol/node";
import { BIN, LspClient } from "../harness/lspClient";
import { languageIdOf } from "../harness/pathological";

const CHAT_APP = `from flask import Flask, jsonify, request
from openai import OpenAI
import evil
app = Flask(__name__)
client = OpenAI(base_url="https://api.openai.com/v1")

@app.post("/chat")
def chat():
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": request.json["q"]}])
    return jsonify(answer=r.choices[0].message.content)
`;

function tempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `genai-lint-sec-${label}-`));
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

/**
 * A workspace whose every file that a careless tool might load would, if run, write `marker`:
 * config files in JavaScript, a tsconfig extending a script, package.json entry points and
 * install scripts, modules the sources import, a fake SDK package, and a data config naming code.
 */
function trappedWorkspace(marker: string): string {
  const root = tempDir("ws");
  const payload = `require("fs").writeFileSync(${JSON.stringify(marker)}, "executed " + __filename);\n`;
  writeTree(root, {
    "app.py": CHAT_APP,
    "evil.py": `open(${JSON.stringify(marker)}, "w").write("executed")\n`,
    "route.ts": `import OpenAI from "openai";\nimport "./evil.cjs";\nimport setup from "./setup.mjs";\nconst config = require("./genai-lint.config.js");\nexport const client = new OpenAI();\nvoid setup; void config;\n`,
    "loader.js": `const m = require("./evil.cjs");\nconst dyn = import("./setup.mjs");\nmodule.exports = { m, dyn };\n`,
    "evil.cjs": payload,
    "setup.mjs": `import fs from "node:fs";\nfs.writeFileSync(${JSON.stringify(marker)}, "executed setup.mjs");\nexport default 1;\n`,
    "genai-lint.config.js": payload,
    "genai-lint.config.cjs": payload,
    "genai-lint.config.mjs": `import fs from "node:fs";\nfs.writeFileSync(${JSON.stringify(marker)}, "executed config.mjs");\n`,
    ".genai-lintrc.js": payload,
    "genai-lint.config.json": JSON.stringify({
      $schema: "https://example.invalid/schema.json",
      markers: { disclosure: [`require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`] },
      exclude: ["${process.mainModule.require('fs').writeFileSync('x','y')}"],
    }),
    "tsconfig.json": JSON.stringify({ extends: "./evil.cjs", compilerOptions: { baseUrl: ".", paths: { "@/*": ["./evil.cjs"] }, plugins: [{ name: "./evil.cjs" }] } }),
    "package.json": JSON.stringify({ name: "trap", main: "evil.cjs", scripts: { preinstall: "node evil.cjs", postinstall: "node evil.cjs", test: "node evil.cjs" }, "genai-lint": { require: "./evil.cjs" } }),
    "node_modules/openai/package.json": JSON.stringify({ name: "openai", main: "index.js" }),
    "node_modules/openai/index.js": payload,
    ".vscode/settings.json": JSON.stringify({ "genaiLint.markers.disclosure": ["__import__('os').system('touch marker')"] }),
  });
  return root;
}

/** Names, sizes and modification times of everything under `root`. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const st = lstatSync(full);
      out[path.relative(root, full)] = `${st.isDirectory() ? "dir" : st.size}@${st.mtimeMs}`;
      if (st.isDirectory()) visit(full);
    }
  };
  visit(root);
  return out;
}

function cli(args: string[], options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { encoding: "utf8", env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Opens every source file of `root` in a language server, asks for diagnostics, hovers and actions, and reports a config change. */
async function lspSession(root: string, spawnOptions: NonNullable<ConstructorParameters<typeof LspClient>[0]["spawn"]> = {}): Promise<number> {
  const client = new LspClient({ root, spawn: spawnOptions });
  let answered = 0;
  try {
    // A server that dies on start would leave the request unanswered for ever.
    await Promise.race([client.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error("the server did not initialise within 20 s")), 20_000).unref())]);
    for (const name of readdirSync(root).filter((n) => /\.(py|ts|js|mjs|cjs)$/.test(n))) {
      const uri = await client.open(name, readFileSync(path.join(root, name), "utf8"), languageIdOf(name));
      const items = await client.pull(uri);
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
      await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: items } });
      answered++;
    }
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri("genai-lint.config.json"), type: 2 }, { uri: client.uri("tsconfig.json"), type: 2 }] });
    const uri = await client.open("late.py", CHAT_APP, "python");
    assert.ok((await client.pull(uri)).length > 0, "the server still analyses after the config change");
    assert.equal(client.process.exitCode, null);
  } finally {
    await client.close();
  }
  return answered;
}

describe("security: nothing from the workspace runs, no network, no stray files", function () {
  this.timeout(120_000);

  describe("configuration and sources are data only", () => {
    const marker = path.join(tempDir("marker"), "executed.txt");
    const root = trappedWorkspace(marker);

    it("runs nothing when the CLI scans the workspace, with its own config or any other", () => {
      const scanned = cli(["scan", root, "--format", "json"]);
      assert.ok(scanned.code === 0 || scanned.code === 1, scanned.stderr);
      assert.ok((JSON.parse(scanned.stdout) as { findings: unknown[] }).findings.length > 0, "the scan did analyse the workspace");
      for (const config of ["genai-lint.config.js", "genai-lint.config.cjs", "genai-lint.config.mjs", "package.json"]) {
        const r = cli(["scan", root, "--config", path.join(root, config), "--format", "json"]);
        assert.equal(r.code, 2, `--config ${config} is rejected as a bad config file, not loaded: ${r.stderr}`);
      }
      assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, "utf8") : "");
    });

    it("runs nothing during a language-server session on the workspace", async () => {
      assert.ok((await lspSession(root)) >= 5);
      assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, "utf8") : "");
    });

    it("would have noticed: the trap writes the marker when it is run (control)", () => {
      const r = spawnSync(process.execPath, [path.join(root, "evil.cjs")]);
      assert.equal(r.status, 0);
      assert.equal(existsSync(marker), true);
    });
  });

  describe("no network", () => {
    const dir = tempDir("net");
    const log = path.join(dir, "attempts.log");
    const loaded = path.join(dir, "loaded.log");
    const preload = path.join(dir, "no-network.cjs");
    // Records, then refuses, every way Node code opens a connection, resolves a name or starts a program.
    // The server's stdio streams are sockets made from file descriptors: they never call connect.
    writeFileSync(
      preload,
      `"use strict";
const fs = require("fs");
const LOG = ${JSON.stringify(log)};
fs.appendFileSync(${JSON.stringify(loaded)}, process.argv.slice(2).join(" ") + "\\n");
function record(api) {
  fs.appendFileSync(LOG, api + " pid " + process.pid + "\\n");
  return new Error("network access is disabled in this test: " + api);
}
function refuse(owner, name, label) {
  owner[name] = function () { throw record(label); };
}
const net = require("net"), tls = require("tls"), dgram = require("dgram"), http = require("http"), https = require("https"), dns = require("dns");
net.Socket.prototype.connect = function () { throw record("net.Socket.connect"); };
refuse(net, "connect", "net.connect");
refuse(net, "createConnection", "net.createConnection");
refuse(tls, "connect", "tls.connect");
refuse(dgram, "createSocket", "dgram.createSocket");
refuse(http, "request", "http.request");
refuse(http, "get", "http.get");
refuse(https, "request", "https.request");
refuse(https, "get", "https.get");
refuse(dns, "lookup", "dns.lookup");
refuse(dns, "resolve", "dns.resolve");
refuse(dns.promises, "lookup", "dns.promises.lookup");
globalThis.fetch = function () { return Promise.reject(record("fetch")); };
// Starting another program would escape this trap: record that too.
const childProcess = require("child_process");
for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) refuse(childProcess, name, "child_process." + name);
`,
    );
    const nodeArgs = ["--require", preload];
    // Child processes the tool might start inherit the trap too.
    const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${preload}`.trim() };
    const attempts = () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : []);

    it("catches every kind of attempt (control)", () => {
      const probe = `
        const tryIt = (f) => { try { const p = f(); if (p && p.catch) p.catch(() => {}); } catch {} };
        tryIt(() => require("net").connect(9, "127.0.0.1"));
        tryIt(() => new (require("net").Socket)().connect(9, "127.0.0.1"));
        tryIt(() => require("tls").connect(9, "127.0.0.1"));
        tryIt(() => require("dgram").createSocket("udp4"));
        tryIt(() => require("http").get("http://127.0.0.1:9/"));
        tryIt(() => require("https").request("https://127.0.0.1:9/"));
        tryIt(() => require("dns").lookup("localhost", () => {}));
        tryIt(() => fetch("http://127.0.0.1:9/"));
        tryIt(() => require("child_process").spawnSync("true"));
      `;
      const r = spawnSync(process.execPath, [...nodeArgs, "-e", probe], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const seen = attempts().map((line) => line.split(" ")[0]);
      assert.deepEqual(seen, ["net.connect", "net.Socket.connect", "tls.connect", "dgram.createSocket", "http.get", "https.request", "dns.lookup", "fetch", "child_process.spawnSync"]);
      writeFileSync(log, "");
    });

    it("makes no connection and starts no program during a CLI scan in any format, or a language-server session over stdio", async () => {
      const root = trappedWorkspace(path.join(dir, "unused-marker"));
      for (const format of ["json", "sarif", "text"]) {
        const r = cli(["scan", root, "--format", format], { nodeArgs, env });
        assert.ok(r.code === 0 || r.code === 1, `${format}: ${r.stderr}`);
      }
      assert.ok((await lspSession(root, { nodeArgs, env })) >= 5, "the session ran over stdio with the trap loaded");
      assert.deepEqual(attempts(), []);
      // The trap was really in place in the processes that did the work.
      const commands = readFileSync(loaded, "utf8");
      assert.match(commands, /^scan .* --format sarif$/m);
      assert.match(commands, /^lsp --stdio$/m);
    });
  });

  describe("files are written only where asked", () => {
    it("leaves the workspace, the working folder, HOME and TMPDIR untouched, and --output writes only its file", async () => {
      const root = trappedWorkspace(path.join(tempDir("marker2"), "executed.txt"));
      const cwd = tempDir("cwd");
      const home = tempDir("home");
      const tmp = tempDir("tmp");
      const outDir = tempDir("out");
      const env = { ...process.env, HOME: home, USERPROFILE: home, TMPDIR: tmp, TMP: tmp, TEMP: tmp, XDG_CACHE_HOME: path.join(home, ".cache"), XDG_CONFIG_HOME: path.join(home, ".config") };
      const before = snapshot(root);
      for (const format of ["json", "sarif", "text"]) assert.ok([0, 1].includes(cli(["scan", root, "--format", format], { env, cwd }).code ?? -1));
      const report = path.join(outDir, "report.sarif");
      assert.ok([0, 1].includes(cli(["scan", root, "--format", "sarif", "--output", report], { env, cwd }).code ?? -1));
      assert.ok(await lspSession(root, { env, cwd }));
      assert.deepEqual(snapshot(root), before, "the workspace is unchanged");
      assert.deepEqual(readdirSync(outDir), ["report.sarif"], "--output wrote its file and nothing else");
      assert.ok(JSON.parse(readFileSync(report, "utf8")), "the report is the SARIF asked for");
      for (const [label, folder] of Object.entries({ cwd, home, tmp })) assert.deepEqual(readdirSync(folder), [], `nothing written to ${label}`);
    });
  });
});
