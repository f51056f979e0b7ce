// Web, bot and UI frameworks, loggers, stores and analytics, as data: where
// user-controlled data enters, where content reaches a user (user-facing
// sinks) and where data is kept (record sinks). Same naming as the SDK
// catalogue: Python "pkg.mod.Name", JavaScript "pkg#Export".
import type { SinkCategory } from "../analysis/facts";

export interface SinkSpec {
  category: SinkCategory;
  /** Which arguments are shown or stored: "all", positional indices, or names (keyword / JS option properties). */
  args?: "all" | readonly number[];
  named?: readonly string[];
  /** The receiver itself is what is stored (`obj.save()`, `image.save(path)`). */
  receiver?: boolean;
}

export interface Registration {
  /** Roles given to the handler's parameters, in order (or by name for frameworks that inject by name). */
  params?: readonly string[];
  paramsByName?: Readonly<Record<string, string>>;
  /** What kind of handler: routes return responses, UI functions return what the UI shows. */
  kind: "route" | "bot" | "ui" | "worker" | "middleware";
  /** The handler's return value reaches the user. */
  returnIsSink?: SinkCategory;
  /** Which argument is the handler: "last" (Express style) or an index, or a keyword name. */
  handlerArg?: "last" | number | string;
  /** Parameters after those given roles are what the user typed (slash-command options). */
  restAreInput?: boolean;
}

export interface RoleSpec {
  requestProps?: readonly string[];
  requestMethods?: readonly string[];
  /** Member access yields another role. */
  members?: Readonly<Record<string, string>>;
  /** Calling these methods yields another role. */
  methodRoles?: Readonly<Record<string, string>>;
  chain?: readonly string[];
  userSinks?: Readonly<Record<string, SinkSpec>>;
  recordSinks?: Readonly<Record<string, SinkSpec>>;
  /** Methods that set a response header: (name, value). */
  headerMethods?: readonly string[];
  /** Methods that register handlers (`app.post(path, handler)`), or decorators (`@app.post(...)`). */
  registers?: Readonly<Record<string, Registration>>;
  /** Assigning to these properties shows the value to the user (Koa's `ctx.body = ...`). */
  sinkProps?: Readonly<Record<string, SinkCategory>>;
  /** Calling the value itself: another role, a sink, or a route registration (`Route(path, endpoint)`). */
  callable?: { role?: string; sink?: SinkSpec; register?: Registration };
  /** Every method call on this role is a sink of this spec unless listed elsewhere (loggers). */
  anyMethodSink?: SinkSpec & { kind: "user" | "record"; except?: readonly string[] };
  /** Reading these properties, or calling these methods, gives a value of this role (`st.columns()`). */
  selfMethods?: readonly string[];
  /** The value is (part of) a response object: header dicts, payloads. */
  response?: boolean;
  /** Every member keeps the role (UI libraries whose components are all alike). */
  allMembers?: boolean;
  /** Members the role does not list otherwise have this role (a Worker's `env.ANY_BINDING`). */
  anyMember?: string;
  /** Members it does not describe are plain data, not framework objects (tRPC's `ctx`). */
  dataMembers?: boolean;
  /** Methods that add middleware and return a new builder: a consent-named middleware guards what is registered through it (tRPC `procedure.use(requireConsent)`). */
  middleware?: readonly string[];
  /** Builder objects: every other method returns the same object with its data (`sharp(img).resize().png()`). */
  fluent?: boolean;
  /** Methods that return the object's data (`toBuffer()`). */
  dataMethods?: readonly string[];
  /** Methods that build an entity from the data they are given (`repo.create({...})`): the entity keeps it until it is stored. */
  builders?: readonly string[];
  /** Methods that run a plugin function with these roles for its parameters (`fastify.register(routes)` gives `routes` the app). */
  plugins?: Readonly<Record<string, readonly string[]>>;
}

export interface FrameworkEntry {
  names: readonly string[];
  role: string;
  /** A web, bot, UI or worker framework: importing it makes the file server code (resolved question 3). */
  server?: boolean;
}

const HTTP_VERBS = ["get", "post", "put", "patch", "delete", "del", "all", "options", "head", "use", "route", "any", "on"];

const EXPRESS_ROUTE: Registration = { params: ["express.req", "express.res"], kind: "route", handlerArg: "last" };
const FASTIFY_ROUTE: Registration = { params: ["fastify.req", "fastify.reply"], kind: "route", handlerArg: "last", returnIsSink: "response" };
const KOA_ROUTE: Registration = { params: ["koa.ctx"], kind: "route", handlerArg: "last" };
const HONO_ROUTE: Registration = { params: ["hono.ctx"], kind: "route", handlerArg: "last", returnIsSink: "response" };
const PY_ROUTE: Registration = { kind: "route", returnIsSink: "response" };
/** Socket handlers of each message the client sends (`ws.on("message", ...)`, `socket.on("ask", ...)`): what it sent is input. */
const SOCKET_MESSAGES: Record<string, Registration> = { on: { kind: "bot", handlerArg: "last" }, once: { kind: "bot", handlerArg: "last" } };
/** Socket.IO `emit(event, ...data)`: the data after the event name reaches the client. */
const SIO_EMIT: SinkSpec = { category: "bot", args: [1, 2, 3] };
/** Sanic handlers receive the request first. */
const SANIC_ROUTE: Registration = { kind: "route", returnIsSink: "response", params: ["sanic.request"] };
const DISCORD_SLASH: Registration = { kind: "bot", params: ["discordpy.interaction"], restAreInput: true };
const DISCORD_PREFIX: Registration = { kind: "bot", params: ["discordpy.ctx"], restAreInput: true };

function verbs(reg: Registration, names: readonly string[] = HTTP_VERBS): Record<string, Registration> {
  return Object.fromEntries(names.map((n) => [n, reg]));
}

const ALL_ARGS: SinkSpec = { category: "response", args: "all" };

