// Shapes of real apps (resolved question 22), part 1: where clients and services come from: shadowed
// SDK names, module state set in a function, attributes set in any method, injected services and what
// cannot be resolved (coverage notes). Each workspace is annotated with the findings it must give.
import assert from "node:assert/strict";
import { scan } from "../../server/src/node/scan";
import { ready } from "../harness/analysis";
import { calls, expectAnnotated, workspace } from "../harness/workspaceFiles";

describe("real-app shapes (resolved question 22): clients and services", function () {
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

    it("JS: a route evaluated where it is registered sees the client an init function called at the bottom of the file assigns", () => {
      const result = expectAnnotated({
        "server.ts": [
          "import Fastify from \"fastify\";",
          "import OpenAI from \"openai\";",
          "import { wrapOpenAI } from \"braintrust\";",
          "let traced: OpenAI;",
          "function initTracing() {",
          "  traced = wrapOpenAI(new OpenAI());",
          "}",
          "const app = Fastify();",
          "app.post(\"/ask\", async (request: any) => {",
          "  const c = await traced.chat.completions.create({ model: \"gpt-4o-mini\", messages: [{ role: \"user\", content: \"Say hello\" }] });",
          "  return { answer: c.choices[0].message.content }; // expect: DIS001",
          "});",
          "initTracing();",
          "app.listen({ port: 3000 });",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["server.ts:10"]);
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
        "import { Body, Controller, Inject, Post, forwardRef } from \"@nestjs/common\";",
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
        "    @Inject(forwardRef(() => AiService)) private readonly again: any,",
        "    @Inject(AiService) private readonly byClass: any,",
        "  ) {}",
        "  @Post()",
        "  async ask(@Body() body: { question: string }) {",
        "    const answer = await this.ai.ask(body.question);",
        "    const note = this.notes.create({ question: body.question, answer });",
        "    await this.notes.save(note); // expect: CON001",
        "    return { answer }; // expect: DIS001",
        "  }",
        "  @Post(\"again\")",
        "  async askAgain(@Body() body: { question: string }) {",
        "    return { a: await this.again.ask(body.question), b: await this.byClass.ask(body.question) }; // expect: DIS001",
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
      assert.deepEqual(calls(result), ["src/ai/ai.service.ts:7", "src/ask.controller.ts:32"]);
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

    it("FastAPI: `Annotated[Svc, Depends(get_svc)]` and type aliases of it inject the service; an aliased consent dependency guards the route", () => {
      const result = expectAnnotated({
        "api/__init__.py": "",
        "api/deps.py": [
          "from typing import Annotated",
          "from fastapi import Depends, HTTPException",
          "from .service import AiService",
          "",
          "def get_service() -> AiService:",
          "    return AiService()",
          "",
          "def require_consent(user_id: str):",
          "    if not lookup_consent(user_id):",
          "        raise HTTPException(status_code=403)",
          "",
          "ServiceDep = Annotated[AiService, Depends(get_service)]",
          "ConsentDep = Annotated[None, Depends(require_consent)]",
          "",
        ].join("\n"),
        "api/service.py": [
          "import logging",
          "from openai import OpenAI",
          "",
          "log = logging.getLogger(__name__)",
          "",
          "class AiService:",
          "    def __init__(self):",
          "        self.client = OpenAI()",
          "    def answer(self, q: str) -> str:",
          "        r = self.client.chat.completions.create(model=\"gpt-4o-mini\", messages=[{\"role\": \"user\", \"content\": q}])",
          "        return r.choices[0].message.content",
          "",
        ].join("\n"),
        "api/main.py": [
          "import logging",
          "from typing import Annotated",
          "from fastapi import Depends, FastAPI",
          "from .deps import ConsentDep, ServiceDep, get_service",
          "from .service import AiService",
          "",
          "app = FastAPI()",
          "log = logging.getLogger(__name__)",
          "",
          "@app.get(\"/a\")",
          "def a(q: str, svc: Annotated[AiService, Depends(get_service)]):",
          "    return {\"answer\": svc.answer(q)}  # expect: DIS001",
          "",
          "@app.get(\"/b\")",
          "def b(q: str, svc: ServiceDep):",
          "    answer = svc.answer(q)",
          "    log.info(\"answer: %s\", answer)  # expect: CON001",
          "    return {\"answer\": answer, \"ai_generated\": True}",
          "",
          "@app.get(\"/c\")",
          "def c(q: str, svc: ServiceDep, _: ConsentDep):",
          "    answer = svc.answer(q)",
          "    log.info(\"answer: %s\", answer)",
          "    return {\"answer\": answer, \"ai_generated\": True}",
          "",
        ].join("\n"),
      });
      assert.deepEqual(calls(result), ["api/service.py:10"]);
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
});
