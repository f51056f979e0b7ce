// Shapes of real apps (resolved question 22), part 2: URLs built from constant hosts, branches, request
// handlers, prompts logged before the call, wrappers and entities. Each workspace is annotated with the
// findings it must give.
import assert from "node:assert/strict";
import { ready } from "../harness/analysis";
import { calls, expectAnnotated } from "../harness/workspaceFiles";

describe("real-app shapes (resolved question 22): flows and handlers", function () {
  this.timeout(60000);
  before(ready);

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

    it("entities built from data keep it until they are stored: Prisma `data`, Mongoose documents, Sequelize `build`, TypeORM Active Record `create`, SQLAlchemy keywords", () => {
      expectAnnotated({
        "notes.ts": [
          "import express from \"express\";",
          "import OpenAI from \"openai\";",
          "import { PrismaClient } from \"@prisma/client\";",
          "import { Note } from \"./models\";",
          "import { Draft } from \"./sequelize\";",
          "import { Summary } from \"./summary.entity\";",
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
          "  const active = Summary.create({ text: summary });",
          "  await active.save(); // expect: CON001",
          "  res.json({ ok: true });",
          "});",
          "",
        ].join("\n"),
        "summary.entity.ts": [
          "import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from \"typeorm\";",
          "@Entity()",
          "export class Summary extends BaseEntity {",
          "  @PrimaryGeneratedColumn() id!: number;",
          "  @Column() text!: string;",
          "}",
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