export const ROLES: Readonly<Record<string, RoleSpec>> = {
  // ------------------------------------------------------------------ JavaScript web
  "express.module": { callable: { role: "express.app" }, methodRoles: { Router: "express.app" } },
  "express.app": { registers: verbs(EXPRESS_ROUTE), methodRoles: { route: "express.app" } },
  "express.req": {
    requestProps: ["body", "query", "params", "headers", "cookies", "signedCookies", "files", "file", "hostname"],
    requestMethods: ["get", "header", "param"],
    members: { log: "logger" },
  },
  "express.res": {
    chain: ["status", "set", "header", "type", "setHeader", "append", "cookie", "vary", "location", "links", "contentType", "attachment", "format"],
    headerMethods: ["set", "header", "setHeader", "append"],
    userSinks: { json: ALL_ARGS, send: ALL_ARGS, write: ALL_ARGS, end: ALL_ARGS, jsonp: ALL_ARGS, render: { category: "response", args: [1] }, sendFile: { category: "response", args: [] } },
  },
  "fastify.module": { callable: { role: "fastify.app" } },
  "fastify.app": { registers: verbs(FASTIFY_ROUTE), members: { log: "logger" }, plugins: { register: ["fastify.app", "fastify.options"] } },
  "fastify.options": { dataMembers: true },
  "fastify.req": { requestProps: ["body", "query", "params", "headers", "cookies"], members: { log: "logger" } },
  "fastify.reply": { chain: ["code", "status", "header", "headers", "type"], headerMethods: ["header"], userSinks: { send: ALL_ARGS } },
  "koa.app": { registers: { use: KOA_ROUTE } },
  "koa.router": { registers: verbs(KOA_ROUTE) },
  "koa.ctx": {
    members: { request: "koa.request", req: "koa.request" },
    requestProps: ["query", "params", "headers", "cookies"],
    headerMethods: ["set"],
    sinkProps: { body: "response" },
  },
  "koa.request": { requestProps: ["body", "query", "headers", "files"] },
  "hono.app": { registers: verbs(HONO_ROUTE) },
  "hono.ctx": {
    members: { req: "hono.req" },
    headerMethods: ["header"],
    userSinks: { json: ALL_ARGS, text: ALL_ARGS, html: ALL_ARGS, body: ALL_ARGS, render: ALL_ARGS, newResponse: ALL_ARGS, stream: ALL_ARGS, streamText: ALL_ARGS },
  },
  "hono.req": { requestMethods: ["json", "text", "query", "queries", "param", "header", "parseBody", "formData", "valid", "arrayBuffer", "blob"], requestProps: ["body"] },
  /** The Fetch API Request (Next.js route handlers, workers, SvelteKit, Remix). */
  "web.request": {
    requestMethods: ["json", "text", "formData", "arrayBuffer", "blob"],
    requestProps: ["body", "headers", "cookies", "nextUrl", "url", "query"],
  },
  "next.pageProps": { requestProps: ["searchParams", "params"] },
  /** What SvelteKit handlers and Remix / React Router actions and loaders receive: `({ request, url, params })`. */
  "web.requestEvent": { requestProps: ["url", "params", "searchParams", "cookies"], members: { request: "web.request" } },
  /** The FormData a Next.js server action receives. */
  "web.formData": { requestMethods: ["get", "getAll", "entries", "values"] },
  "lambda.event": { requestProps: ["body", "queryStringParameters", "pathParameters", "headers", "multiValueQueryStringParameters", "rawQueryString", "Records"] },
  // ------------------------------------------------------------------ JavaScript bots
  "discord.client": { registers: { on: { params: ["discord.event"], kind: "bot", handlerArg: "last" }, once: { params: ["discord.event"], kind: "bot", handlerArg: "last" } } },
  "discord.event": {
    requestProps: ["content", "cleanContent", "attachments", "author", "member", "user"],
    members: { channel: "discord.channel", options: "discord.options", thread: "discord.channel", followUp: "discord.event" },
    userSinks: { reply: ALL_BOT(), editReply: ALL_BOT(), followUp: ALL_BOT(), update: ALL_BOT(), send: ALL_BOT(), edit: ALL_BOT(), respond: ALL_BOT() },
  },
  "discord.options": { requestMethods: ["getString", "getInteger", "getNumber", "getBoolean", "getUser", "getMember", "getAttachment", "get", "getFocused", "getSubcommand"] },
  "discord.channel": { userSinks: { send: ALL_BOT(), reply: ALL_BOT() } },
  "bolt.module": { members: { App: "bolt.appCtor" } },
  "bolt.appCtor": { callable: { role: "bolt.app" } },
  "bolt.app": {
    registers: Object.fromEntries(["command", "message", "event", "action", "shortcut", "view", "options", "function"].map((n) => [n, { params: ["bolt.args"], kind: "bot" as const, handlerArg: "last" as const }])),
    members: { client: "slack.client" },
  },
  "bolt.args": { members: { say: "bolt.say", respond: "bolt.say", client: "slack.client", logger: "logger", command: "bolt.payload", message: "bolt.payload", event: "bolt.payload", body: "bolt.payload", payload: "bolt.payload", action: "bolt.payload" } },
  "bolt.payload": { requestProps: ["text", "user_name", "user", "value", "blocks", "files", "event", "message", "state", "actions"] },
  "bolt.say": { callable: { sink: ALL_BOT() } },
  "slack.client": {
    members: { chat: "slack.chat", users: "slack.users", conversations: "slack.conversations", files: "slack.files" },
    // Files shared into a channel reach its members like messages do.
    userSinks: { chat_postMessage: ALL_BOT(), chat_postEphemeral: ALL_BOT(), chat_update: ALL_BOT(), files_upload_v2: ALL_BOT(), files_upload: ALL_BOT() },
    // Platform profile fields and message history are user-controlled (resolved question 13).
    requestMethods: ["users_info", "users_profile_get", "conversations_history", "conversations_replies"],
  },
  "slack.users": { members: { profile: "slack.users" }, requestMethods: ["info", "get", "lookupByEmail"] },
  "slack.conversations": { requestMethods: ["history", "replies"] },
  "slack.chat": { userSinks: { postMessage: ALL_BOT(), postEphemeral: ALL_BOT(), update: ALL_BOT(), scheduleMessage: ALL_BOT() } },
  "slack.files": { userSinks: { uploadV2: ALL_BOT(), upload: ALL_BOT() } },
  "telegraf.bot": {
    registers: Object.fromEntries(["on", "command", "hears", "start", "help", "action", "use", "inlineQuery", "settings"].map((n) => [n, { params: ["telegraf.ctx"], kind: "bot" as const, handlerArg: "last" as const }])),
    members: { telegram: "telegraf.api" },
  },
  "telegraf.ctx": {
    members: { message: "telegraf.message", msg: "telegraf.message", update: "telegraf.message", telegram: "telegraf.api", api: "telegraf.api", from: "telegraf.message" },
    requestProps: ["text", "match"],
    userSinks: Object.fromEntries(["reply", "replyWithMarkdown", "replyWithMarkdownV2", "replyWithHTML", "replyWithPhoto", "replyWithAudio", "replyWithVoice", "replyWithVideo", "replyWithDocument", "sendMessage", "editMessageText", "answerInlineQuery", "replyWithSticker"].map((n) => [n, ALL_BOT()])),
  },
  "telegraf.message": { requestProps: ["text", "caption", "first_name", "last_name", "username", "from", "chat", "voice", "photo", "document", "contact", "location", "reply_to_message", "sender_chat", "data"] },
  "telegraf.api": { userSinks: Object.fromEntries(["sendMessage", "sendPhoto", "sendAudio", "sendVoice", "sendVideo", "sendDocument", "editMessageText"].map((n) => [n, ALL_BOT()])) },
  "tgapi.bot": {
    registers: { on: { params: ["telegraf.message"], kind: "bot", handlerArg: "last" }, onText: { params: ["telegraf.message", "telegraf.message"], kind: "bot", handlerArg: "last" } },
    userSinks: Object.fromEntries(["sendMessage", "sendPhoto", "sendAudio", "sendVoice", "sendVideo", "sendDocument", "editMessageText"].map((n) => [n, ALL_BOT()])),
  },
  "bullmq.worker": {},
  // ------------------------------------------------------------------ Python web
  "flask.module": { members: { request: "flask.request", g: "flask.g" } },
  "flask.app": {
    registers: {
      ...verbs(PY_ROUTE, ["route", "get", "post", "put", "patch", "delete", "errorhandler"]),
      add_url_rule: { kind: "route", returnIsSink: "response", handlerArg: "last" },
      before_request: { kind: "middleware" },
      before_app_request: { kind: "middleware" },
    },
    members: { logger: "logger" },
  },
  "flask.request": {
    requestProps: ["json", "form", "args", "values", "files", "data", "headers", "cookies", "view_args", "stream"],
    requestMethods: ["get_json", "get_data"],
  },
  "fastapi.app": {
    registers: {
      ...verbs(PY_ROUTE, ["get", "post", "put", "patch", "delete", "api_route", "websocket", "route", "head", "options"]),
      add_api_route: { kind: "route", returnIsSink: "response", handlerArg: "last" },
      add_route: { kind: "route", params: ["starlette.request"], returnIsSink: "response", handlerArg: "last" },
    },
  },
  /** A Cloudflare Worker's `env`: its bindings (R2 buckets, KV namespaces) keep what is `put` into them. */
  "cf.env": { anyMember: "cf.binding" },
  "cf.binding": { recordSinks: { put: { category: "storage", args: [1] } } },
  // tRPC: `initTRPC.context<C>().create()` gives `t`; `t.procedure.input(...).use(mw).mutation(handler)`.
  "trpc.init": { selfMethods: ["context", "meta"], methodRoles: { create: "trpc.t" } },
  "trpc.t": { members: { procedure: "trpc.procedure" } },
  "trpc.procedure": {
    chain: ["input", "output", "meta", "concat", "unstable_concat"],
    middleware: ["use"],
    registers: Object.fromEntries(["query", "mutation", "subscription"].map((n) => [n, { kind: "route" as const, params: ["trpc.opts"], returnIsSink: "response" as const, handlerArg: "last" as const }])),
  },
  "trpc.opts": { requestProps: ["input", "rawInput"], dataMembers: true },
  // GraphQL servers and schemas take resolver maps (see the engine's registerResolvers).
  "graphql.schema": {},
  "graphql.parent": { dataMembers: true },
  /** A resolver's arguments: every field is what the client sent. */
  "graphql.args": { requestProps: ["*"] },
  // LINE Messaging API clients: replies and pushes reach the user; profiles are what the user set.
  "line.client": {
    userSinks: Object.fromEntries(["replyMessage", "pushMessage", "multicast", "broadcast", "narrowcast", "reply_message", "push_message"].map((n) => [n, ALL_BOT()])),
    requestMethods: ["getProfile", "get_profile", "getGroupMemberProfile", "get_group_member_profile"],
  },
  "line.module": { members: { MessagingApiClient: "line.client", Client: "line.client" } },
  // FastAPI / Starlette WebSockets: what the client sends is its input, what is sent back reaches it.
  "starlette.websocket": {
    requestProps: ["query_params", "path_params", "headers", "cookies"],
    requestMethods: ["receive_text", "receive_json", "receive_bytes", "receive", "iter_text", "iter_json"],
    userSinks: Object.fromEntries(["send_text", "send_json", "send_bytes", "send"].map((n) => [n, ALL_BOT()])),
  },
  // Hono's streaming helpers: `streamSSE(c, async (stream) => { await stream.writeSSE({ data }) })`.
  "hono.streamHelper": {},
  "hono.stream": { userSinks: Object.fromEntries(["writeSSE", "write", "writeln"].map((n) => [n, { category: "response" as const, args: "all" as const }])) },
  // WebSocket servers: `wss.on("connection", (ws, req) => ws.on("message", (data) => ws.send(...)))`.
  "ws.server": { registers: { on: { params: ["ws.socket", "web.request"], kind: "bot", handlerArg: "last" } } },
  "ws.socket": { registers: SOCKET_MESSAGES, userSinks: { send: ALL_BOT() } },
  // Socket.IO: `io.on("connection", (socket) => socket.on("ask", (data) => socket.emit("answer", ...)))`.
  "sio.server": {
    registers: { on: { params: ["sio.socket"], kind: "bot", handlerArg: "last" } },
    methodRoles: { to: "sio.room", in: "sio.room", of: "sio.server" },
    userSinks: { emit: SIO_EMIT },
  },
  "sio.socket": {
    registers: SOCKET_MESSAGES,
    members: { broadcast: "sio.room", handshake: "sio.handshake" },
    methodRoles: { to: "sio.room", in: "sio.room" },
    userSinks: { emit: SIO_EMIT, send: ALL_BOT() },
  },
  "sio.room": { methodRoles: { to: "sio.room", in: "sio.room" }, userSinks: { emit: SIO_EMIT } },
  "sio.handshake": { requestProps: ["query", "auth", "headers"] },
  "sanic.app": { registers: verbs(SANIC_ROUTE, ["route", "get", "post", "put", "patch", "delete", "head", "options", "websocket"]) },
  "sanic.request": {
    requestProps: ["json", "form", "args", "query_args", "files", "body", "headers", "cookies", "raw_args"],
    requestMethods: ["get_args", "get_query_args"],
  },
  /** Litestar's module-level handler decorators: `@post("/faq")`. */
  "litestar.handlerDecorator": { callable: { register: PY_ROUTE } },
  "starlette.request": {
    requestProps: ["query_params", "path_params", "headers", "cookies"],
    requestMethods: ["json", "form", "body", "stream"],
  },
  "django.request": {
    requestProps: ["body", "POST", "GET", "FILES", "data", "query_params", "headers", "COOKIES", "META", "content_params"],
    requestMethods: ["read", "readline", "readlines"],
  },
  "aiohttp.routes": { registers: verbs(PY_ROUTE, ["get", "post", "put", "patch", "delete", "route", "view"]) },
  /** `web.post(path, handler)` in `app.add_routes([...])`, and `app.router.add_post(path, handler)`. */
  "aiohttp.web": {
    registers: Object.fromEntries(["get", "post", "put", "patch", "delete", "route", "view", "head"].map((n) => [n, { kind: "route" as const, params: ["aiohttp.request"], returnIsSink: "response" as const, handlerArg: "last" as const }])),
  },
  "aiohttp.app": { members: { router: "aiohttp.router" } },
  "aiohttp.router": {
    registers: Object.fromEntries(["add_get", "add_post", "add_put", "add_patch", "add_delete", "add_route", "add_view"].map((n) => [n, { kind: "route" as const, params: ["aiohttp.request"], returnIsSink: "response" as const, handlerArg: "last" as const }])),
  },
  "aiohttp.request": { requestProps: ["query", "match_info", "headers", "cookies", "rel_url"], requestMethods: ["json", "post", "text", "read", "multipart"] },
  /** `Route("/x", endpoint)`, `WebSocketRoute(...)` in a Starlette app's routes. */
  "starlette.routeCtor": { callable: { register: { kind: "route", params: ["starlette.request"], returnIsSink: "response" } } },
  "celery.app": { registers: { task: { kind: "worker" }, shared_task: { kind: "worker" } } },
  // ------------------------------------------------------------------ Python bots and chat UIs
  "discordpy.bot": {
    registers: {
      event: { kind: "bot", params: ["discordpy.message"] },
      command: DISCORD_PREFIX,
      hybrid_command: DISCORD_PREFIX,
      listen: { kind: "bot", params: ["discordpy.message"] },
    },
    members: { tree: "discordpy.tree" },
  },
  "discordpy.tree": { registers: { command: DISCORD_SLASH, context_menu: DISCORD_SLASH } },
  /** `@app_commands.command(...)` on a cog method or a function: the interaction, then the options the user typed. */
  "discordpy.appCommands": { registers: { command: DISCORD_SLASH, context_menu: DISCORD_SLASH } },
  /** `@commands.command()` / `@commands.hybrid_command()` in a cog: the context, then the arguments the user typed. */
  "discordpy.commands": { registers: { command: DISCORD_PREFIX, hybrid_command: DISCORD_PREFIX } },
  "discordpy.message": {
    requestProps: ["content", "clean_content", "author", "attachments", "display_name", "name"],
    members: { channel: "discordpy.channel", response: "discordpy.response", followup: "discordpy.channel" },
    userSinks: { reply: ALL_BOT(), send: ALL_BOT(), edit: ALL_BOT() },
  },
  "discordpy.ctx": { members: { message: "discordpy.message", channel: "discordpy.channel", author: "discordpy.message" }, userSinks: { send: ALL_BOT(), reply: ALL_BOT() } },
  "discordpy.interaction": {
    requestProps: ["user", "data", "namespace"],
    members: { response: "discordpy.response", followup: "discordpy.channel", channel: "discordpy.channel" },
  },
  "discordpy.response": { userSinks: { send_message: ALL_BOT(), edit_message: ALL_BOT() } },
  "discordpy.channel": { userSinks: { send: ALL_BOT(), reply: ALL_BOT() } },
  "boltpy.app": {
    registers: Object.fromEntries(["message", "command", "event", "action", "shortcut", "view", "options"].map((n) => [n, {
      kind: "bot" as const,
      paramsByName: { say: "bolt.say", respond: "bolt.say", client: "slack.client", logger: "logger", command: "bolt.payload", message: "bolt.payload", event: "bolt.payload", body: "bolt.payload", payload: "bolt.payload", action: "bolt.payload" },
    }])),
    members: { client: "slack.client" },
  },
  "ptb.handlerCtor": {},
  "ptb.update": {
    members: { message: "ptb.message", effective_message: "ptb.message", callback_query: "ptb.message", effective_user: "ptb.user", edited_message: "ptb.message" },
  },
  "ptb.message": {
    requestProps: ["text", "caption", "data", "voice", "photo", "document"],
    members: { from_user: "ptb.user", chat: "ptb.user", message: "ptb.message" },
    userSinks: Object.fromEntries(["reply_text", "reply_markdown", "reply_markdown_v2", "reply_html", "reply_photo", "reply_audio", "reply_voice", "reply_video", "reply_document", "edit_message_text", "edit_text", "answer"].map((n) => [n, ALL_BOT()])),
  },
  "ptb.user": { requestProps: ["first_name", "last_name", "username", "full_name"] },
  /** `context.args`: the words after a /command, typed by the user. */
  "ptb.context": { members: { bot: "ptb.bot" }, requestProps: ["args", "matches"] },
  "ptb.bot": { userSinks: Object.fromEntries(["send_message", "send_photo", "send_audio", "send_voice", "send_video", "send_document", "edit_message_text"].map((n) => [n, ALL_BOT()])) },
  "aiogram.dp": { registers: { message: { kind: "bot", params: ["aiogram.message"] }, callback_query: { kind: "bot", params: ["aiogram.message"] } } },
  "aiogram.message": {
    requestProps: ["text", "caption", "from_user", "data"],
    userSinks: { answer: ALL_BOT(), reply: ALL_BOT(), edit_text: ALL_BOT(), answer_photo: ALL_BOT(), answer_audio: ALL_BOT(), answer_voice: ALL_BOT() },
  },
  "chainlit.module": {
    registers: { on_message: { kind: "bot", params: ["chainlit.message"] }, on_chat_start: { kind: "bot" }, on_audio_chunk: { kind: "bot" } },
    methodRoles: { Message: "chainlit.outMessage", Image: "chainlit.outMessage", Audio: "chainlit.outMessage", Video: "chainlit.outMessage", Text: "chainlit.outMessage" },
  },
  "chainlit.message": { requestProps: ["content", "elements"] },
  "chainlit.outMessage": { userSinks: { send: { category: "ui", args: [], receiver: true }, stream_token: { category: "ui", args: "all" }, update: { category: "ui", args: [], receiver: true } } },
  // ------------------------------------------------------------------ UI frameworks
  "streamlit.module": {
    userSinks: Object.fromEntries([
      "write", "markdown", "text", "code", "json", "image", "audio", "video", "table", "dataframe", "latex", "html", "write_stream", "info", "success", "warning", "error",
      "header", "subheader", "title", "caption", "metric", "data_editor", "download_button", "pyplot", "plotly_chart", "toast", "chat_message",
    ].map((n) => [n, { category: "ui" as const, args: [0], named: ["body", "data", "image", "value", "label"] }])),
    requestMethods: ["text_input", "text_area", "chat_input", "file_uploader", "camera_input", "audio_input", "experimental_audio_input", "experimental_get_query_params"],
    // The page URL's query string (`st.query_params["dept"]`).
    requestProps: ["query_params"],
    selfMethods: ["columns", "tabs", "container", "expander", "sidebar", "empty", "chat_message", "popover", "form", "status", "spinner"],
    members: { session_state: "streamlit.sessionState", sidebar: "streamlit.module" },
    allMembers: true,
  },
  /** `st.session_state` carries values between reruns (resolved question 17). */
  "streamlit.sessionState": {},
  "gradio.module": { allMembers: true },
  // ------------------------------------------------------------------ record sinks
  "logger": { anyMethodSink: { kind: "record", category: "log", args: "all", except: ["setLevel", "addHandler", "removeHandler", "isEnabledFor", "getChild", "child", "bind", "level", "on", "flush", "close", "add", "remove", "configure", "setFormatter", "disabled", "propagate", "handlers", "hasHandlers", "getEffectiveLevel", "opt", "contextualize", "catch", "patch", "isLevelEnabled", "silent", "levels", "useLevelLabels", "end"] }, selfMethods: ["child", "bind", "getChild", "opt", "patch", "new"] },
  /** Logging libraries: calling them, or their factory methods, makes a logger. */
  "logger.factory": { callable: { role: "logger" }, methodRoles: { createLogger: "logger", getLogger: "logger", get_logger: "logger", getLoggerFor: "logger", child: "logger", pino: "logger", Logger: "logger" } },
  "python.logging": {
    anyMethodSink: { kind: "record", category: "log", args: "all", except: ["getLogger", "basicConfig", "StreamHandler", "FileHandler", "Formatter", "Handler", "getLevelName", "disable", "captureWarnings", "shutdown", "config", "handlers", "setLoggerClass", "addLevelName", "LoggerAdapter", "Filter", "lastResort", "NullHandler", "root", "makeLogRecord", "getLoggerClass", "setLogRecordFactory", "getLogRecordFactory", "raiseExceptions", "basic_config"] },
    methodRoles: { getLogger: "logger", LoggerAdapter: "logger" },
  },
  "console": { anyMethodSink: { kind: "record", category: "log", args: "all", except: ["time", "timeEnd", "count", "countReset", "group", "groupEnd", "clear", "profile", "profileEnd", "timeStamp", "assert"] } },
  "analytics": {
    recordSinks: Object.fromEntries(["capture", "track", "identify", "alias", "group", "page", "screen", "event", "logEvent", "captureMessage", "captureException", "setContext", "setExtra", "setTag", "set_context", "set_extra", "capture_message", "capture_exception", "people_set", "set"].map((n) => [n, { category: "analytics" as const, args: "all" as const }])),
    members: { people: "analytics" },
  },
  /** `send_mail(subject, message, from, to, html_message=...)` (Django). */
  "mail.sendFn": { callable: { sink: { category: "email", args: [1], named: ["message", "html_message"] } } },
  /** `EmailMessage(subject, body, ...)` / `EmailMultiAlternatives`: the message is shown when sent. */
  "mail.messageCtor": { callable: { role: "mail.message" } },
  "mail.message": { userSinks: { send: { category: "email", receiver: true }, send_messages: { category: "email", receiver: true } }, recordSinks: {} },
  "mailer": { userSinks: { sendMail: { category: "email", args: "all" }, send: { category: "email", args: "all" }, send_message: { category: "email", args: "all" }, sendmail: { category: "email", args: [2] } }, members: { emails: "mailer", Emails: "mailer", messages: "mailer" }, methodRoles: { create: "mailer" } },
  "twilio.client": { members: { messages: "twilio.messages" } },
  "twilio.messages": { userSinks: { create: { category: "bot", args: "all", named: ["body", "Body"] } } },
  "fs.module": {
    recordSinks: Object.fromEntries(["writeFile", "writeFileSync", "appendFile", "appendFileSync", "write", "writeSync"].map((n) => [n, { category: "file" as const, args: [1] }])),
    methodRoles: { createWriteStream: "fs.stream", promises: "fs.module", open: "fs.handle" },
    members: { promises: "fs.module" },
  },
  /** A named import from the fs modules (`import { writeFile } from "node:fs/promises"`): behaves as `fs.<name>`. */
  "fs.member": {},
  "fs.stream": { recordSinks: { write: { category: "file", args: [0] }, end: { category: "file", args: [0] } } },
  "fs.handle": { recordSinks: { write: { category: "file", args: [0] }, writeFile: { category: "file", args: [0] }, appendFile: { category: "file", args: [0] } } },
  "python.file": { recordSinks: { write: { category: "file", args: [0] }, writelines: { category: "file", args: [0] } } },
  "aws.s3": {
    recordSinks: {
      put_object: { category: "storage", args: [], named: ["Body", "body"] },
      upload_fileobj: { category: "storage", args: [0], named: ["Fileobj"] },
      putObject: { category: "storage", args: [], named: ["Body"] },
      upload: { category: "storage", args: [], named: ["Body"] },
      put: { category: "storage", args: [], named: ["Body"] },
    },
  },
  "storage.put": { callable: { sink: { category: "storage", args: [1] } } },
  /** The response object a route receives to set headers on (FastAPI `response: Response`). */
  "starlette.response": { members: { headers: "$headers" }, headerMethods: ["set_cookie"] },
  /** TypeORM / MikroORM repositories and entity managers (typed constructor parameters in NestJS services). */
  "orm.repository": {
    recordSinks: Object.fromEntries(["save", "insert", "update", "upsert", "persistAndFlush", "nativeInsert", "nativeUpdate"].map((n) => [n, { category: "db" as const, args: "all" as const }])),
    builders: ["create", "merge", "preload"],
  },
  /** TypeORM's Active Record base class: `Note.create({...})` builds an entity; its `save()` stores it. */
  "orm.activeRecord": { builders: ["create", "merge"] },
};

