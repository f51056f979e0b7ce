// Generates a realistic TypeScript server module (Express routes for a mobile app, Next.js API
// handlers for a web console, shared AI helpers) calling OpenAI, Anthropic, the Vercel AI SDK and
// Gemini, with logging, personal data, disclosure helpers and consent checks. Seeded.
import { createRng } from "./rng.mjs";
import {
  ACTIONS, ANTHROPIC_MODELS, DOMAINS, GEMINI_MODELS, LANGS, OPENAI_MODELS, PII_FIELDS, TEXT_FIELDS, TONES,
  camel, cap, email, fillToLines, hkid, nameRegistry, pascal, person, phone, plural,
} from "./vocab.mjs";

const I = "  ";

export function generateTypeScript({ seed, lines: target }) {
  const r = createRng(seed);
  const name = nameRegistry(r);
  const domain = r.pick(DOMAINS);
  const ent = () => r.pick(domain.entities);
  const field = () => camel(r.pick(TEXT_FIELDS));
  const piiField = () => camel(r.pick(PII_FIELDS));
  const types = [];
  const prompts = [];
  let pending = [];
  const withPending = (unit) => {
    const out = pending.flat().concat(unit);
    pending = [];
    return out;
  };

  const header = [
    `// ${cap(domain.name)} platform API: Express routes for the mobile app, Next.js API handlers for the`,
    `// ${domain.staff} console, and the AI helpers both use. Generated benchmark corpus (scripts/bench).`,
    `import express, { type NextFunction, type Request, type Response } from "express";`,
    `import type { NextApiRequest, NextApiResponse } from "next";`,
    `import OpenAI from "openai";`,
    `import Anthropic from "@anthropic-ai/sdk";`,
    `import { generateText, streamText } from "ai";`,
    `import { openai as aiOpenAI } from "@ai-sdk/openai";`,
    `import { GoogleGenerativeAI } from "@google/generative-ai";`,
    `import { createHash } from "node:crypto";`,
    `import { writeFile } from "node:fs/promises";`,
    `import pino from "pino";`,
    `import { db } from "./db";`,
    "",
    `const logger = pino({ name: "${domain.name}-api" });`,
    "export const app = express();",
    `app.use(express.json({ limit: "${r.pick(["1mb", "2mb", "512kb"])}" }));`,
    "export const router = express.Router();",
    "const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });",
    "const anthropic = new Anthropic();",
    `const gemini = new GoogleGenerativeAI(process.env.GEMINI_API_KEY ?? "").getGenerativeModel({ model: "${r.pick(GEMINI_MODELS)}" });`,
    "",
    "const HKID_RE = /\\b[A-Z]{1,2}\\d{6}\\(?[0-9A]\\)?/g;",
    "const PHONE_RE = /(\\+?852[\\s-]?)?\\b[2-9]\\d{3}[\\s-]?\\d{4}\\b/g;",
    "const EMAIL_RE = /[\\w.+-]+@[\\w-]+\\.[\\w.]+/g;",
    "",
    "export function addAiDisclosure(text: string): string {",
    `${I}return \`\${text}\\n\\n(AI-generated / 由人工智能生成)\`;`,
    "}",
    "",
    "export function redactHk(text: string): string {",
    `${I}return text.replace(HKID_RE, "[HKID]").replace(PHONE_RE, "[PHONE]").replace(EMAIL_RE, "[EMAIL]");`,
    "}",
    "",
    "export async function hasAiConsent(userId: string, purpose: string): Promise<boolean> {",
    `${I}const row = await db.consent.findFirst({ where: { userId, purpose }, orderBy: { recordedAt: "desc" } });`,
    `${I}return !!row?.granted;`,
    "}",
    "",
    "export function embedAiProvenance(png: Uint8Array): Uint8Array {",
    `${I}const marker = new TextEncoder().encode("tEXtAI-Generated\\u0000true");`,
    `${I}const out = new Uint8Array(png.length + marker.length);`,
    `${I}out.set(png.subarray(0, 33), 0);`,
    `${I}out.set(marker, 33);`,
    `${I}out.set(png.subarray(33), 33 + marker.length);`,
    `${I}return out;`,
    "}",
    "",
  ];

  function typeDecl() {
    const e = ent();
    const t = name(pascal(e, r.pick(["Input", "Payload", "Request", "Body", "Form"])), "");
    const f = field();
    types.push({ t, e, f });
    const lines = [`export interface ${t} {`, `${I}${camel(e)}Id: string;`, `${I}${f}: string;`];
    if (r.chance(0.5)) lines.push(`${I}locale?: "en" | "zh-HK";`);
    if (r.chance(0.4)) lines.push(`${I}${piiField()}?: string;`);
    if (r.chance(0.3)) lines.push(`${I}tags?: string[];`);
    return [...lines, "}", ""];
  }

  function someType() {
    if (types.length === 0 || r.chance(0.2)) pending.push(typeDecl());
    return types[types.length - 1 - Math.floor(r.next() * Math.min(types.length, 6))];
  }

  function promptConst() {
    if (prompts.length && r.chance(0.6)) return r.pick(prompts);
    const c = name(`${ent().toUpperCase()}_${r.pick(["SYSTEM", "RULES", "PROMPT", "GUIDE"])}`);
    prompts.push(c);
    pending.push([
      `const ${c} = [`,
      `${I}"You help ${domain.staff}s at a ${domain.name} business in Hong Kong.",`,
      `${I}"Answer in ${r.pick(LANGS)} unless asked otherwise; keep a ${r.pick(TONES)} tone.",`,
      `${I}"Never invent ${plural(ent())} or reference numbers.",`,
      `].join("\\n");`,
      "",
    ]);
    return c;
  }

  const respond = (v, key) =>
    r.weighted([
      [`${I}res.json({ ${key}: ${v} });`, 4],
      [`${I}res.json({ ${key}: addAiDisclosure(${v}) });`, 3],
      [`${I}res.json({ ${key}: ${v}, aiGenerated: true });`, 3],
    ]);

  function expressOpenAI() {
    const tp = someType();
    const action = r.pick(ACTIONS);
    const id = `${camel(tp.e)}Id`;
    const sys = promptConst();
    const redact = r.chance(0.4);
    const lines = [
      `router.post("/${plural(tp.e)}/:${id}/${action}", async (req: Request, res: Response, next: NextFunction) => {`,
      `${I}try {`,
      `${I}${I}const body = req.body as ${tp.t};`,
      `${I}${I}const text = ${redact ? `redactHk(body.${tp.f})` : `body.${tp.f}`};`,
      `${I}${I}const prompt = \`${cap(action)} this ${tp.e} ${tp.f} in ${r.int(2, 6)} bullet points:\\n\${text}\`;`,
    ];
    if (r.chance(0.35)) lines.push(`${I}${I}logger.info({ ${id}: req.params.${id}, prompt }, "${action} prompt");`);
    lines.push(
      `${I}${I}const completion = await openai.chat.completions.create({`,
      `${I}${I}${I}model: "${r.pick(OPENAI_MODELS)}",`,
      `${I}${I}${I}temperature: ${r.pick(["0", "0.2", "0.3", "0.7"])},`,
      `${I}${I}${I}messages: [`,
      `${I}${I}${I}${I}{ role: "system", content: ${sys} },`,
      `${I}${I}${I}${I}{ role: "user", content: prompt },`,
      `${I}${I}${I}],`,
      `${I}${I}});`,
      `${I}${I}const answer = completion.choices[0]?.message?.content ?? "";`,
    );
    if (r.chance(0.5)) {
      if (r.chance(0.5)) lines.push(`${I}${I}if (await hasAiConsent(req.params.${id}, "ai_notes")) {`, `${I}${I}${I}await db.note.create({ data: { subjectId: req.params.${id}, kind: "${action}", text: answer } });`, `${I}${I}}`);
      else lines.push(`${I}${I}await db.note.create({ data: { subjectId: req.params.${id}, kind: "${action}", text: answer } });`);
    }
    lines.push(I + respond("answer", r.pick([camel(action), "result", "text", "reply"])), `${I}} catch (err) {`, `${I}${I}next(err);`, `${I}}`, "});", "");
    return lines;
  }

  function expressAnthropic() {
    const e = ent();
    const action = r.pick(ACTIONS);
    const f = field();
    const id = `${camel(e)}Id`;
    const withPii = r.chance(0.4);
    const pf = piiField();
    const lines = [
      `router.post("/${domain.staff}/${plural(e)}/:${id}/${action}", async (req: Request, res: Response) => {`,
      `${I}const { ${f}${withPii ? `, ${pf}` : ""} } = req.body as { ${f}?: string${withPii ? `; ${pf}?: string` : ""} };`,
      `${I}if (!${f}) {`,
      `${I}${I}res.status(400).json({ error: "${f} is required" });`,
      `${I}${I}return;`,
      `${I}}`,
      `${I}const message = await anthropic.messages.create({`,
      `${I}${I}model: "${r.pick(ANTHROPIC_MODELS)}",`,
      `${I}${I}max_tokens: ${r.pick([256, 512, 800, 1024])},`,
      `${I}${I}system: "You assist ${domain.staff}s. Reply in ${r.pick(LANGS)}; be ${r.pick(TONES)}.",`,
      `${I}${I}messages: [{ role: "user", content: \`${cap(action)} for ${e} \${req.params.${id}}${withPii ? ` (\${${pf}})` : ""}: \${${f}}\` }],`,
      `${I}});`,
      `${I}const reply = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");`,
    ];
    if (r.chance(0.4)) {
      if (r.chance(0.5)) lines.push(`${I}if (req.body.aiLoggingConsent === true) {`, `${I}${I}logger.info({ ${f}, reply }, "staff ${action}");`, `${I}}`);
      else lines.push(`${I}logger.info({ ${f}, reply }, "staff ${action}");`);
    }
    lines.push(`${I}res.json({ reply: ${r.chance(0.5) ? "addAiDisclosure(reply)" : "reply"}, model: message.model });`, "});", "");
    return lines;
  }

  function aiSdkHelper() {
    const e = ent();
    const action = r.pick(ACTIONS);
    const fn = name(camel(action, e, r.pick(["text", "notes", "profile", "history", "request"])), "");
    return [
      `export async function ${fn}(record: Record<string, unknown>, tone = "${r.pick(TONES)}"): Promise<string> {`,
      `${I}const details = Object.entries(record)`,
      `${I}${I}.filter(([key]) => !${JSON.stringify(r.shuffle(PII_FIELDS.map((p) => camel(p))).slice(0, r.int(0, 3)))}.includes(key))`,
      `${I}${I}.map(([key, value]) => \`\${key}: \${String(value)}\`)`,
      `${I}${I}.join("\\n");`,
      `${I}const { text } = await generateText({`,
      `${I}${I}model: aiOpenAI("${r.pick(OPENAI_MODELS)}"),`,
      `${I}${I}system: \`${cap(action)} the ${e} below in a \${tone} tone, at most ${r.int(60, 200)} words.\`,`,
      `${I}${I}prompt: details,`,
      `${I}});`,
      `${I}return text.trim();`,
      "}",
      "",
    ];
  }

  function nextHandler() {
    const tp = someType();
    const fn = name(camel(r.pick(ACTIONS), tp.e, "handler"), "");
    const useGemini = r.chance(0.4);
    const lines = [
      `export async function ${fn}(req: NextApiRequest, res: NextApiResponse) {`,
      `${I}if (req.method !== "POST") {`,
      `${I}${I}res.setHeader("Allow", "POST");`,
      `${I}${I}res.status(405).end();`,
      `${I}${I}return;`,
      `${I}}`,
      `${I}const input = req.body as ${tp.t};`,
    ];
    if (useGemini) {
      lines.push(
        `${I}const result = await gemini.generateContent(\`${cap(r.pick(ACTIONS))} for the ${domain.staff} console: \${input.${tp.f}}\`);`,
        `${I}const output = result.response.text();`,
      );
    } else {
      lines.push(
        `${I}const response = await openai.responses.create({`,
        `${I}${I}model: "${r.pick(OPENAI_MODELS)}",`,
        `${I}${I}instructions: ${promptConst()},`,
        `${I}${I}input: input.${tp.f},`,
        `${I}});`,
        `${I}const output = response.output_text;`,
      );
    }
    lines.push(
      r.weighted([
        [`${I}res.status(200).json({ output });`, 4],
        [`${I}res.status(200).json({ output: addAiDisclosure(output) });`, 3],
        [`${I}res.setHeader("X-AI-Generated", "true");\n${I}res.status(200).json({ output, aiGenerated: true });`, 2],
      ]),
      "}",
      "",
    );
    return lines.flatMap((l) => l.split("\n"));
  }

  function serviceClass() {
    const e = ent();
    const cls = name(pascal(e, r.pick(["Service", "Assistant", "Advisor", "Helper", "Workflow"])), "");
    const a1 = r.pick(ACTIONS);
    const a2 = r.pick(ACTIONS.filter((a) => a !== a1));
    const lines = [
      `export class ${cls} {`,
      `${I}private readonly cache = new Map<string, string>();`,
      "",
      `${I}constructor(private readonly model = "${r.pick(OPENAI_MODELS)}", private readonly retries = ${r.int(1, 4)}) {}`,
      "",
      `${I}private key(...parts: string[]): string {`,
      `${I}${I}return createHash("sha256").update(parts.join("|")).digest("hex");`,
      `${I}}`,
      "",
      `${I}async ${camel(a1)}(${camel(e)}Id: string, text: string): Promise<string> {`,
      `${I}${I}const key = this.key("${a1}", ${camel(e)}Id, text);`,
      `${I}${I}const hit = this.cache.get(key);`,
      `${I}${I}if (hit !== undefined) return hit;`,
      `${I}${I}let lastError: unknown;`,
      `${I}${I}for (let attempt = 0; attempt < this.retries; attempt++) {`,
      `${I}${I}${I}try {`,
      `${I}${I}${I}${I}const completion = await openai.chat.completions.create({ model: this.model, messages: [{ role: "user", content: \`${cap(a1)}: \${text}\` }] });`,
      `${I}${I}${I}${I}const out = completion.choices[0]?.message?.content ?? "";`,
      `${I}${I}${I}${I}this.cache.set(key, out);`,
      `${I}${I}${I}${I}return out;`,
      `${I}${I}${I}} catch (err) {`,
      `${I}${I}${I}${I}lastError = err;`,
      `${I}${I}${I}${I}await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));`,
      `${I}${I}${I}}`,
      `${I}${I}}`,
      `${I}${I}throw new Error(\`${a1} failed for ${e} \${${camel(e)}Id}: \${String(lastError)}\`);`,
      `${I}}`,
      "",
      `${I}async ${camel(a2, "and", "store")}(${camel(e)}Id: string, text: string) {`,
      `${I}${I}const result = await this.${camel(a1)}(${camel(e)}Id, text);`,
    ];
    if (r.chance(0.5)) lines.push(`${I}${I}if (!(await hasAiConsent(${camel(e)}Id, "ai_notes"))) return result;`);
    lines.push(`${I}${I}await db.note.create({ data: { subjectId: ${camel(e)}Id, kind: "${a2}", text: result } });`, `${I}${I}return result;`, `${I}}`);
    if (r.chance(0.6)) lines.push("", `${I}stats(): { cached: number; retries: number } {`, `${I}${I}return { cached: this.cache.size, retries: this.retries };`, `${I}}`);
    return [...lines, "}", ""];
  }

  function consentRoute() {
    const e = ent();
    const purpose = r.pick(["ai_notes", "ai_chat_logging", "ai_marketing", "model_training", "ai_triage"]);
    const id = `${camel(e)}Id`;
    const lines = [
      `router.post("/${plural(e)}/:${id}/consent/${purpose.replace(/_/g, "-")}", async (req: Request, res: Response) => {`,
      `${I}const granted = req.body.granted === true;`,
      `${I}await db.${camel(e)}.update({ where: { id: req.params.${id} }, data: { ${camel(purpose, "consent")}: granted } });`,
    ];
    if (r.chance(0.6)) lines.push(`${I}await db.consent.create({ data: { userId: req.params.${id}, purpose: "${purpose}", granted, recordedAt: new Date() } });`);
    lines.push(`${I}res.json({ ok: true });`, "});", "");
    return lines;
  }

  function imageRoute() {
    const e = ent();
    const id = `${camel(e)}Id`;
    const lines = [
      `router.post("/${plural(e)}/:${id}/${r.pick(["poster", "banner", "thumbnail", "cover"])}", async (req: Request, res: Response) => {`,
      `${I}const image = await openai.images.generate({ model: "gpt-image-1", prompt: \`${cap(domain.name)} ${e} illustration, \${String(req.body.theme ?? "${r.pick(["harbour", "festive", "minimal"])}")} theme\`, size: "${r.pick(["1024x1024", "1536x1024"])}" });`,
      `${I}let bytes: Uint8Array = Buffer.from(image.data?.[0]?.b64_json ?? "", "base64");`,
    ];
    if (r.chance(0.4)) lines.push(`${I}bytes = embedAiProvenance(bytes);`);
    lines.push(`${I}const file = \`public/media/${plural(e)}/\${req.params.${id}}-\${Date.now()}.png\`;`, `${I}await writeFile(file, bytes);`, `${I}res.json({ url: "/" + file.replace(/^public\\//, "") });`, "});", "");
    return lines;
  }

  function streamRoute() {
    const tp = someType();
    return [
      `router.post("/${plural(tp.e)}/stream", async (req: Request, res: Response) => {`,
      `${I}const body = req.body as ${tp.t};`,
      `${I}const result = streamText({`,
      `${I}${I}model: aiOpenAI("${r.pick(OPENAI_MODELS)}"),`,
      `${I}${I}system: ${promptConst()},`,
      `${I}${I}prompt: body.${tp.f},`,
      `${I}});`,
      `${I}res.setHeader("X-AI-Generated", "true");`,
      `${I}result.pipeTextStreamToResponse(res);`,
      "});",
      "",
    ];
  }

  function piiConstants() {
    const c = name(`SAMPLE_${ent().toUpperCase()}S`);
    const rows = r.int(2, 4);
    const lines = [`export const ${c} = [`];
    for (let i = 0; i < rows; i++) {
      const parts = [`name: "${person(r)}"`];
      if (r.chance(0.6)) parts.push(`hkid: "${hkid(r)}"`);
      if (r.chance(0.7)) parts.push(`phone: "${phone(r)}"`);
      if (r.chance(0.4)) parts.push(`email: "${email(r)}"`);
      lines.push(`${I}{ ${parts.join(", ")} },`);
    }
    return [...lines, "];", ""];
  }

  function consentMiddleware() {
    const fn = name(camel("require", r.pick(["ai", "logging", "training", "marketing"]), "consent"), "");
    return [
      `export function ${fn}(purpose: string) {`,
      `${I}return async (req: Request, res: Response, next: NextFunction) => {`,
      `${I}${I}const userId = String(req.headers["x-user-id"] ?? "");`,
      `${I}${I}if (!userId || !(await hasAiConsent(userId, purpose))) {`,
      `${I}${I}${I}res.status(403).json({ error: "consent required", purpose });`,
      `${I}${I}${I}return;`,
      `${I}${I}}`,
      `${I}${I}next();`,
      `${I}};`,
      "}",
      "",
    ];
  }

  // ---- Non-AI code.
  function utilList() {
    const e = ent();
    const fn = name(camel("list", plural(e)), "");
    return [
      `export async function ${fn}(page = 1, perPage = ${r.pick([20, 25, 50])}, q?: string) {`,
      `${I}const where = q ? { kind: "${e}", title: { contains: q, mode: "insensitive" as const } } : { kind: "${e}" };`,
      `${I}const [total, items] = await Promise.all([`,
      `${I}${I}db.record.count({ where }),`,
      `${I}${I}db.record.findMany({ where, orderBy: { updatedAt: "desc" }, skip: (page - 1) * perPage, take: perPage }),`,
      `${I}]);`,
      `${I}return { total, page, items: items.map((row: { id: string; title: string }) => ({ id: row.id, title: row.title })) };`,
      "}",
      "",
      `router.get("/${plural(e)}", async (req: Request, res: Response) => {`,
      `${I}res.json(await ${fn}(Number(req.query.page ?? 1), Number(req.query.perPage ?? ${r.pick([20, 50])}), req.query.q as string | undefined));`,
      "});",
      "",
    ];
  }

  function utilChunk() {
    const fn = name(camel("chunk", r.pick(["text", "paragraphs", "lines"])), "");
    return [
      `export function ${fn}(text: string, size = ${r.pick([500, 800, 1200])}, overlap = ${r.int(0, 100)}): string[] {`,
      `${I}if (size <= overlap) throw new RangeError("size must be larger than overlap");`,
      `${I}const out: string[] = [];`,
      `${I}let start = 0;`,
      `${I}while (start < text.length) {`,
      `${I}${I}let end = Math.min(text.length, start + size);`,
      `${I}${I}const cut = text.lastIndexOf("\\n", end);`,
      `${I}${I}if (cut > start + size / 2) end = cut;`,
      `${I}${I}out.push(text.slice(start, end).trim());`,
      `${I}${I}start = end < text.length ? end - overlap : end;`,
      `${I}}`,
      `${I}return out.filter(Boolean);`,
      "}",
      "",
    ];
  }

  function utilValidate() {
    const tp = someType();
    const fn = name(camel("validate", tp.e, "input"), "");
    const fields = r.shuffle(TEXT_FIELDS).slice(0, r.int(2, 4)).map((f) => camel(f));
    return [
      `export function ${fn}(input: Partial<${tp.t}> & Record<string, unknown>): string[] {`,
      `${I}const errors: string[] = [];`,
      ...fields.map((f) => `${I}if (typeof input["${f}"] !== "string" || !String(input["${f}"]).trim()) errors.push("${f} is required");`),
      `${I}if (String(input["${fields[0]}"] ?? "").length > ${r.pick([500, 1000, 4000])}) errors.push("${fields[0]} is too long");`,
      `${I}return errors;`,
      "}",
      "",
    ];
  }

  function utilRetry() {
    const fn = name(camel(r.pick(["retry", "withRetries", "backoff"])), "");
    return [
      `export async function ${fn}<T>(task: () => Promise<T>, times = ${r.int(2, 5)}, delayMs = ${r.pick([200, 500, 1000])}): Promise<T> {`,
      `${I}let lastError: unknown;`,
      `${I}for (let attempt = 0; attempt < times; attempt++) {`,
      `${I}${I}try {`,
      `${I}${I}${I}return await task();`,
      `${I}${I}} catch (err) {`,
      `${I}${I}${I}lastError = err;`,
      `${I}${I}${I}logger.warn({ attempt, err }, "retrying");`,
      `${I}${I}${I}await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** attempt));`,
      `${I}${I}}`,
      `${I}}`,
      `${I}throw lastError;`,
      "}",
      "",
    ];
  }

  function utilStats() {
    const e = ent();
    const t = name(pascal(e, r.pick(["Stats", "Summary", "Snapshot", "Totals"])), "");
    const nums = r.shuffle(["count", "total", "pending", "failed", "retried", "skipped"]).slice(0, r.int(2, 4));
    return [
      `export type ${t} = { ${camel(e)}Id: string; label: string; ${nums.map((n) => `${n}: number`).join("; ")}; tags: string[] };`,
      "",
      `export function ${name(camel("merge", t), "")}(a: ${t}, b: ${t}): ${t} {`,
      `${I}return {`,
      `${I}${I}...a,`,
      ...nums.map((n) => `${I}${I}${n}: a.${n} + b.${n},`),
      `${I}${I}tags: [...new Set([...a.tags, ...b.tags])].sort(),`,
      `${I}};`,
      "}",
      "",
    ];
  }

  function utilDates() {
    const fn = name(camel("parse", ent(), r.pick(["window", "period", "range"])), "");
    return [
      `export function ${fn}(value: string | undefined, defaultDays = ${r.int(1, 30)}): { start: Date; end: Date } {`,
      `${I}const end = new Date();`,
      `${I}if (!value) return { start: new Date(end.getTime() - defaultDays * 86_400_000), end };`,
      `${I}const [from, to] = value.split("..");`,
      `${I}const start = from ? new Date(from) : new Date(end.getTime() - defaultDays * 86_400_000);`,
      `${I}const stop = to ? new Date(to) : end;`,
      `${I}if (Number.isNaN(start.getTime()) || Number.isNaN(stop.getTime())) throw new RangeError(\`bad range \${value}\`);`,
      `${I}if (stop < start) throw new RangeError("end is before start");`,
      `${I}return { start, end: stop };`,
      "}",
      "",
    ];
  }

  const units = [
    [expressOpenAI, 9], [expressAnthropic, 7], [aiSdkHelper, 4], [nextHandler, 5], [serviceClass, 3], [consentRoute, 3],
    [imageRoute, 2], [streamRoute, 2], [piiConstants, 1], [consentMiddleware, 1],
    [typeDecl, 4], [utilList, 6], [utilChunk, 3], [utilValidate, 5], [utilRetry, 2], [utilStats, 5], [utilDates, 4],
  ];
  const pick = () => withPending(r.weighted(units)());
  let fillerCount = 0;
  const filler = () => {
    fillerCount++;
    return [`export const ${name(`${r.pick(["MAX", "DEFAULT", "MIN"])}_${r.pick(["PAGE", "RETRY", "BATCH", "TIMEOUT"])}_${fillerCount}`)} = ${r.int(1, 500)};`];
  };
  const footer = ["", "app.use(\"/api\", router);"];
  return fillToLines(header, target - footer.length, pick, filler).replace(/\n$/, "") + "\n" + footer.join("\n") + "\n";
}
