// Shapes of real apps (resolved question 22): small multi-file workspaces, each annotated with the
// findings it must give (`expect:` comments, as in the suites) and checked line for line, plus the
// AI calls of the inventory and the coverage notes where they matter.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { scan, type ScanResult } from "../../server/src/node/scan";
import { foundIn, ready } from "../harness/analysis";
import { parseExpectations } from "../harness/expectations";

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "genai-lint-shapes-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Scans the files and checks that the findings are exactly the annotated ones; returns the scan. */
function expectAnnotated(files: Record<string, string>): ScanResult {
  const dir = workspace(files);
  const result = scan({ paths: [dir], config: { testFixtures: [] } });
  const key = (e: { file: string; line: number; rule: string }) => `${e.rule} ${e.file}:${e.line}`;
  const expected = Object.entries(files).flatMap(([name, text]) => parseExpectations(text, name)).map(key).sort();
  const found = [...new Set(foundIn(result).map(key))].sort();
  assert.deepEqual(found, expected);
  return result;
}

/** `file:line` of every AI call in the inventory. */
function calls(result: ScanResult): string[] {
  return result.report.inventory.map((i) => `${i.file.split(path.sep).join("/")}:${i.line}`).sort();
}

describe("real-app shapes (resolved question 22)", function () {
  this.timeout(60000);
  before(ready);

  describe("shadowing", () => {
    it("a package module named like the SDK still imports the SDK absolutely; a relative import reaches the module", () => {
      const result = expectAnnotated({
        "shop/__init__.py": "",
        "shop/llm/__init__.py": "",
        "shop/llm/openai.py": [
          "from openai import OpenAI",
          "",
          "client = OpenAI()",
          "",
          "def describe(item: str) -> str:",
          "    r = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": item}])",
          "    return r.choices[0].message.content",
          "",
        ].join("\n"),
        "shop/app.py": [
          "from flask import Flask, request, jsonify",
          "from .llm.openai import describe",
          "",
          "app = Flask(__name__)",
          "",
          "@app.post(\"/describe\")",
          "def route():",
          "    return jsonify(text=describe(request.json[\"item\"]))  # expect: DIS001",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["shop/llm/openai.py:6"]);
    });

    it("a JS module never resolves a package import to itself", () => {
      const result = expectAnnotated({
        "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: "." } }),
        "openai.ts": [
          "import OpenAI from \"openai\";",
          "export const client = new OpenAI();",
          "export async function ask(q: string) {",
          "  const r = await client.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: q }] });",
          "  return r.choices[0].message.content;",
          "}",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["openai.ts:4"]);
    });
  });

  describe("module state set in a function", () => {
    it("Python: a `global` assigned by an init function is the client of every reader, through a getter", () => {
      const result = expectAnnotated({
        "desk/__init__.py": "",
        "desk/llm.py": [
          "from anthropic import Anthropic",
          "",
          "client = None",
          "",
          "def init_client():",
          "    global client",
          "    client = Anthropic()",
          "",
          "def get_client():",
          "    return client",
          "",
        ].join("\n"),
        "desk/routes.py": [
          "from flask import Blueprint, jsonify, request",
          "from . import llm",
          "from .llm import get_client",
          "",
          "bp = Blueprint(\"desk\", __name__)",
          "",
          "@bp.post(\"/a\")",
          "def a():",
          "    m = get_client().messages.create(model=\"claude-3-5-haiku-latest\", max_tokens=100, messages=[{\"role\": \"user\", \"content\": request.json[\"q\"]}])",
          "    return jsonify(answer=m.content[0].text)  # expect: DIS001",
          "",
          "@bp.post(\"/b\")",
          "def b():",
          "    m = llm.client.messages.create(model=\"claude-3-5-haiku-latest\", max_tokens=100, messages=[{\"role\": \"user\", \"content\": request.json[\"q\"]}])",
          "    return jsonify(answer=m.content[0].text, ai_generated=True)",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["desk/routes.py:14", "desk/routes.py:9"]);
    });

    it("Python: a lazy getter that fills a `global` on first use keeps giving the client", () => {
      const result = expectAnnotated({
        "svc.py": [
          "from openai import OpenAI",
          "from fastapi import FastAPI",
          "",
          "app = FastAPI()",
          "_client = None",
          "",
          "def client():",
          "    global _client",
          "    if _client is None:",
          "        _client = OpenAI()",
          "    return _client",
          "",
          "@app.get(\"/joke\")",
          "def joke(topic: str):",
          "    r = client().chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": topic}])",
          "    return {\"joke\": r.choices[0].message.content}  # expect: DIS001",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["svc.py:15"]);
    });

    it("JS: a module `let` assigned by an init function is read by a getter in another module", () => {
      const result = expectAnnotated({
        "src/llm.ts": [
          "import OpenAI from \"openai\";",
          "let client: OpenAI | undefined;",
          "export function initLlm(apiKey: string): void {",
          "  client = new OpenAI({ apiKey });",
          "}",
          "export function llm(): OpenAI {",
          "  if (!client) throw new Error(\"not ready\");",
          "  return client;",
          "}",
          "",
        ].join("\n"),
        "src/server.ts": [
          "import express from \"express\";",
          "import { llm } from \"./llm\";",
          "const app = express();",
          "app.post(\"/draft\", async (req, res) => {",
          "  const c = await llm().chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: req.body.notes }] });",
          "  res.json({ draft: c.choices[0].message.content }); // expect: DIS001",
          "});",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["src/server.ts:5"]);
    });

    it("JS: an exported `let` is a live binding: importers see what an init function assigned", () => {
      const result = expectAnnotated({
        "ai.js": [
          "import Anthropic from \"@anthropic-ai/sdk\";",
          "export let anthropic = null;",
          "export function connect() {",
          "  anthropic = new Anthropic();",
          "}",
          "",
        ].join("\n"),
        "api.js": [
          "import express from \"express\";",
          "import { anthropic } from \"./ai.js\";",
          "const app = express();",
          "app.post(\"/ask\", async (req, res) => {",
          "  const m = await anthropic.messages.create({ model: \"claude-3-5-haiku-latest\", max_tokens: 100, messages: [{ role: \"user\", content: req.body.q }] });",
          "  res.send(m.content[0].text); // expect: DIS001",
          "});",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["api.js:5"]);
    });
  });

  describe("attributes set in any method", () => {
    it("Python: `self.client` set in a plain method reaches every other method, registered as a bound callback or run on its own", () => {
      const result = expectAnnotated({
        "bot.py": [
          "from openai import OpenAI",
          "from telegram import Update",
          "from telegram.ext import Application, CommandHandler, ContextTypes",
          "",
          "class Bot:",
          "    def connect(self):",
          "        self.client = OpenAI()",
          "",
          "    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE):",
          "        c = self.client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": update.message.text}])",
          "        await update.message.reply_text(c.choices[0].message.content)  # expect: DIS001",
          "",
          "    async def topic(self, update: Update, context: ContextTypes.DEFAULT_TYPE):",
          "        words = \" \".join((context.args or [])[1:])",
          "        c = self.client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": f\"Explain {words}\"}])",
          "        await update.message.reply_text(\"AI tutor: \" + c.choices[0].message.content)",
          "",
          "    def run(self):",
          "        self.connect()",
          "        app = Application.builder().token(\"x\").build()",
          "        app.add_handler(CommandHandler(\"ask\", self.ask))",
          "        app.add_handler(CommandHandler(\"topic\", self.topic))",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["bot.py:10", "bot.py:15"]);
    });

    it("Django: a client opened in `setup()` serves the view's handler methods; inherited attributes and class attributes are found", () => {
      const result = expectAnnotated({
        "views.py": [
          "import json",
          "from anthropic import Anthropic",
          "from django.http import JsonResponse",
          "from django.views import View",
          "",
          "class AiView(View):",
          "    model = \"claude-3-5-haiku-latest\"",
          "    def setup(self, request, *args, **kwargs):",
          "        super().setup(request, *args, **kwargs)",
          "        self.client = Anthropic()",
          "",
          "class DraftView(AiView):",
          "    def post(self, request):",
          "        notes = json.loads(request.body)[\"notes\"]",
          "        m = self.client.messages.create(model=self.model, max_tokens=200, messages=[{\"role\": \"user\", \"content\": notes}])",
          "        return JsonResponse({\"draft\": m.content[0].text})  # expect: DIS001",
          "",
        ].join("\n"),
      });
      assert.deepEqual(result.report.inventory.map((i) => `${i.line} ${i.model}`), ["15 claude-3-5-haiku-latest"]);
    });

    it("TypeScript: `this.client` set in an init method is the client of the class's other methods", () => {
      const result = expectAnnotated({
        "service.ts": [
          "import OpenAI from \"openai\";",
          "import express from \"express\";",
          "class Summariser {",
          "  private client?: OpenAI;",
          "  init() {",
          "    this.client = new OpenAI();",
          "  }",
          "  async summarise(text: string) {",
          "    const r = await this.client!.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: text }] });",
          "    return r.choices[0].message.content;",
          "  }",
          "}",
          "const summariser = new Summariser();",
          "const app = express();",
          "app.post(\"/sum\", async (req, res) => {",
          "  res.json({ summary: await summariser.summarise(req.body.text) }); // expect: DIS001",
          "});",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["service.ts:9"]);
    });
  });

  describe("injected services and entities", () => {
    const nestApp = {
      "src/ai/ai.service.ts": [
        "import { Injectable } from \"@nestjs/common\";",
        "import OpenAI from \"openai\";",
        "@Injectable()",
        "export class AiService {",
        "  private readonly client = new OpenAI();",
        "  async ask(question: string): Promise<string> {",
        "    const r = await this.client.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: question }] });",
        "    return r.choices[0].message.content ?? \"\";",
        "  }",
        "}",
        "",
      ].join("\n"),
      "src/ai/tokens.ts": "export const LLM = \"LLM\";\n",
      "src/ai/port.ts": "export interface AiPort { ask(q: string): Promise<string>; }\n",
      "src/notes/note.entity.ts": [
        "import { Column, Entity, PrimaryGeneratedColumn } from \"typeorm\";",
        "@Entity()",
        "export class Note {",
        "  @PrimaryGeneratedColumn() id!: number;",
        "  @Column() question!: string;",
        "  @Column() answer!: string;",
        "}",
        "",
      ].join("\n"),
      "src/app.module.ts": [
        "import { Module } from \"@nestjs/common\";",
        "import Anthropic from \"@anthropic-ai/sdk\";",
        "import { AiService } from \"./ai/ai.service\";",
        "import { LLM } from \"./ai/tokens\";",
        "import { AskController } from \"./ask.controller\";",
        "@Module({ controllers: [AskController], providers: [AiService, { provide: LLM, useFactory: () => new Anthropic() }] })",
        "export class AppModule {}",
        "",
      ].join("\n"),
      "src/ask.controller.ts": [
        "import { Body, Controller, Inject, Post } from \"@nestjs/common\";",
        "import { InjectRepository } from \"@nestjs/typeorm\";",
        "import { Repository } from \"typeorm\";",
        "import { AiService } from \"./ai/ai.service\";",
        "import type { AiPort } from \"./ai/port\";",
        "import { LLM } from \"./ai/tokens\";",
        "import { Note } from \"./notes/note.entity\";",
        "@Controller(\"ask\")",
        "export class AskController {",
        "  constructor(",
        "    private readonly ai: AiService,",
        "    @Inject(LLM) private readonly llm: any,",
        "    @Inject(\"ARCHIVE_AI\") private readonly archive: any,",
        "    private readonly port: AiPort,",
        "    @InjectRepository(Note) private readonly notes: Repository<Note>,",
        "  ) {}",
        "  @Post()",
        "  async ask(@Body() body: { question: string }) {",
        "    const answer = await this.ai.ask(body.question);",
        "    const note = this.notes.create({ question: body.question, answer });",
        "    await this.notes.save(note); // expect: CON001",
        "    return { answer }; // expect: DIS001",
        "  }",
        "  @Post(\"claude\")",
        "  async claude(@Body() body: { question: string }) {",
        "    const m = await this.llm.messages.create({ model: \"claude-3-5-haiku-latest\", max_tokens: 100, messages: [{ role: \"user\", content: body.question }] });",
        "    return { text: m.content[0].text }; // expect: DIS001",
        "  }",
        "}",
        "",
      ].join("\n"),
    };

    it("NestJS: a provider injected through a constructor parameter property runs its own method; a token's factory provider is the client; `repo.create` keeps the data until `save`", () => {
      const result = expectAnnotated(nestApp);
      assert.deepEqual(calls(result), ["src/ai/ai.service.ts:7", "src/ask.controller.ts:26"]);
    });

    it("says in the coverage notes, with file and line, which injected parameters hold nothing it can follow", () => {
      const dir = workspace(nestApp);
      const result = scan({ paths: [dir], config: { testFixtures: [] } });
      const notes = (result.report.coverage.notes ?? []).map((n) => `${n.file}:${n.line} ${n.message}`);
      assert.deepEqual(notes, [
        `src/ask.controller.ts:13 the injected \`archive\` (any) is registered for token "ARCHIVE_AI", which no module of the workspace provides: calls through it are not followed`,
        "src/ask.controller.ts:14 the injected `port` (AiPort) names no class of the workspace or of a known SDK: calls through it are not followed",
      ]);
    });

    it("Python: FastAPI `Depends(Class)` builds the class, and its constructor parameter typed with a workspace service class holds an instance of it", () => {
      const result = expectAnnotated({
        "app.py": [
          "from fastapi import Depends, FastAPI",
          "from openai import OpenAI",
          "",
          "class Llm:",
          "    def __init__(self):",
          "        self.client = OpenAI()",
          "    def complete(self, text: str) -> str:",
          "        r = self.client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": text}])",
          "        return r.choices[0].message.content",
          "",
          "class Summariser:",
          "    def __init__(self, llm: Llm):",
          "        self.llm = llm",
          "    def summarise(self, text: str) -> str:",
          "        return self.llm.complete(\"Summarise: \" + text)",
          "",
          "app = FastAPI()",
          "",
          "@app.post(\"/sum\")",
          "def summary(text: str, svc: Summariser = Depends(Summariser)):",
          "    return {\"summary\": svc.summarise(text)}  # expect: DIS001",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["app.py:8"]);
    });

    it("notes a module loaded by a computed name, in JS and Python", () => {
      const dir = workspace({
        "load.ts": "export async function provider(name: string) {\n  const mod = await import(`./providers/${name}`);\n  return mod.default;\n}\n",
        "load.py": "import importlib\n\ndef provider(name):\n    return importlib.import_module(f\"providers.{name}\")\n",
      });
      const result = scan({ paths: [dir], config: { testFixtures: [] } });
      const notes = (result.report.coverage.notes ?? []).map((n) => `${n.file}:${n.line}`).sort();
      assert.deepEqual(notes, ["load.py:4", "load.ts:2"]);
    });
  });

  describe("URLs built from a known AI host in a constant", () => {
    it("JS: a template literal, a concatenation and an axios client with a base URL, the host imported from another module", () => {
      const result = expectAnnotated({
        "hosts.ts": "export const ELEVENLABS_API = \"https://api.elevenlabs.io\";\nexport const OPENAI = \"https://api.openai.com\";\n",
        "worker.ts": [
          "import axios from \"axios\";",
          "import { writeFile } from \"node:fs/promises\";",
          "import { Worker } from \"bullmq\";",
          "import { ELEVENLABS_API, OPENAI } from \"./hosts\";",
          "const openai = axios.create({ baseURL: `${OPENAI}/v1` });",
          "async function speak(text: string, voice: string) {",
          "  const res = await fetch(`${ELEVENLABS_API}/v1/text-to-speech/${voice}`, { method: \"POST\", body: JSON.stringify({ text }) });",
          "  if (!res.ok) {",
          "    console.error(`speech failed: ${res.status} ${await res.text()}`);",
          "    throw new Error(\"speech failed\");",
          "  }",
          "  return Buffer.from(await res.arrayBuffer());",
          "}",
          "async function draw(prompt: string) {",
          "  const r = await fetch(OPENAI + \"/v1/images/generations\", { method: \"POST\", body: JSON.stringify({ prompt }) });",
          "  return Buffer.from((await r.json()).data[0].b64_json, \"base64\");",
          "}",
          "async function chat(q: string) {",
          "  const r = await openai.post(\"/chat/completions\", { model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: q }] });",
          "  if (r.status !== 200) console.warn(\"chat failed\", r.status, r.data);",
          "  return r.data.choices[0].message.content;",
          "}",
          "new Worker(\"jobs\", async (job) => {",
          "  await writeFile(\"a.mp3\", await speak(job.data.text, job.data.voice)); // expect: WMK001",
          "  await writeFile(\"a.png\", await draw(job.data.prompt)); // expect: WMK001",
          "  console.log(await chat(job.data.q)); // expect: CON001",
          "});",
          "",
        ].join("\n"),
      });
      assert.deepEqual(result.report.inventory.map((i) => `${i.line} ${i.provider} ${i.modality}`), ["7 elevenlabs audio", "15 openai image", "19 openai text"]);
    });

    it("Python: an f-string and a concatenation with a constant host, and a client with `base_url`", () => {
      const result = expectAnnotated({
        "app.py": [
          "import httpx",
          "import requests",
          "from flask import Flask, jsonify, request",
          "",
          "BASE = \"https://api.openai.com\"",
          "app = Flask(__name__)",
          "anthropic = httpx.Client(base_url=\"https://api.anthropic.com\")",
          "",
          "@app.post(\"/a\")",
          "def a():",
          "    r = requests.post(f\"{BASE}/v1/chat/completions\", json={\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": request.json[\"q\"]}]})",
          "    if r.status_code != 200:",
          "        app.logger.error(\"failed: %s\", r.text)",
          "        return jsonify(error=\"unavailable\"), 503",
          "    return jsonify(answer=r.json()[\"choices\"][0][\"message\"][\"content\"])  # expect: DIS001",
          "",
          "@app.post(\"/b\")",
          "def b():",
          "    r = requests.post(BASE + \"/v1/images/generations\", json={\"prompt\": request.json[\"q\"]})",
          "    return jsonify(image=r.json()[\"data\"][0][\"url\"], ai_generated=True)  # expect: WMK001",
          "",
          "@app.post(\"/c\")",
          "def c():",
          "    r = anthropic.post(\"/v1/messages\", json={\"messages\": [{\"role\": \"user\", \"content\": request.json[\"q\"]}]})",
          "    return jsonify(answer=r.json()[\"content\"][0][\"text\"])  # expect: DIS001",
          "",
        ].join("\n"),
      });
      assert.deepEqual(result.report.inventory.map((i) => `${i.line} ${i.provider} ${i.modality}`), ["11 openai text", "19 openai image", "24 anthropic text"]);
    });
  });

  describe("branches", () => {
    it("a caller that passes a flag takes only the branch it selects: a file path is no content", () => {
      expectAnnotated({
        "notes.py": [
          "from pathlib import Path",
          "from fastapi import FastAPI",
          "from openai import OpenAI",
          "",
          "app = FastAPI()",
          "client = OpenAI()",
          "",
          "def transcribe(path: Path, *, archive: bool = False) -> str:",
          "    result = client.audio.transcriptions.create(model=\"whisper-1\", file=path.open(\"rb\"))",
          "    if archive:",
          "        out = Path(\"/srv\") / f\"{path.stem}.txt\"",
          "        out.write_text(result.text)  # expect: CON001",
          "        return str(out)",
          "    return result.text",
          "",
          "@app.get(\"/t\")",
          "def text(p: str):",
          "    return {\"transcript\": transcribe(Path(p))}  # expect: DIS001",
          "",
          "@app.post(\"/archive\")",
          "def archive(p: str):",
          "    return {\"stored_at\": transcribe(Path(p), archive=True)}",
          "",
          "@app.post(\"/quick\")",
          "def quick(p: str):",
          "    return {\"text\": transcribe(Path(p)) if not False else \"\"}  # expect: DIS001",
          "",
        ].join("\n"),
      });
    });

    it("a function analysed on its own takes both branches of a boolean default; a consent stub's result decides nothing", () => {
      expectAnnotated({
        "lib.py": [
          "import logging",
          "from flask import Flask",
          "from openai import OpenAI",
          "",
          "app = Flask(__name__)",
          "log = logging.getLogger(__name__)",
          "client = OpenAI()",
          "",
          "def has_consent():",
          "    return False",
          "",
          "def summarise(text, keep=False):",
          "    r = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": text}])",
          "    answer = r.choices[0].message.content",
          "    if keep:",
          "        log.info(\"summary: %s\", answer)  # expect: CON001",
          "    if has_consent():",
          "        log.info(\"kept: %s\", answer)",
          "    return answer",
          "",
        ].join("\n"),
      });
    });
  });

  describe("handlers", () => {
    it("Vercel functions: a default-exported (req, res) or (request) function in a project's root `api` folder handles requests; `_` helpers do not", () => {
      expectAnnotated({
        "web/package.json": "{\"name\": \"web\"}\n",
        "web/api/eta.js": [
          "import OpenAI from \"openai\";",
          "const openai = new OpenAI();",
          "export default async function handler(req, res) {",
          "  const c = await openai.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: req.body.question }] });",
          "  console.log(`answered ${req.body.question}`); // expect: CON001",
          "  return res.status(200).json({ answer: c.choices[0].message.content }); // expect: DIS001",
          "}",
          "",
        ].join("\n"),
        "web/api/edge/ask.ts": [
          "import Anthropic from \"@anthropic-ai/sdk\";",
          "const anthropic = new Anthropic();",
          "export default async function (request: Request) {",
          "  const { q } = await request.json();",
          "  const m = await anthropic.messages.create({ model: \"claude-3-5-haiku-latest\", max_tokens: 100, messages: [{ role: \"user\", content: q }] });",
          "  return Response.json({ answer: m.content[0].text }); // expect: DIS001",
          "}",
          "",
        ].join("\n"),
        "web/api/_lib/prompt.ts": [
          "import OpenAI from \"openai\";",
          "const openai = new OpenAI();",
          "export default async function ask(prompt: string) {",
          "  const c = await openai.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"system\", content: prompt }] });",
          "  return c.choices[0].message.content;",
          "}",
          "",
        ].join("\n"),
      });
    });

    it("Workers: a module object with `fetch` exported by name handles requests and is server code", () => {
      expectAnnotated({
        "src/index.ts": [
          "import Anthropic from \"@anthropic-ai/sdk\";",
          "const worker = {",
          "  async fetch(request: Request, env: { KEY: string }) {",
          "    const { q } = (await request.json()) as { q: string };",
          "    console.log(\"question\", q); // expect: CON001",
          "    const m = await new Anthropic({ apiKey: env.KEY }).messages.create({ model: \"claude-3-5-haiku-latest\", max_tokens: 100, messages: [{ role: \"user\", content: q }] });",
          "    return Response.json({ answer: m.content[0].text }); // expect: DIS001",
          "  },",
          "};",
          "export default worker;",
          "",
        ].join("\n"),
      });
    });

    it("Express: a handler wrapped by a library (`asyncHandler(fn)`) is the handler; one that cannot be resolved is a coverage note", () => {
      const result = expectAnnotated({
        "app.js": [
          "import express from \"express\";",
          "import asyncHandler from \"express-async-handler\";",
          "import OpenAI from \"openai\";",
          "import { ask } from \"./controllers/ask\";",
          "const openai = new OpenAI();",
          "const app = express();",
          "app.post(\"/ask\", asyncHandler(async (req, res) => {",
          "  const c = await openai.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: req.body.q }] });",
          "  res.json({ answer: c.choices[0].message.content }); // expect: DIS001",
          "}));",
          "app.post(\"/ask/v2\", ask);",
          "app.use(express.json());",
          "",
        ].join("\n"),
      });
      assert.deepEqual((result.report.coverage.notes ?? []).map((n) => `${n.file}:${n.line} ${n.message}`), [
        "app.js:11 the handler `ask` of this route cannot be resolved (it comes from a module outside the workspace or is computed): the requests it handles are not followed",
      ]);
    });

    it("Fastify: routes added by a plugin registered with `app.register` are request handlers", () => {
      expectAnnotated({
        "routes.js": [
          "import OpenAI from \"openai\";",
          "const openai = new OpenAI();",
          "export default async function routes(app, opts) {",
          "  app.post(\"/ask\", async (request, reply) => {",
          "    const c = await openai.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: request.body.q }] });",
          "    return { answer: c.choices[0].message.content }; // expect: DIS001",
          "  });",
          "}",
          "",
        ].join("\n"),
        "server.js": [
          "import Fastify from \"fastify\";",
          "import routes from \"./routes.js\";",
          "const app = Fastify();",
          "app.register(routes, { prefix: \"/v1\" });",
          "app.listen({ port: 3000 });",
          "",
        ].join("\n"),
      });
    });
  });

  describe("prompts before the call (resolved question 7)", () => {
    it("a record's text field that becomes part of a prompt is interaction data when it is logged first; its id and other fields are not", () => {
      expectAnnotated({
        "bot.py": [
          "import logging",
          "from openai import OpenAI",
          "from slack_bolt import App",
          "from claims_db import find_claim",
          "",
          "log = logging.getLogger(__name__)",
          "app = App()",
          "client = OpenAI()",
          "",
          "@app.command(\"/summary\")",
          "def summary(ack, command, respond):",
          "    ack()",
          "    claim = find_claim(command[\"text\"])",
          "    log.info(\"claim %s from %s\", claim.id, claim.region)",
          "    log.info(\"claim says: %s\", claim.description)  # expect: CON001",
          "    c = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": f\"Region {claim.region}. What happened: {claim.description}\"}])",
          "    respond(\"AI summary: \" + c.choices[0].message.content)",
          "",
        ].join("\n"),
      });
    });
  });

  describe("wrappers and entities", () => {
    it("a workspace function that returns its argument gives back the same client, in Python and JS", () => {
      const result = expectAnnotated({
        "wrap.py": [
          "from flask import Flask, jsonify, request",
          "from openai import OpenAI",
          "",
          "def instrument(client, name=\"chat\"):",
          "    client.timeout = 30",
          "    return client",
          "",
          "app = Flask(__name__)",
          "client = instrument(OpenAI())",
          "",
          "@app.post(\"/ask\")",
          "def ask():",
          "    c = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": request.json[\"q\"]}])",
          "    return jsonify(answer=c.choices[0].message.content)  # expect: DIS001",
          "",
        ].join("\n"),
        "wrap.ts": [
          "import Anthropic from \"@anthropic-ai/sdk\";",
          "import express from \"express\";",
          "function withRetries<T>(client: T, retries = 3): T {",
          "  console.debug(`retries: ${retries}`);",
          "  return client;",
          "}",
          "const anthropic = withRetries(new Anthropic());",
          "const app = express();",
          "app.post(\"/ask\", async (req, res) => {",
          "  const m = await anthropic.messages.create({ model: \"claude-3-5-haiku-latest\", max_tokens: 100, messages: [{ role: \"user\", content: req.body.q }] });",
          "  res.json({ answer: m.content[0].text }); // expect: DIS001",
          "});",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["wrap.py:13", "wrap.ts:10"]);
    });

    it("entities built from data keep it until they are stored: Prisma `data`, Mongoose documents, Sequelize `build`, SQLAlchemy keywords", () => {
      expectAnnotated({
        "notes.ts": [
          "import express from \"express\";",
          "import OpenAI from \"openai\";",
          "import { PrismaClient } from \"@prisma/client\";",
          "import { Note } from \"./models\";",
          "import { Draft } from \"./sequelize\";",
          "const prisma = new PrismaClient();",
          "const openai = new OpenAI();",
          "const app = express();",
          "app.post(\"/notes\", async (req, res) => {",
          "  const c = await openai.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: req.body.text }] });",
          "  const summary = c.choices[0].message.content;",
          "  await prisma.note.create({ data: { body: summary } }); // expect: CON001",
          "  const doc = new Note({ summary });",
          "  await doc.save(); // expect: CON001",
          "  const draft = Draft.build({ text: summary });",
          "  await draft.save(); // expect: CON001",
          "  await prisma.consentEvent.create({ data: { userId: req.body.userId, purpose: \"notes\", grantedAt: new Date(), granted: req.body.consent } });",
          "  res.json({ ok: true });",
          "});",
          "",
        ].join("\n"),
        "store.py": [
          "from flask import Flask, request, jsonify",
          "from openai import OpenAI",
          "from .models import Summary, db",
          "",
          "app = Flask(__name__)",
          "client = OpenAI()",
          "",
          "@app.post(\"/s\")",
          "def s():",
          "    c = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": request.json[\"text\"]}])",
          "    row = Summary(text=c.choices[0].message.content, owner_id=request.json[\"uid\"])",
          "    db.session.add(row)  # expect: CON001",
          "    db.session.commit()",
          "    return jsonify(ok=True)",
          "",
        ].join("\n"),
      });
    });
  });
});