function ALL_BOT(): SinkSpec {
  return { category: "bot", args: "all", named: ["content", "text", "message", "embeds", "blocks", "body", "caption"] };
}

export const FRAMEWORK_ENTRIES: readonly FrameworkEntry[] = [
  // JavaScript web
  { names: ["express#", "express#default"], role: "express.module", server: true },
  { names: ["express#Router", "express#default.Router", "express#.Router"], role: "express.app", server: true },
  { names: ["fastify#", "fastify#default", "fastify#fastify", "fastify#Fastify"], role: "fastify.module", server: true },
  { names: ["koa#", "koa#default"], role: "koa.app", server: true },
  { names: ["@koa/router#", "@koa/router#default", "koa-router#", "koa-router#default"], role: "koa.router", server: true },
  { names: ["hono#Hono", "hono/*#Hono"], role: "hono.app", server: true },
  { names: ["next#*", "next/*#*", "@nestjs/*#*", "@sveltejs/kit#*", "@remix-run/*#*", "@hapi/hapi#*", "restify#*", "@trpc/server#*", "socket.io#*", "ws#*", "h3#*", "elysia#*"], role: "web.other", server: true },
  // JavaScript bots and workers
  { names: ["discord.js#Client"], role: "discord.client", server: true },
  { names: ["discord.js#*"], role: "web.other", server: true },
  { names: ["@slack/bolt#App"], role: "bolt.appCtor", server: true },
  { names: ["@slack/bolt#", "@slack/bolt#default"], role: "bolt.module", server: true },
  { names: ["@slack/web-api#WebClient"], role: "slack.client" },
  { names: ["@slack/socket-mode#*", "@slack/rtm-api#*"], role: "web.other", server: true },
  { names: ["telegraf#Telegraf", "grammy#Bot"], role: "telegraf.bot", server: true },
  { names: ["node-telegram-bot-api#", "node-telegram-bot-api#default"], role: "tgapi.bot", server: true },
  { names: ["bullmq#Worker", "bull#*", "bullmq#*", "bee-queue#*", "agenda#*", "@temporalio/worker#*"], role: "bullmq.worker", server: true },
  // Python web, bots, UIs, workers
  { names: ["flask.Flask", "flask.Blueprint", "quart.Quart", "quart.Blueprint"], role: "flask.app", server: true },
  { names: ["flask.request", "quart.request"], role: "flask.request", server: true },
  { names: ["flask", "flask.*", "quart", "quart.*"], role: "flask.module", server: true },
  { names: ["fastapi.FastAPI", "fastapi.APIRouter", "starlette.applications.Starlette", "litestar.Litestar"], role: "fastapi.app", server: true },
  { names: ["starlette.routing.Route", "starlette.routing.WebSocketRoute", "fastapi.routing.APIRoute"], role: "starlette.routeCtor", server: true },
  { names: ["sanic.Sanic", "sanic.Blueprint"], role: "sanic.app", server: true },
  { names: ["@trpc/server#initTRPC"], role: "trpc.init", server: true },
  { names: ["@apollo/server#ApolloServer", "apollo-server#ApolloServer", "apollo-server-express#ApolloServer", "apollo-server-micro#ApolloServer", "@graphql-tools/schema#makeExecutableSchema", "graphql-yoga#createSchema"], role: "graphql.schema", server: true },
  { names: ["@line/bot-sdk#messagingApi.MessagingApiClient", "@line/bot-sdk#Client", "linebot.v3.messaging.MessagingApi", "linebot.v3.messaging.AsyncMessagingApi", "linebot.LineBotApi"], role: "line.client", server: true },
  { names: ["@line/bot-sdk#messagingApi"], role: "line.module", server: true },
  { names: ["hono/streaming#streamSSE", "hono/streaming#streamText", "hono/streaming#stream"], role: "hono.streamHelper", server: true },
  { names: ["ws#WebSocketServer", "ws#Server", "ws#default.Server", "ws#WebSocket.Server"], role: "ws.server", server: true },
  { names: ["socket.io#Server", "socket.io#default", "socket.io#"], role: "sio.server", server: true },
  { names: ["litestar.get", "litestar.post", "litestar.put", "litestar.patch", "litestar.delete", "litestar.route", "litestar.handlers.get", "litestar.handlers.post", "litestar.handlers.put", "litestar.handlers.patch", "litestar.handlers.delete", "litestar.handlers.route"], role: "litestar.handlerDecorator", server: true },
  { names: ["fastapi", "fastapi.*", "starlette", "starlette.*", "litestar", "litestar.*", "sanic", "sanic.*", "tornado", "tornado.*", "falcon", "falcon.*", "bottle", "bottle.*", "pyramid", "pyramid.*"], role: "web.other", server: true },
  { names: ["django", "django.*", "rest_framework", "rest_framework.*", "ninja", "ninja.*"], role: "web.other", server: true },
  { names: ["aiohttp.web.RouteTableDef"], role: "aiohttp.routes", server: true },
  { names: ["aiohttp.web.Application"], role: "aiohttp.app", server: true },
  { names: ["aiohttp.web"], role: "aiohttp.web", server: true },
  { names: ["aiohttp.web.*"], role: "web.other", server: true },
  { names: ["celery.Celery", "celery.shared_task"], role: "celery.app", server: true },
  { names: ["celery", "celery.*", "rq", "rq.*", "dramatiq", "dramatiq.*", "huey", "huey.*", "arq", "arq.*"], role: "web.other", server: true },
  { names: ["discord.Client", "discord.ext.commands.Bot", "discord.ext.commands.AutoShardedBot", "discord.AutoShardedClient", "discord.app_commands.CommandTree"], role: "discordpy.bot", server: true },
  { names: ["discord.app_commands", "nextcord.app_commands"], role: "discordpy.appCommands", server: true },
  { names: ["discord.ext.commands", "nextcord.ext.commands"], role: "discordpy.commands", server: true },
  { names: ["discord", "discord.*", "interactions", "interactions.*", "nextcord", "nextcord.*"], role: "web.other", server: true },
  { names: ["slack_bolt.App", "slack_bolt.async_app.AsyncApp", "slack_bolt.AsyncApp"], role: "boltpy.app", server: true },
  { names: ["slack_bolt", "slack_bolt.*", "slack_sdk.socket_mode", "slack_sdk.socket_mode.*", "slack_sdk.rtm_v2", "slack_sdk.rtm_v2.*"], role: "web.other", server: true },
  // The Slack Web API client posts messages; it is no bot framework (a CLI may use it), so it does not make server code.
  { names: ["slack_sdk.WebClient", "slack_sdk.web.WebClient", "slack_sdk.web.client.WebClient", "slack_sdk.AsyncWebClient", "slack_sdk.web.async_client.AsyncWebClient"], role: "slack.client" },
  { names: ["telegram.ext.CommandHandler", "telegram.ext.MessageHandler", "telegram.ext.CallbackQueryHandler", "telegram.ext.ConversationHandler", "telegram.ext.InlineQueryHandler"], role: "ptb.handlerCtor", server: true },
  { names: ["telegram", "telegram.*", "telebot", "telebot.*"], role: "web.other", server: true },
  { names: ["aiogram.Dispatcher", "aiogram.Router"], role: "aiogram.dp", server: true },
  { names: ["aiogram", "aiogram.*"], role: "web.other", server: true },
  { names: ["chainlit"], role: "chainlit.module", server: true },
  { names: ["streamlit"], role: "streamlit.module", server: true },
  { names: ["gradio", "gradio.*"], role: "gradio.module", server: true },
  // Loggers
  { names: ["logging"], role: "python.logging" },
  { names: ["loguru.logger", "flask.current_app.logger", "signale#", "signale#default", "consola#", "consola#default", "consola#consola", "loglevel#", "loglevel#default", "npmlog#", "npmlog#default", "roarr#Roarr"], role: "logger" },
  { names: ["structlog", "logbook.Logger", "structlog.get_logger", "structlog.getLogger", "logging.getLogger", "winston#", "winston#default", "winston#createLogger", "pino#", "pino#default", "pino#pino", "bunyan#", "bunyan#default", "bunyan#createLogger", "log4js#", "log4js#default", "log4js#getLogger", "@nestjs/common#Logger", "tslog#Logger"], role: "logger.factory" },
  // Analytics
  { names: ["posthog-node#PostHog", "posthog#", "posthog", "posthog.Posthog", "posthog.Client", "@segment/analytics-node#Analytics", "analytics-node#", "analytics-node#default", "mixpanel#init", "mixpanel.Mixpanel", "@amplitude/analytics-node#*", "amplitude.Amplitude", "segment.analytics", "analytics", "@sentry/*#*", "sentry_sdk", "sentry_sdk.*", "@vercel/analytics#track", "@vercel/analytics/server#track", "mixpanel#default.init"], role: "analytics" },
  // Mail and messaging
  { names: ["nodemailer#createTransport", "nodemailer#default.createTransport", "resend#Resend", "resend", "@sendgrid/mail#", "@sendgrid/mail#default", "smtplib.SMTP", "smtplib.SMTP_SSL", "flask_mail.Mail", "sendgrid.SendGridAPIClient", "postmark#ServerClient", "mailgun.js#*"], role: "mailer" },
  { names: ["twilio#", "twilio#default", "twilio#Twilio", "twilio.rest.Client"], role: "twilio.client" },
  { names: ["django.core.mail.send_mail", "django.core.mail.send_mass_mail", "django.core.mail.mail_admins", "django.core.mail.mail_managers"], role: "mail.sendFn" },
  { names: ["django.core.mail.EmailMessage", "django.core.mail.EmailMultiAlternatives", "flask_mail.Message"], role: "mail.messageCtor" },
  // Files and storage
  { names: ["fs#", "fs#default", "node:fs#", "node:fs#default", "fs/promises#", "fs/promises#default", "node:fs/promises#", "node:fs/promises#default", "fs-extra#", "fs-extra#default"], role: "fs.module" },
  { names: ["fs#*", "node:fs#*", "fs/promises#*", "node:fs/promises#*", "fs-extra#*"], role: "fs.member" },
  { names: ["@vercel/blob#put", "@netlify/blobs#*"], role: "storage.put" },
  { names: ["typeorm#Repository", "typeorm#EntityManager", "typeorm#DataSource", "@mikro-orm/core#EntityRepository", "@mikro-orm/core#EntityManager"], role: "orm.repository" },
  { names: ["typeorm#BaseEntity"], role: "orm.activeRecord" },
];

/**
 * Framework types that give a parameter its role when it is annotated with them
 * (`interaction: discord.Interaction`, `res: NextApiResponse`, `response: Response` in FastAPI).
 */
/** Types of framework callbacks written on the variable that holds the function: the roles of its parameters. */
export const DECLARED_TYPE_PARAM_ROLES: Readonly<Record<string, readonly string[]>> = {
  FastifyPluginAsync: ["fastify.app"],
  FastifyPluginCallback: ["fastify.app"],
  RequestHandler: ["express.req", "express.res"],
  NextApiHandler: ["express.req", "express.res"],
};

export const TYPE_ROLES: Readonly<Record<string, string>> = {
  "discord.Interaction": "discordpy.interaction",
  "nextcord.Interaction": "discordpy.interaction",
  "discord.Message": "discordpy.message",
  "nextcord.Message": "discordpy.message",
  "discord.ext.commands.Context": "discordpy.ctx",
  "nextcord.ext.commands.Context": "discordpy.ctx",
  "telegram.Update": "ptb.update",
  "telegram.Message": "ptb.message",
  "telegram.ext.ContextTypes.DEFAULT_TYPE": "ptb.context",
  "telegram.ext.CallbackContext": "ptb.context",
  "aiogram.types.Message": "aiogram.message",
  "aiogram.types.CallbackQuery": "aiogram.message",
  "fastapi.Response": "starlette.response",
  "fastapi.responses.Response": "starlette.response",
  "starlette.responses.Response": "starlette.response",
  "fastapi.Request": "starlette.request",
  "starlette.requests.Request": "starlette.request",
  "django.http.HttpRequest": "django.request",
  "rest_framework.request.Request": "django.request",
  "aiohttp.web.Request": "aiohttp.request",
  "next#NextApiRequest": "express.req",
  "next#NextApiResponse": "express.res",
  "next/server#NextRequest": "web.request",
  "express#Request": "express.req",
  "express#Response": "express.res",
  "fastapi.WebSocket": "starlette.websocket",
  "starlette.websockets.WebSocket": "starlette.websocket",
  "fastify#FastifyRequest": "fastify.req",
  "fastify#FastifyReply": "fastify.reply",
  // Plugins receive the app: `export async function routes(app: FastifyInstance) { app.post(...) }`.
  "fastify#FastifyInstance": "fastify.app",
  "express#Router": "express.app",
  "express#Express": "express.app",
  "express#Application": "express.app",
  "hono#Hono": "hono.app",
  "koa#Context": "koa.ctx",
  "koa#ParameterizedContext": "koa.ctx",
  "hono#Context": "hono.ctx",
  "discord.js#Message": "discord.event",
  "discord.js#Interaction": "discord.event",
  "discord.js#CommandInteraction": "discord.event",
  "discord.js#ChatInputCommandInteraction": "discord.event",
  "telegraf#Context": "telegraf.ctx",
  "grammy#Context": "telegraf.ctx",
  "aws-lambda#APIGatewayProxyEvent": "lambda.event",
  "aws-lambda#APIGatewayProxyEventV2": "lambda.event",
};

/**
 * Record sinks recognised by the shape of the call when the receiver's origin
 * is a workspace model or an ORM session (resolved question 15): the call that
 * hands data to the store.
 */
/**
 * `query().where().update` and `x.query().insert`: what `/(^|\.)query\(\)(\.\w+\(\))*\.(update|insert)$/`
 * says, read from the end so that long chains stay linear (the regular expression is quadratic).
 */
function isQueryBuilderWrite(calleeText: string): boolean {
  const write = /\.(update|insert)$/.exec(calleeText);
  if (!write) return false;
  // `end`: the chain before the write, calleeText[0, end); links are dropped from its end.
  let end = write.index;
  const isWordChar = (c: string) => /\w/.test(c);
  for (;;) {
    if (end >= 7 && calleeText.startsWith("query()", end - 7) && (end === 7 || calleeText[end - 8] === ".")) return true;
    if (end < 2 || !calleeText.startsWith("()", end - 2)) return false;
    let start = end - 2;
    while (start > 0 && isWordChar(calleeText[start - 1])) start--;
    if (start === end - 2 || start === 0 || calleeText[start - 1] !== ".") return false;
    end = start - 1;
  }
}

export const RECORD_CALL_SHAPES: ReadonlyArray<{ pattern: { test(calleeText: string): boolean }; category: SinkCategory; args: "all" | "receiver" }> = [
  // Django, SQLAlchemy, Tortoise, Peewee, Prisma, Mongoose, Sequelize, TypeORM, Drizzle, Supabase, Mongo, Redis, Firestore
  { pattern: /\.objects\.(\w+\(\)\.)*(create|get_or_create|update_or_create|bulk_create|bulk_update|update)$/, category: "db", args: "all" },
  // Google Cloud Storage: `blob.upload_from_string(data)`.
  { pattern: /(^|\.)(upload_from_string|upload_from_file|upload_from_filename)$/, category: "storage", args: "all" },
  // Firestore (modular SDK): `addDoc(collection(db, "x"), data)`, `setDoc(doc(...), data)`.
  { pattern: /^(addDoc|setDoc|updateDoc)$/, category: "db", args: "all" },
  { pattern: { test: isQueryBuilderWrite }, category: "db", args: "all" },
  // Supabase: `supabase.from("profiles").update({...})`.
  { pattern: /(^|\.)from\(\)\.update$/, category: "db", args: "all" },
  // Drizzle and Knex-style builders: `db.update(users).set({...})`, `db.insert(t).values({...})`.
  { pattern: /(^|\.)update\(\)\.set$/, category: "db", args: "all" },
  { pattern: /(^|\.)insert\(\)\.values$/, category: "db", args: "all" },
  { pattern: /(^|\.)(repository|repo|\w+Repository|\w+Repo)\.(save|insert|update|upsert)$/, category: "db", args: "all" },
  { pattern: /(^|\.)(session|db|dbsession|db_session|database|conn|connection|cursor|tx|transaction|uow)\.(add|add_all|merge|execute|executemany|insert|bulk_save_objects|bulk_insert_mappings)$/i, category: "db", args: "all" },
  { pattern: /(^|\.)(session|db|database)\.session\.(add|add_all|merge|execute)$/i, category: "db", args: "all" },
  { pattern: /(^|\.)(prisma|db|database|tx|client)\.[A-Za-z_$][\w$]*\.(create|createMany|update|updateMany|upsert|createManyAndReturn)$/, category: "db", args: "all" },
  { pattern: /\.(insert_one|insert_many|update_one|update_many|replace_one|insertOne|insertMany|updateOne|updateMany|replaceOne|bulkWrite|bulk_write|findOneAndUpdate|find_one_and_update)$/, category: "db", args: "all" },
  { pattern: /^[A-Z][A-Za-z0-9_]*\.(create|bulkCreate|insertMany|insert|create_many|upsert|findOrCreate|get_or_create)$/, category: "db", args: "all" },
  { pattern: /\.(insert|upsert)$/, category: "db", args: "all" },
  { pattern: /(^|\.)(redis|cache|kv|r|client)\.(set|setex|hset|hmset|lpush|rpush|xadd|sadd|zadd|append|publish|mset)$/i, category: "db", args: "all" },
  { pattern: /\.(add_document|set_document|addDoc|setDoc|updateDoc)$/, category: "db", args: "all" },
];

/** `obj.save()` and `obj.save(update_fields=...)` store the receiver. */
export const RECEIVER_RECORD_METHODS: ReadonlySet<string> = new Set(["save", "asave", "put", "persist", "stream_to_file", "write_to_file", "astream_to_file", "awrite_to_file"]);

/** Python functions that write their first argument to a file object. */
export const PYTHON_FILE_WRITERS: ReadonlySet<string> = new Set(["json.dump", "pickle.dump", "yaml.dump", "yaml.safe_dump", "toml.dump", "csv.writer", "numpy.save", "np.save", "joblib.dump"]);

/** Python response constructors of web frameworks (their arguments become the response). */
export const PY_RESPONSE_CONSTRUCTORS: ReadonlySet<string> = new Set([
  "flask.jsonify", "flask.make_response", "flask.Response", "flask.render_template", "flask.render_template_string", "flask.stream_with_context", "flask.send_file", "flask.stream_template",
  "quart.jsonify", "quart.make_response", "quart.Response", "quart.render_template",
  "fastapi.responses.JSONResponse", "fastapi.responses.PlainTextResponse", "fastapi.responses.HTMLResponse", "fastapi.responses.StreamingResponse", "fastapi.responses.Response", "fastapi.responses.ORJSONResponse", "fastapi.responses.FileResponse", "fastapi.Response", "fastapi.responses.UJSONResponse",
  "starlette.responses.JSONResponse", "starlette.responses.PlainTextResponse", "starlette.responses.HTMLResponse", "starlette.responses.StreamingResponse", "starlette.responses.Response",
  "sse_starlette.sse.EventSourceResponse", "sse_starlette.EventSourceResponse",
  "django.http.JsonResponse", "django.http.HttpResponse", "django.http.StreamingHttpResponse", "django.shortcuts.render", "django.template.response.TemplateResponse", "rest_framework.response.Response",
  "aiohttp.web.json_response", "aiohttp.web.Response", "aiohttp.web.StreamResponse",
  "litestar.Response", "sanic.response.json", "sanic.response.text", "sanic.response.html",
]);

/** JS response constructors and helpers. */
export const JS_RESPONSE_CONSTRUCTORS: ReadonlySet<string> = new Set([
  "Response", "Response.json", "next/server#NextResponse", "next/server#NextResponse.json", "next/server#NextResponse.redirect", "@sveltejs/kit#json", "@sveltejs/kit#text",
  "@remix-run/node#json", "@remix-run/cloudflare#json", "@remix-run/server-runtime#json", "ai#StreamingTextResponse", "ai#createUIMessageStreamResponse", "ai#createDataStreamResponse", "ai#createTextStreamResponse",
]);

/** Methods of Vercel AI results that turn the output into an HTTP response (user-facing sinks). */
export const STREAM_RESPONSE_METHODS: ReadonlySet<string> = new Set([
  "toTextStreamResponse", "toDataStreamResponse", "toUIMessageStreamResponse", "toAIStreamResponse", "pipeTextStreamToResponse", "pipeDataStreamToResponse", "pipeUIMessageStreamToResponse",
]);

/** Functions whose call ends the current function like `raise`/`throw` (conformance conventions). */
export const TERMINATING_CALLS: ReadonlySet<string> = new Set([
  "abort", "flask.abort", "sys.exit", "exit", "quit", "os._exit", "process.exit", "notFound", "next/navigation#notFound", "next/navigation#redirect", "redirect", "@sveltejs/kit#error", "@sveltejs/kit#redirect", "fastapi.HTTPException", "werkzeug.exceptions.abort", "forbidden", "unauthorized",
]);

/** `express#Router` -> `express#*`; by hand, as `/#.*$/` is quadratic on names with many `#`. */
function withAnyExport(fullName: string): string {
  const hash = fullName.indexOf("#");
  return hash < 0 ? fullName : `${fullName.slice(0, hash)}#*`;
}

/** Framework modules whose import makes a file server code (resolved question 3). */
/**
 * Registration methods whose handlers act on other handlers (middleware, hooks, `use`): code
 * registered with them can guard a route without the route naming it.
 */
export const GUARD_REGISTRATIONS: ReadonlySet<string> = new Set(
  Object.values(ROLES).flatMap((role) => Object.entries(role.registers ?? {}).filter(([name, r]) => r.kind === "middleware" || name === "use").map(([name]) => name)),
);

export function isServerFrameworkName(fullName: string): boolean {
  return FRAMEWORK_ENTRIES.some((e) => e.server && e.names.some((n) => globMatch(n, fullName) || globMatch(n, withAnyExport(fullName)) || globMatch(n.replace(/[#.]\*$/, ""), fullName)));
}

/** Linear-time glob match where `*` matches any run of characters. */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === "*") {
      starP = p++;
      starT = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}
