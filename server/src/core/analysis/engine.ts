// The flow engine: evaluates the program model of every workspace file with
// abstract values, following data through assignments, calls (inlined, across
// files), containers and library carriers, and records facts for the rules.
import type { Arg, CallExpr, ClassDef, Expr, FunctionDef, JsxExpr, Param, Pattern, Span, Stmt } from "../ir/types";
import { MESSAGE_CLASSES, type MethodSpec, modalityFromModelName, modalityFromTask, HTTP_PROMPT_KEYS, HTTP_SYSTEM_KEYS, AWS_STORE_COMMANDS, AWS_STORE_MODULES } from "../sdk/catalogue";
import {
  DECLARED_TYPE_PARAM_ROLES, FRAMEWORK_ENTRIES, globMatch, JS_RESPONSE_CONSTRUCTORS, PY_RESPONSE_CONSTRUCTORS, PYTHON_FILE_WRITERS, RECEIVER_RECORD_METHODS, RECORD_CALL_SHAPES,
  type Registration, type RoleSpec, ROLES, type SinkSpec, STREAM_RESPONSE_METHODS, TERMINATING_CALLS, TYPE_ROLES,
} from "../sdk/frameworks";
import type { Workspace } from "../workspace/workspace";
import { forEachStmtPart } from "../ir/walk";
import { dirname } from "../workspace/paths";
import { fileUnderFolder, isPagesApiPath, isRouteHandlerPath, isSvelteKitEndpoint } from "../workspace/routePaths";
import { Facts, type GuardState, type SinkCategory, type SinkFact, type SlotArg, type WrapTarget } from "./facts";
import { optionExpr } from "../ir/options";
import {
  hasDisclosureText, isConsentDecisionField, isConsentGuardName, isConsentName, isDisclosureFieldName, isDisclosureHelperName, isRedactionName,
  isWatermarkName, NON_CONTENT_FIELDS, personalDataCategory, personRecordWord, splitWords, TOOL_CALL_FIELDS,
} from "./names";
import { CLIENT_WRAPPERS, dropInFor, gatewayTagForHeader, gatewayTagForUrl, TRACING_DECORATORS, wrapperFor } from "../sdk/instrumentation";
import { aiEndpoint, awsCommand, callableOf, findMethod, findSdkEntry, normaliseSegment, providerForUrl } from "./sdkResolve";
import { type Completion, forkScope, type Frame, type HandlerInfo, joinScopes, lookup, markModuleScope, type ModuleState, newScope, assign as assignVar } from "./scope";
import {
  type AiCallSite, type AiLabel, carry, deepLabels, deepTexts, EMPTY_LABELS, type Label, type Loc, mergeLabelLists, mergeLabels, type Modality, newLabelId, type OriginLabel,
  mergeTags, type PiiLabel, type Ref, type Scope, type Tag, union, Value, withAiFlag, withRedaction,
} from "./values";

export interface Vocabulary {
  disclosure: ReadonlySet<string>;
  redaction: ReadonlySet<string>;
  consent: ReadonlySet<string>;
  consentRecord: ReadonlySet<string>;
  watermark: ReadonlySet<string>;
  personalData: ReadonlySet<string>;
  disclosureText: readonly string[];
  extraRecordSinks: ReadonlySet<string>;
  extraUserSinks: ReadonlySet<string>;
  extraSources: ReadonlySet<string>;
}

export const EMPTY_VOCABULARY: Vocabulary = {
  disclosure: new Set(), redaction: new Set(), consent: new Set(), consentRecord: new Set(), watermark: new Set(), personalData: new Set(),
  disclosureText: [], extraRecordSinks: new Set(), extraUserSinks: new Set(), extraSources: new Set(),
};

export interface EngineOptions {
  vocabulary: Vocabulary;
  /** Whether `print` / `console.*` in this file are record sinks (resolved question 3). */
  isServerFile(file: string): boolean;
  /** Personal-data literal in the source span of a string, if any (PII002's detector). */
  personalLiteral(file: string, start: number, end: number): string | undefined;
  /** Names called somewhere in the workspace: functions never called are analysed on their own. */
  calledNames: ReadonlySet<string>;
  /** Wall-clock limit; evaluation stops adding depth after it. */
  deadline?: number;
  /** Time limit of each file's evaluation, in ms: a file that runs past it is cut short (`filesCutShort`) and the others go on. */
  fileBudgetMs?: number;
  /** Clock of both limits; tests pass one that counts steps so that cut-offs are deterministic. */
  now?: () => number;
  /** Called as the evaluation advances: `done` of `total` steps (each file loaded, then each file in each of three phases). */
  onProgress?: (done: number, total: number) => void;
}

interface Args {
  positional: Value[];
  named: Map<string, Value>;
  exprs: readonly Arg[];
  /** Functions passed as arguments (callbacks), with their position or keyword. */
  all: Value[];
}

const MAX_DEPTH = 7;
/** Sink categories that keep data rather than show it. */
const RECORD_CATEGORIES: ReadonlySet<SinkCategory> = new Set<SinkCategory>(["log", "db", "file", "analytics", "storage"]);
const PY_CARRIERS = new Set([
  "str", "repr", "format", "list", "tuple", "dict", "set", "sorted", "reversed", "bytes", "bytearray", "frozenset", "iter", "next", "enumerate", "zip", "map", "filter",
  "json.loads", "json.dumps", "base64.b64encode", "base64.b64decode", "base64.urlsafe_b64decode", "base64.urlsafe_b64encode", "base64.standard_b64decode", "base64.standard_b64encode",
  "io.BytesIO", "io.StringIO", "PIL.Image.open", "PIL.Image.frombytes", "PIL.Image.fromarray", "textwrap.dedent", "textwrap.fill", "textwrap.shorten", "html.escape", "markdown.markdown",
  "copy.copy", "copy.deepcopy", "dataclasses.asdict", "asdict", "vars", "urllib.parse.quote", "urllib.parse.unquote", "bool", "yaml.safe_load", "yaml.dump", "yaml.safe_dump", "pickle.loads", "orjson.dumps", "orjson.loads", "ujson.dumps",
]);
const IN_MEMORY_BUFFERS = new Set(["io.BytesIO", "io.StringIO"]);
/** Node `fs` calls that read a file's content. */
const FS_READ_METHODS = new Set(["readFile", "readFileSync", "createReadStream"]);
/** E-mail message objects: built empty, then filled (`msg["Subject"] = ...`, `msg.set_content(body)`). */
const PY_MESSAGE_OBJECTS = new Set(["email.message.EmailMessage", "email.mime.multipart.MIMEMultipart", "email.message.Message"]);
/** AWS Lambda handler and event types of HTTP triggers (API Gateway, function URLs, load balancers), from `@types/aws-lambda`. */
const LAMBDA_HTTP_HANDLER_TYPE = /^(APIGatewayProxy\w*Handler(V2)?|LambdaFunctionURLHandler\w*|ALBHandler)\b/;
const LAMBDA_HTTP_EVENT_TYPE = /^(APIGatewayProxy\w*Event(V2)?|LambdaFunctionURLEvent\w*|ALBEvent)\b/;
const JS_CARRIERS = new Set(["String", "URL", "URLSearchParams", "JSON.parse", "JSON.stringify", "Buffer.from", "Buffer.concat", "atob", "btoa", "encodeURIComponent", "decodeURIComponent", "Array.from", "Object.assign", "Object.values", "Object.entries", "structuredClone", "Promise.all", "Promise.allSettled", "Promise.resolve", "Promise.race", "Uint8Array", "Blob", "File", "TextDecoder", "TextEncoder", "Boolean"]);
/** Functions that turn a whole object into text: a person record passed to them sends every field. */
const PY_SERIALISERS = new Set(["json.dumps", "orjson.dumps", "ujson.dumps", "yaml.dump", "yaml.safe_dump", "pprint.pformat", "dataclasses.asdict", "attrs.asdict", "attr.asdict", "toml.dumps", "simplejson.dumps"]);
/** Functions whose result says nothing about the content of their arguments. */
const NON_CARRYING = new Set([
  "len", "int", "float", "isinstance", "hasattr", "getattr", "id", "type", "range", "round", "abs", "min", "max", "sum", "any", "all", "callable", "issubclass", "hash", "ord", "chr", "print_exc",
  "Number", "parseInt", "parseFloat", "isNaN", "Math.round", "Math.floor", "Math.ceil", "Math.min", "Math.max", "Math.random", "Date.now", "Array.isArray", "setTimeout", "clearTimeout", "setInterval",
  "time.time", "time.monotonic", "time.perf_counter", "uuid.uuid4", "uuid4", "datetime.now", "datetime.datetime.now", "datetime.utcnow", "datetime.datetime.utcnow", "crypto.randomUUID", "randomUUID", "node:crypto#randomUUID", "crypto#randomUUID", "performance.now", "os.getenv", "os.environ.get",
  "url_for", "flask.url_for", "logging.getLogger", "structuredClone.length", "mimetypes.guess_type", "asyncio.sleep", "sleep",
]);
/** Methods whose result carries nothing of the receiver's content (booleans, counts, positions). */
const NON_CARRYING_METHODS = new Set([
  "startswith", "endswith", "startsWith", "endsWith", "includes", "indexOf", "lastIndexOf", "find", "rfind", "index", "count", "isdigit", "isalpha", "isnumeric", "isupper", "islower", "isspace",
  "test", "has", "hasOwnProperty", "localeCompare", "getTime", "toFixed", "keys", "size", "__len__", "is_set", "isEmpty", "exists", "is_file", "is_dir", "raise_for_status", "json_schema",
]);
/** Method names of common libraries and containers: never taken for a workspace method of the same name. */
const KNOWN_DATA_METHODS = new Set([
  "to_dict", "model_dump", "model_dump_json", "toJSON", "toString", "get_json", "set_content", "add_alternative", "attach_alternative", "set_payload", "add_text",
  "write_text", "write_bytes", "read_text", "read_bytes", "send_message", "reply_text", "send_mail", "send_file", "set_cookie", "add_header", "set_header", "setHeader",
  "append_message", "add_message", "add_messages", "create_task", "run_until_complete", "to_thread", "run_in_executor", "model_validate", "model_validate_json",
  "toLowerCase", "toUpperCase", "toISOString", "toLocaleString", "toDateString", "toFixed", "toPrecision", "trimStart", "trimEnd", "padStart", "padEnd", "findIndex", "findLastIndex",
  "getItem", "setItem", "removeItem", "addEventListener", "removeEventListener", "querySelector", "querySelectorAll", "appendChild", "arrayBuffer", "toBuffer", "getReader",
  "raise_for_status", "iter_lines", "iter_content", "add_argument", "parse_args", "get_nowait", "put_nowait", "as_posix", "with_suffix", "with_name", "read_csv", "to_csv", "to_json",
]);

/** Schema validation returns the data it was given (zod, pydantic, joi, yup, marshmallow). */
const VALIDATE_METHODS = new Set(["parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync", "model_validate", "model_validate_json", "parse_obj", "parse_raw", "validate_python", "validate_json"]);
const STRING_JOIN_METHODS = new Set(["join", "format", "concat", "replace", "replaceAll", "format_map", "substitute", "safe_substitute", "padStart", "padEnd"]);
const ITER_CALLBACK_METHODS = new Set(["map", "flatMap", "forEach", "filter", "find", "findLast", "some", "every", "reduce", "reduceRight", "sort", "then", "catch", "finally", "flat_map"]);

const DB_READ_METHODS = new Set(["select", "pluck", "filter_by", "get_or_404", "first_or_404", "one_or_404", "findMany", "findUnique", "findFirst", "findUniqueOrThrow", "findFirstOrThrow", "findAll", "findById", "findOne", "fetchall", "fetchone", "fetchmany", "scalars", "scalar_one", "scalar_one_or_none", "get_object_or_404", "get_list_or_404", "aggregate"]);
const CONSENT_TIME_KEYS = /(^|_)(at|timestamp|time|date|ts)$|At$|Timestamp$|Time$|Date$|^(at|timestamp|ts|time|date|when|created|recorded)$/;
/** Fields that say what a consent was given for: any name with the word purpose or scope (`optInPurpose`, `purpose_of_use`), or a notice/policy version, consent type, legal basis. */
const CONSENT_PURPOSE_WORDS = new Set(["purpose", "purposes", "scope", "scopes"]);
const CONSENT_PURPOSE_KEYS = /^(notice_version|noticeVersion|policy_version|policyVersion|consent_type|consentType|legal_basis|legalBasis)$/;
function isConsentPurposeKey(key: string): boolean {
  return CONSENT_PURPOSE_KEYS.test(key) || splitWords(key).some((w) => CONSENT_PURPOSE_WORDS.has(w));
}
const GRANTED_CONSTANTS = new Set(["granted", "yes", "accepted", "agree", "agreed", "allow", "allowed", "opt_in", "opt-in", "optin", "true", "on", "enabled"]);

/** JSX attributes that show their value (resolved question 19); `key`, `className` and the like do not. */
const SINK_ATTRS = new Set(["src", "href", "dangerouslySetInnerHTML", "srcSet", "poster"]);
/** JSX attributes whose text a reader sees as a label. */
const LABEL_ATTRS = new Set(["title", "alt", "aria-label", "label", "caption", "data-label"]);

let aiCallCounter = 0;

export class Engine {
  readonly facts = new Facts();
  private readonly modules = new Map<string, ModuleState>();
  private readonly origins = new Map<string, OriginLabel>();
  private readonly memberOrigins = new WeakMap<OriginLabel, Map<string, OriginLabel>>();
  private readonly literalCache = new Map<string, PiiLabel | null>();
  private readonly callStack: number[] = [];
  private readonly memo = new Map<string, { ret: Value }>();
  private readonly evaluatedEntries = new Set<string>();
  /** The last value of each expression, to find which sub-expression of a sink carries AI output (quick-fixes). */
  private readonly exprValues = new WeakMap<Expr, Value>();
  /** Every function that has run in some context (file:id). */
  private readonly invoked = new Set<string>();
  private readonly streamlitState = new Map<string, Value>();
  /** Consent fields set on an object by assignment (already checked there), by object. */
  private readonly consentAssigned = new WeakMap<Value, Set<string>>();
  /** Functions and modules that read `st.session_state`: evaluated once more after everything else has written it. */
  private readonly stateReaders = new Set<string>();
  private branchCounter = 0;
  /** Tags of functions traced by a decorator (`@traceable`), by "file:id": calls inside them are traced. */
  private readonly functionTags = new Map<string, readonly Tag[]>();
  private readonly recordClassCache = new Map<string, { word: string; health: boolean } | null>();
  private budgetExceeded = false;
  /** Files whose evaluation ran out of its per-file budget. */
  readonly filesCutShort = new Set<string>();
  /** Files whose evaluation failed, with the error: the rest of the workspace is still analysed. */
  readonly filesFailed = new Map<string, string>();
  private readonly fileSpentMs = new Map<string, number>();
  private fileDeadline?: { file: string; at: number };
  /** The files being analysed, and the methods their classes define by name (for calls on objects the engine cannot see). */
  private workspaceFiles: readonly string[] = [];
  private methodIndex?: Map<string, Array<{ file: string; cls: string }>>;

  constructor(
    private readonly workspace: Workspace,
    private readonly options: EngineOptions,
  ) {}

  get timedOut(): boolean {
    return this.budgetExceeded;
  }

  /** Every workspace file the analysis read (the files its findings may depend on). */
  loadedFiles(): string[] {
    return [...this.modules.keys()];
  }

  // ------------------------------------------------------------------ modules

  /**
   * Evaluates files in phases so every function is seen in the contexts it is
   * really called from before it is analysed on its own:
   * 1. top levels (registrations evaluate their handlers), then handlers and route exports;
   * 2. functions no name in the workspace calls (true entry points);
   * 3. whatever has still not run (callbacks of unknown libraries, functions whose names collide with other calls).
   */
  analyzeFiles(paths: readonly string[]): void {
    this.workspaceFiles = paths;
    const total = paths.length * 4;
    let done = 0;
    const advance = () => this.options.onProgress?.(++done, total);
    const mods = paths
      .map((p) => {
        const mod = this.withinFileBudget(p, () => this.loadModule(p));
        advance();
        return mod;
      })
      .filter((m): m is ModuleState => !!m);
    // Files that failed to load still count as steps: each phase ends at its share of the total.
    done = paths.length;
    for (const [i, phase] of (["handlers", "roots", "rest"] as const).entries()) {
      for (const mod of mods) {
        this.withinFileBudget(mod.file, () => {
          for (const entry of [...mod.functions]) this.evaluateEntry(mod, entry, phase);
        });
        advance();
      }
      done = paths.length * (i + 2);
    }
    this.rerunStateReaders(mods);
  }

  /**
   * Runs part of one file's evaluation against what is left of that file's
   * budget; nothing more runs for a file once it has been cut short.
   */
  private withinFileBudget<T>(file: string, work: () => T): T | undefined {
    if (this.filesCutShort.has(file) || this.filesFailed.has(file)) return undefined;
    const budget = this.options.fileBudgetMs;
    const started = this.now();
    if (budget !== undefined) this.fileDeadline = { file, at: started + budget - (this.fileSpentMs.get(file) ?? 0) };
    try {
      return work();
    } catch (err) {
      if (err instanceof BudgetExceeded) return undefined;
      // A failure in one file (a construct the engine mishandles) must not cost the other files their findings.
      this.filesFailed.set(file, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      return undefined;
    } finally {
      this.fileDeadline = undefined;
      this.fileSpentMs.set(file, (this.fileSpentMs.get(file) ?? 0) + this.now() - started);
    }
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /**
   * Streamlit scripts read `st.session_state` before the code that fills it runs
   * (the chat history is rendered, then appended to): a second pass sees it filled.
   */
  private rerunStateReaders(mods: readonly ModuleState[]): void {
    if (this.stateReaders.size === 0 || this.streamlitState.size === 0) return;
    const readers = new Set(this.stateReaders);
    for (const mod of mods) {
      this.withinFileBudget(mod.file, () => this.rerunModule(mod, readers));
    }
  }

  private rerunModule(mod: ModuleState, readers: Set<string>): void {
    try {
      if (readers.has(mod.file)) {
        const file = this.workspace.getFile(mod.file);
        if (file) this.execBlock(file.program.body, this.newFrame(mod, undefined, `${mod.file}:module`, mod.scope, { uiDisclosure: this.captionIn(file.program.body, mod.file) }));
      }
      for (const entry of [...mod.functions]) {
        const key = `${mod.file}:${entry.fn.id}`;
        if (!readers.has(key)) continue;
        readers.delete(key);
        this.memo.clear();
        const thisValue = entry.thisValue ?? (entry.fn.isMethod && entry.className ? this.instanceForStandalone(mod, entry.className, entry.scope) : undefined);
        const info = mod.handlers.get(entry.fn.id);
        this.invokeFunction(entry.fn, entry.scope, mod, this.paramValuesFor(mod, entry.fn, info), thisValue, { guard: {}, handler: info, depth: 0, entry: true });
      }
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
    }
  }

  private loadModule(path: string): ModuleState | undefined {
    const existing = this.modules.get(path);
    if (existing) return existing;
    const file = this.workspace.getFile(path);
    if (!file) return undefined;
    const scope = newScope();
    markModuleScope(scope);
    const mod: ModuleState = {
      file: path,
      language: file.language,
      scope,
      exports: new Map(),
      status: "running",
      isServer: this.options.isServerFile(path),
      routeFile: routeFileKind(path),
      starExports: [],
      functions: [],
      handlers: new Map(),
    };
    this.modules.set(path, mod);
    const frame = this.newFrame(mod, undefined, `${path}:module`, scope, { uiDisclosure: this.captionIn(file.program.body, path) });
    try {
      this.execBlock(file.program.body, frame);
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
    }
    if (file.language === "python") {
      for (const [k, v] of scope.vars) if (!mod.exports.has(k)) mod.exports.set(k, v);
    }
    mod.status = "done";
    return mod;
  }

  private moduleExport(mod: ModuleState, name: string, depth = 0): Value | undefined {
    const direct = mod.exports.get(name) ?? (mod.language === "python" ? mod.scope.vars.get(name) : undefined);
    if (direct) return direct;
    if (depth > 8) return undefined;
    for (const target of mod.starExports) {
      const other = this.loadModule(target);
      if (!other) continue;
      const v = this.moduleExport(other, name, depth + 1);
      if (v) return v;
    }
    return undefined;
  }

  private evaluateEntry(mod: ModuleState, entry: ModuleState["functions"][number], phase: "handlers" | "roots" | "rest"): void {
    const { fn } = entry;
    const key = `${mod.file}:${fn.id}`;
    if (this.evaluatedEntries.has(key) || this.invoked.has(key)) return;
    const handler = mod.handlers.get(fn.id);
    const exportedRoute = this.routeExportRole(mod, fn);
    if (phase === "handlers" && !handler && !exportedRoute) return;
    if (phase === "roots" && !handler && !exportedRoute && (!fn.name || this.options.calledNames.has(fn.name))) return;
    this.evaluatedEntries.add(key);
    const info = handler ?? exportedRoute;
    let thisValue = entry.thisValue;
    if (!thisValue && fn.isMethod && entry.className) thisValue = this.instanceForStandalone(mod, entry.className, entry.scope);
    const args = this.paramValuesFor(mod, fn, info);
    try {
      this.invokeFunction(fn, entry.scope, mod, args, thisValue, { guard: {}, handler: info, depth: 0, entry: true });
    } catch (err) {
      if (!(err instanceof BudgetExceeded)) throw err;
    }
  }

  /** Next.js route handlers, page components, serverless handlers: known by their export. */
  private routeExportRole(mod: ModuleState, fn: FunctionDef): HandlerInfo | undefined {
    if (!fn.name && !fn.isDefaultExport) return undefined;
    // Next.js server actions: exported functions of a "use server" module receive form data from the browser.
    if (mod.language !== "python" && fn.exported && this.useServer(mod)) {
      return { registration: { kind: "route", params: ["web.formData"] } };
    }
    if (mod.routeFile === "route" && fn.exported && fn.name && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|fallback)$/.test(fn.name)) {
      // Next.js handlers receive the Request; SvelteKit's `+server` handlers an event holding it.
      return { registration: { kind: "route", params: [isSvelteKitEndpoint(mod.file) ? "web.requestEvent" : "web.request"], returnIsSink: "response" } };
    }
    if (mod.routeFile === "api" && fn.isDefaultExport) return { registration: { kind: "route", params: ["express.req", "express.res"] } };
    if (mod.routeFile === "page" && fn.isDefaultExport) return { registration: { kind: "ui", params: ["next.pageProps"] } };
    // Remix / React Router route modules: `action({ request, params })`, `loader(...)`.
    if (fn.exported && fn.name && /^(action|loader|clientAction|clientLoader)$/.test(fn.name) && mod.language !== "python") return { registration: { kind: "route", params: ["web.requestEvent"], returnIsSink: "response" } };
    // AWS Lambda / serverless handlers: `def handler(event, context)`.
    if (mod.language === "python" && fn.name && fn.params.length === 2 && /^event$/.test(fn.params[0].name ?? "") && /^(context|ctx|_context)$/.test(fn.params[1].name ?? "")) {
      return { registration: { kind: "route", params: ["lambda.event"], returnIsSink: "response" } };
    }
    // JavaScript ones: named so, or typed as an HTTP-triggered handler whatever their name.
    const lambdaTyped = LAMBDA_HTTP_HANDLER_TYPE.test(fn.declaredType ?? "") || LAMBDA_HTTP_EVENT_TYPE.test(fn.params[0]?.typeAnn ?? "");
    if (mod.language !== "python" && (fn.exported || fn.isDefaultExport) && (lambdaTyped || (/^(handler|main)$|Handler$/.test(fn.name ?? "") && /^event$/i.test(fn.params[0]?.name ?? "")))) {
      return { registration: { kind: "route", params: ["lambda.event"], returnIsSink: "response" } };
    }
    return undefined;
  }

  private useServer(mod: ModuleState): boolean {
    const first = this.workspace.getFile(mod.file)?.program.body[0];
    return first?.k === "expr" && first.expr.k === "str" && first.expr.value === "use server";
  }

  private paramValuesFor(mod: ModuleState, fn: FunctionDef, info: HandlerInfo | undefined): Value[] {
    const reg = info?.registration;
    // `self` / `cls` of a Python method are bound by the call, not passed.
    const params = mod.language === "python" && fn.isMethod && (fn.params[0]?.name === "self" || fn.params[0]?.name === "cls") ? fn.params.slice(1) : fn.params;
    // A function typed as a framework callback (`const routes: FastifyPluginAsync = async (app) => ...`) gets its parameters' roles.
    const typed = fn.declaredType ? DECLARED_TYPE_PARAM_ROLES[fn.declaredType.replace(/<.*$/s, "")] : undefined;
    return params.map((p, i) => {
      const byName = p.name ? reg?.paramsByName?.[p.name] : undefined;
      const role = byName ?? reg?.params?.[i] ?? typed?.[i];
      if (role) return this.roleValue(role);
      // Slash-command options after the interaction: what the user typed.
      if (reg?.restAreInput) return this.requestValue(mod, fn, p.name ?? `arg${i}`, p.span);
      if (reg && (reg.kind === "ui" || reg.kind === "bot") && !reg.params && !reg.paramsByName) {
        // Gradio inputs, chat-UI messages: what the user typed.
        return this.requestValue(mod, fn, p.name ?? `arg${i}`, p.span);
      }
      return this.paramValue(mod, fn, p, reg);
    });
  }

  /** A parameter of a function analysed on its own: unknown data, typed by its annotation when it names an SDK or a request model. */
  private paramValue(mod: ModuleState, fn: FunctionDef, p: Param, reg: Registration | undefined): Value {
    const loc = this.locOf(mod.file, p.span);
    // An injected dependency holds what its provider gives, whatever the annotation says.
    const injected = p.default ? this.dependencyValue(p.default, this.newFrame(mod, fn, `${mod.file}:${fn.id}`, newScope(this.moduleFor(mod.file).scope))) : undefined;
    if (injected) return injected;
    // NestJS-style parameter decorators say where the value comes from.
    for (const d of p.decorators ?? []) {
      if (/^(Body|Query|Param|Params|Headers|UploadedFile|UploadedFiles|MessageBody|Payload|Args)$/.test(d)) return this.requestValue(mod, fn, p.name ?? d.toLowerCase(), p.span);
      if (/^(Req|Request)$/.test(d)) return this.roleValue("express.req");
      if (/^(Res|Response)$/.test(d)) return this.roleValue("express.res");
    }
    if (p.typeAnn) {
      const typed = this.valueForType(mod, p.typeAnn, loc, reg, fn, p);
      if (typed) return typed;
    }
    if (reg?.kind === "route" && mod.language === "python") {
      // Django views and other function views: the first parameter called `request` is the request.
      if (p.name === "request" || p.name === "req") return this.roleValue("django.request");
    }
    if (mod.language !== "python" && (p.name === "req" || p.name === "request") && mod.isServer && !reg) {
      return this.roleValue(p.name === "req" ? "express.req" : "web.request");
    }
    if (mod.language === "python" && (p.name === "request") && mod.isServer && !reg && this.fileImports(mod, /^django|^rest_framework/)) {
      return this.roleValue("django.request");
    }
    const v = new Value([this.origin(`${mod.file}:${fn.id}|${p.name ?? "arg"}`, loc)]);
    v.loc = loc;
    if (p.name) this.markRecord(v, p.name, loc);
    if (p.pattern.k !== "name") return v;
    return v;
  }

  private fileImports(mod: ModuleState, re: RegExp): boolean {
    const file = this.workspace.getFile(mod.file);
    return !!file?.program.body.some((s) => s.k === "import" && re.test(s.imp.module));
  }

  /** Values for a type annotation: SDK clients (`client: OpenAI`), request bodies (pydantic models in a route), person records. */
  private valueForType(mod: ModuleState, typeAnn: string, loc: Loc, reg: Registration | undefined, fn: FunctionDef, p: Param): Value | undefined {
    const names = typeAnn.match(/[A-Za-z_$][\w$.]*/g) ?? [];
    for (const name of names) {
      if (/^(Optional|Union|None|null|undefined|list|List|dict|Dict|str|string|int|number|float|bool|boolean|Any|any|Promise|Annotated|Depends|typing)$/.test(name)) continue;
      const root = name.split(".")[0];
      const bound = lookup(mod.scope, root);
      if (!bound) continue;
      const resolved = name.includes(".") ? name.split(".").slice(1).reduce<Value>((acc, seg) => this.member(acc, seg, undefined, undefined), bound) : bound;
      if (resolved.ref?.k === "framework" && ROLES[resolved.ref.role]?.recordSinks) return this.roleValue(resolved.ref.role);
      if (resolved.ref?.k === "module") {
        const full = this.fullName(resolved.ref);
        // Framework types: `interaction: discord.Interaction`, `res: NextApiResponse`, FastAPI's `response: Response`.
        const typeRole = TYPE_ROLES[full];
        if (typeRole) return this.roleValue(typeRole);
        const sdk = findSdkEntry(full);
        if (sdk?.kind === "client" && sdk.type) return Value.of({ k: "sdk", provider: sdk.provider, type: sdk.type, loc });
        // Two checks, not `/langchain.*(...)$/`: that one is quadratic on long names.
        if (full.includes("langchain") && /(BaseChatModel|BaseLanguageModel|BaseLLM|Runnable)$/.test(full)) return Value.of({ k: "sdk", provider: "langchain", type: "langchain.model", loc });
        if (/(^|\.|#)(Request|NextRequest)$/.test(full) && /fastapi|starlette|next|undici|express|@sveltejs|node-fetch/.test(full)) return this.roleValue(/fastapi|starlette/.test(full) ? "starlette.request" : "web.request");
        if (/(^|\.|#)(HttpRequest)$/.test(full)) return this.roleValue("django.request");
      }
      if (resolved.ref?.k === "class") {
        const cls = resolved.ref.cls;
        // A pydantic / dataclass body parameter of a route is the request body (also through workspace subclasses).
        if (reg?.kind === "route" && mod.language === "python" && this.isRequestModelClass(cls, resolved.ref.scope, 0)) {
          return this.requestValue(mod, fn, p.name ?? "body", p.span);
        }
        const v = new Value([this.origin(`${mod.file}:${fn.id}|${p.name ?? "arg"}`, loc)]);
        const rec = this.recordClass(mod, cls);
        if (rec) v.record = { ...rec, loc };
        else if (p.name) this.markRecord(v, p.name, loc);
        return v;
      }
    }
    // Type names that are not bound here (interfaces, imported types): a person type makes a record.
    const file = this.workspace.getFile(mod.file);
    for (const name of names) {
      const decl = file?.program.types.find((t) => t.name === name);
      const rec = personRecordWord(name) ?? (decl && decl.fields.filter((f) => personalDataCategory(f.name, true)).length >= 2 ? { word: name, health: false } : undefined);
      if (rec) {
        const v = new Value([this.origin(`${mod.file}:${fn.id}|${p.name ?? "arg"}`, loc)]);
        v.record = { ...rec, loc };
        return v;
      }
    }
    return undefined;
  }

  /** A pydantic model, marshmallow schema or TypedDict, directly or through workspace base classes. */
  private isRequestModelClass(cls: ClassDef, scope: Scope, depth: number): boolean {
    if (depth > 6) return false;
    return cls.bases.some((b) => {
      if (/BaseModel|Schema|TypedDict/.test(exprText(b))) return true;
      const base = b.k === "name" ? lookup(scope, b.name) : undefined;
      return base?.ref?.k === "class" && this.isRequestModelClass(base.ref.cls, base.ref.scope, depth + 1);
    });
  }

  /** A class whose fields are a person's details is a person record type. */
  private recordClass(mod: ModuleState, cls: ClassDef): { word: string; health: boolean } | undefined {
    const key = `${mod.file}:${cls.id}`;
    const hit = this.recordClassCache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let result = cls.name ? personRecordWord(cls.name) : undefined;
    if (!result) {
      const personal = cls.fields.filter((f) => personalDataCategory(f.name, true)).length;
      if (personal >= 2) result = { word: cls.name ?? "record", health: cls.fields.some((f) => /medical|diagnosis|symptom|medication|allerg/.test(f.name)) };
    }
    this.recordClassCache.set(key, result ?? null);
    return result;
  }

  private instanceForStandalone(mod: ModuleState, className: string, scope: Scope): Value | undefined {
    const cls = lookup(scope, className) ?? lookup(mod.scope, className);
    if (cls?.ref?.k !== "class") return undefined;
    return this.instantiate(cls.ref.cls, cls.ref.scope, this.moduleFor(cls.ref.module.file), undefined, { guard: {}, depth: 1 }, undefined);
  }

  private moduleFor(file: string): ModuleState {
    return this.modules.get(file) ?? this.loadModule(file)!;
  }

  // ------------------------------------------------------------------ frames and values

  private newFrame(mod: ModuleState, fn: FunctionDef | undefined, fnKey: string, scope: Scope, init: Partial<Frame> = {}): Frame {
    return {
      module: mod,
      fn,
      fnKey,
      scope,
      guard: init.guard ?? {},
      handler: init.handler,
      returns: [],
      yields: [],
      thisValue: init.thisValue,
      depth: init.depth ?? 0,
      uiDisclosure: init.uiDisclosure,
      tags: init.tags,
      userData: false,
      branch: "0",
    };
  }

  private locOf(file: string, span: Span): Loc {
    return { file, start: span.start, end: span.end };
  }

  private loc(frame: Frame, span: Span): Loc {
    return { file: frame.module.file, start: span.start, end: span.end };
  }

  private origin(key: string, loc: Loc): OriginLabel {
    let o = this.origins.get(key);
    if (!o) {
      o = { kind: "origin", id: newLabelId(), key, loc };
      this.origins.set(key, o);
    }
    return o;
  }

  private childOrigin(parent: OriginLabel, prop: string): OriginLabel {
    let children = this.memberOrigins.get(parent);
    if (!children) this.memberOrigins.set(parent, (children = new Map()));
    let o = children.get(prop);
    if (!o) {
      o = { kind: "origin", id: newLabelId(), key: `${parent.key}.${prop}`, loc: parent.loc };
      children.set(prop, o);
    }
    return o;
  }

  private roleValue(role: string, state?: Value, extra: { module?: { module: string; path: readonly string[]; py?: boolean }; owner?: Value } = {}): Value {
    return Value.of({ k: "framework", role, state, ...extra });
  }

  /** Arguments kept as an object's data: keywords as properties, positionals as elements. */
  private argsState(args: Args): Value {
    const state = new Value(carry(args.all).labels);
    state.props = new Map(args.named);
    if (args.positional[0]?.props) for (const [k, v] of args.positional[0].props) if (!state.props.has(k)) state.props.set(k, v);
    state.elems = [...args.positional];
    return state;
  }

  /** What a user typed, arriving as a parameter (Gradio inputs, chat-UI messages). */
  private requestValue(mod: ModuleState, fn: FunctionDef | undefined, name: string, span: Span): Value {
    const loc = this.locOf(mod.file, span);
    const v = new Value([{ kind: "request", id: newLabelId(), loc, what: name }, this.origin(`${mod.file}:${fn?.id ?? "module"}|${name}`, loc)]);
    v.loc = loc;
    return v;
  }

  private markRecord(v: Value, name: string, loc: Loc): void {
    if (v.str !== undefined || v.constant !== undefined || v.ref) return;
    const rec = personRecordWord(name);
    if (rec) v.record = { ...rec, loc };
  }

  private checkBudget(): void {
    if (this.options.deadline === undefined && this.fileDeadline === undefined) return;
    const now = this.now();
    if (this.options.deadline !== undefined && now > this.options.deadline) {
      this.budgetExceeded = true;
      throw new BudgetExceeded();
    }
    if (this.fileDeadline !== undefined && now > this.fileDeadline.at) {
      this.filesCutShort.add(this.fileDeadline.file);
      throw new BudgetExceeded();
    }
  }

  // ------------------------------------------------------------------ statements

  private execBlock(stmts: readonly Stmt[], frame: Frame): Completion {
    for (const stmt of stmts) {
      const c = this.exec(stmt, frame);
      // Nothing after an unconditional return/raise/throw is reported (resolved question 20).
      if (c !== "normal") return c;
    }
    return "normal";
  }

  private exec(stmt: Stmt, frame: Frame): Completion {
    if (stmt.k !== "block" && stmt.k !== "func" && stmt.k !== "class") frame.stmt = stmt.span;
    switch (stmt.k) {
      case "expr": {
        const e = stmt.expr;
        const v = this.eval(e, frame);
        if (e.k === "call" || (e.k === "await" && e.expr.k === "call")) {
          const call = e.k === "call" ? e : (e.expr as CallExpr);
          if (this.isTerminatingCall(call, frame)) return "throw";
        }
        void v;
        return "normal";
      }
      case "assign": {
        if (stmt.value === undefined) {
          for (const t of stmt.targets) if (t.k === "name" && !lookup(frame.scope, t.name)) frame.scope.vars.set(t.name, new Value());
          return "normal";
        }
        let value = this.eval(stmt.value, frame);
        if (stmt.typeAnn && value.isEmpty()) {
          const typed = this.typedLocal(frame, stmt.typeAnn, stmt.span);
          if (typed) value = typed;
        }
        for (const target of stmt.targets) {
          if (stmt.op) {
            const old = this.readPattern(target, frame);
            this.bind(target, this.augment(old, value, stmt.op), frame, stmt.span);
          } else this.bind(target, value, frame, stmt.span);
        }
        if (stmt.exported) {
          for (const t of stmt.targets) if (t.k === "name") frame.module.exports.set(t.name, lookup(frame.scope, t.name) ?? value);
        }
        return "normal";
      }
      case "return": {
        const value = stmt.value ? this.eval(stmt.value, frame) : undefined;
        if (value) {
          frame.returns.push(value);
          const sink = frame.handler?.registration.returnIsSink;
          if (sink && !value.delivered) this.userSink(frame, stmt.span, sink, "return", [value], this.returnDisclosure(value, frame), [stmt.value!]);
        }
        return "return";
      }
      case "throw":
        if (stmt.value) this.eval(stmt.value, frame);
        return "throw";
      case "if":
        return this.execIf(stmt, frame);
      case "loop": {
        const iter = stmt.iter ? this.eval(stmt.iter, frame) : undefined;
        if (stmt.test) this.eval(stmt.test, frame);
        const before = frame.scope;
        const body = forkScope(before);
        frame.scope = body;
        if (stmt.target && iter) this.bind(stmt.target, this.elementOf(iter), frame, stmt.span);
        const c = this.execBlock(stmt.body, frame);
        frame.scope = before;
        joinScopes(before, c === "return" || c === "throw" ? [] : [body]);
        if (stmt.orelse.length) this.execBlock(stmt.orelse, frame);
        return "normal";
      }
      case "with": {
        const saved = frame.uiDisclosure;
        for (const item of stmt.items) {
          const v = this.eval(item.value, frame);
          if (item.value.k === "call" && this.isUiBlockWithLabel(item.value, v, frame)) frame.uiDisclosure = this.loc(frame, item.value.span);
          if (item.target) this.bind(item.target, v, frame, stmt.span);
        }
        const c = this.execBlock(stmt.body, frame);
        frame.uiDisclosure = saved;
        return c;
      }
      case "try": {
        // The body and each handler are branches: after the statement a name holds what any of them
        // that fell through assigned (`answer = ask(...)` in the body, a fallback text in `except`).
        const before = frame.scope;
        const bodyScope = forkScope(before);
        frame.scope = bodyScope;
        let c = this.execBlock(stmt.body, frame);
        if (c === "normal" && stmt.orelse.length) c = this.execBlock(stmt.orelse, frame);
        frame.scope = before;
        const branches: Scope[] = c === "normal" ? [bodyScope] : [];
        for (const h of stmt.handlers) {
          const s = forkScope(bodyScope);
          frame.scope = s;
          if (h.param) this.bind(h.param, new Value(), frame, stmt.span);
          const hc = this.execBlock(h.body, frame);
          frame.scope = before;
          if (hc === "normal") branches.push(s);
        }
        joinScopes(before, branches);
        if (stmt.finally.length) this.execBlock(stmt.finally, frame);
        return c === "normal" || stmt.handlers.length ? "normal" : c;
      }
      case "func":
        this.defineFunction(stmt.fn, frame);
        return "normal";
      case "class":
        this.defineClass(stmt.cls, frame);
        return "normal";
      case "import":
        this.execImport(stmt.imp, frame, stmt.span);
        return "normal";
      case "exportDefault": {
        const v = this.eval(stmt.expr, frame);
        frame.module.exports.set("default", v);
        if (stmt.expr.k === "object") this.registerDefaultExportObject(v, frame);
        return "normal";
      }
      case "exportNames": {
        if (stmt.from) {
          const target = this.workspace.resolve(frame.module.file, stmt.from, frame.module.language);
          for (const { local, exported } of stmt.names) {
            if (target) {
              const other = this.loadModule(target);
              const v = other ? this.moduleExport(other, local) : undefined;
              if (v) frame.module.exports.set(exported, v);
            } else frame.module.exports.set(exported, this.externalModule(stmt.from, [local], false));
          }
        } else {
          for (const { local, exported } of stmt.names) {
            const v = lookup(frame.scope, local);
            if (v) frame.module.exports.set(exported, v);
            const def = frame.module.functions.find((f) => f.fn.name === local);
            if (def) def.fn.exported = true;
          }
        }
        return "normal";
      }
      case "exportAll": {
        const target = this.workspace.resolve(frame.module.file, stmt.from, frame.module.language);
        if (target) {
          if (stmt.as) {
            const other = this.loadModule(target);
            if (other) frame.module.exports.set(stmt.as, Value.of({ k: "module", module: target, path: [], local: true }));
          } else frame.module.starExports.push(target);
        }
        return "normal";
      }
      case "switch": {
        this.eval(stmt.disc, frame);
        const before = frame.scope;
        const branches: Scope[] = [];
        const savedBranch = frame.branch;
        for (const c of stmt.cases) {
          if (c.test) this.eval(c.test, frame);
          const s = forkScope(before);
          frame.scope = s;
          frame.branch = `${savedBranch}.${++this.branchCounter}`;
          const cc = this.execBlock(c.body, frame);
          frame.scope = before;
          if (cc === "normal" || cc === "break") branches.push(s);
        }
        frame.branch = savedBranch;
        joinScopes(before, branches);
        return "normal";
      }
      case "block":
        return this.execBlock(stmt.body, frame);
      case "jump":
        return stmt.kind;
      default:
        return "normal";
    }
  }

  private typedLocal(frame: Frame, typeAnn: string, span: Span): Value | undefined {
    const v = this.valueForType(frame.module, typeAnn, this.loc(frame, span), undefined, frame.fn ?? syntheticFn, { pattern: { k: "ignore", span }, kind: "normal", span, name: "value" });
    return v?.ref ? v : undefined;
  }

  private execIf(stmt: Extract<Stmt, { k: "if" }>, frame: Frame): Completion {
    this.eval(stmt.test, frame);
    const polarity = this.consentPolarity(stmt.test, frame);
    const testLoc = this.loc(frame, stmt.test.span);
    const before = frame.scope;
    const savedGuard = frame.guard;

    const savedHeader = frame.responseDisclosure;
    const savedBranch = frame.branch;
    const thenScope = forkScope(before);
    frame.scope = thenScope;
    frame.branch = `${savedBranch}.${++this.branchCounter}`;
    if (polarity === "pos") frame.guard = { ...savedGuard, consent: testLoc };
    const thenC = this.execBlock(stmt.then, frame);
    frame.guard = savedGuard;
    const thenHeader = frame.responseDisclosure;
    frame.responseDisclosure = savedHeader;

    const elseScope = forkScope(before);
    frame.scope = elseScope;
    frame.branch = `${savedBranch}.${++this.branchCounter}`;
    if (polarity === "neg") frame.guard = { ...savedGuard, consent: testLoc };
    const elseC = this.execBlock(stmt.else, frame);
    frame.branch = savedBranch;
    frame.guard = savedGuard;
    frame.scope = before;
    const elseHeader = frame.responseDisclosure;

    const thenAbrupt = thenC === "return" || thenC === "throw";
    const elseAbrupt = elseC === "return" || elseC === "throw";
    // A disclosure header set in one branch holds afterwards only if every branch that falls through set it.
    if (!thenAbrupt && !elseAbrupt) frame.responseDisclosure = thenHeader && elseHeader ? thenHeader : savedHeader;
    else if (!thenAbrupt) frame.responseDisclosure = thenHeader;
    else if (!elseAbrupt) frame.responseDisclosure = elseHeader;
    else frame.responseDisclosure = savedHeader;
    const fall: Scope[] = [];
    if (!thenAbrupt) fall.push(thenScope);
    if (!elseAbrupt) fall.push(elseScope);
    joinScopes(before, fall);
    // An early exit when consent is missing guards everything after it.
    if (thenAbrupt && !elseAbrupt && polarity === "neg") frame.guard = { ...savedGuard, consent: testLoc };
    if (elseAbrupt && !thenAbrupt && polarity === "pos") frame.guard = { ...savedGuard, consent: testLoc };
    if (thenAbrupt && elseAbrupt) return thenC === "return" || elseC === "return" ? "return" : "throw";
    return "normal";
  }

  /** "pos" when the test holds only with consent, "neg" when it holds only without. */
  private consentPolarity(test: Expr, frame: Frame): "pos" | "neg" | undefined {
    const extra = this.options.vocabulary.consent;
    switch (test.k) {
      case "unary":
        if (test.op === "not") {
          const inner = this.consentPolarity(test.operand, frame);
          return inner === "pos" ? "neg" : inner === "neg" ? "pos" : undefined;
        }
        return undefined;
      case "logical": {
        const l = this.consentPolarity(test.left, frame);
        const r = this.consentPolarity(test.right, frame);
        if (test.op === "and") return l === "pos" || r === "pos" ? "pos" : undefined;
        if (test.op === "or") return l === "neg" || r === "neg" ? "neg" : undefined;
        return undefined;
      }
      case "compare": {
        const side = this.consentPolarity(test.left, frame) ?? this.consentPolarity(test.right, frame);
        if (!side) return undefined;
        const other = this.consentPolarity(test.left, frame) ? test.right : test.left;
        const negative = other.k === "const" && (other.value === false || other.value === null || other.value === undefined) || (other.k === "str" && /^(denied|no|false|off|declined|revoked|withdrawn)$/i.test(other.value));
        const positive = other.k === "const" && other.value === true || other.k === "str" && GRANTED_CONSTANTS.has(other.value.toLowerCase());
        const eq = /^(==|===|is)$/.test(test.op);
        const ne = /^(!=|!==|is not)$/.test(test.op);
        if ((eq && positive) || (ne && negative)) return side;
        if ((eq && negative) || (ne && positive)) return side === "pos" ? "neg" : "pos";
        return undefined;
      }
      case "await":
        return this.consentPolarity(test.expr, frame);
      case "name":
        return isConsentName(test.name, extra, false) ? "pos" : undefined;
      case "member":
        if (isConsentName(test.prop, extra, false)) return "pos";
        // A field of a consent object: `learner.consents.logging`, `prefs["consent"].analytics`.
        return this.isConsentObject(test.object, 0) && !/^(at|date|time|timestamp|ts|version|id|updated|updatedAt|updated_at|purpose|source|length|size|required|needed|pending|missing|text|notice|url|banner|shown)$/.test(test.prop) ? "pos" : undefined;
      case "index":
        return test.index.k === "str" && isConsentName(test.index.value, extra, false) ? "pos" : undefined;
      case "call": {
        const name = calleeName(test.callee);
        if (name && isConsentName(name, extra, false)) return "pos";
        // SQLAlchemy comparisons: `X.consent.is_(True)`, `X.consent.is_(False)`.
        if (test.callee.k === "member" && /^(is_|isnot|is_not|__eq__|__ne__)$/.test(test.callee.prop)) {
          const inner = this.consentPolarity(test.callee.object, frame);
          const arg = test.args[0]?.value;
          const falsy = arg?.k === "const" && (arg.value === false || arg.value === null);
          const negate = /^(isnot|is_not|__ne__)$/.test(test.callee.prop) !== falsy;
          return inner && negate ? (inner === "pos" ? "neg" : "pos") : inner;
        }
        // `user.get("consent")`, `consents.includes("logging")`
        if (test.callee.k === "member" && test.args.some((a) => a.value.k === "str" && isConsentName(a.value.value, extra, false))) return "pos";
        if (test.callee.k === "member") return this.consentPolarity(test.callee.object, frame);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** An expression naming a consent object (`learner.consents`, `settings["consent"]`). */
  private isConsentObject(e: Expr, depth: number): boolean {
    if (depth > 3) return false;
    const extra = this.options.vocabulary.consent;
    if (e.k === "name") return isConsentName(e.name, extra, false);
    if (e.k === "member") return isConsentName(e.prop, extra, false);
    if (e.k === "index") return e.index.k === "str" && isConsentName(e.index.value, extra, false);
    return false;
  }

  private isTerminatingCall(call: CallExpr, frame: Frame): boolean {
    const name = calleeName(call.callee);
    if (!name) return false;
    if (TERMINATING_CALLS.has(name)) return true;
    const full = this.fullNameOfExpr(call.callee, frame);
    return !!full && TERMINATING_CALLS.has(full);
  }

  private fullNameOfExpr(e: Expr, frame: Frame): string | undefined {
    const v = e.k === "name" ? lookup(frame.scope, e.name) : undefined;
    if (v?.ref?.k === "module") return this.fullName(v.ref);
    return undefined;
  }

  /** The catalogue tag of a callee that the table names (a tracing decorator, a client wrapper), if any. */
  private tagOfCallee(callee: Expr, frame: Frame, table: typeof CLIENT_WRAPPERS, span: Span): Tag | undefined {
    const v = callee.k === "name" ? lookup(frame.scope, callee.name) : callee.k === "member" ? this.eval(callee, frame) : undefined;
    const full = v?.ref?.k === "module" ? this.fullName(v.ref) : undefined;
    const spec = full ? wrapperFor(full, table) : undefined;
    return spec?.tag ? { name: spec.tag, loc: this.loc(frame, span) } : undefined;
  }

  // ------------------------------------------------------------------ definitions and imports

  private defineFunction(fn: FunctionDef, frame: Frame, className?: string): Value {
    const value = Value.of({ k: "function", fn, scope: frame.scope, module: frame.module });
    frame.module.functions.push({ fn, scope: frame.scope, className });
    if (fn.name && !className) frame.scope.vars.set(fn.name, value);
    if (fn.exported && fn.name) frame.module.exports.set(fn.name, value);
    if (fn.isDefaultExport) frame.module.exports.set("default", value);
    // Decorators: route registrations (`@app.post(...)`), consent decorators, framework handlers.
    for (const d of fn.decorators) {
      const dv = this.eval(d, frame);
      const name = calleeName(d.k === "call" ? d.callee : d) ?? "";
      const tracing = this.tagOfCallee(d.k === "call" ? d.callee : d, frame, TRACING_DECORATORS, d.span);
      if (tracing) this.functionTags.set(`${frame.module.file}:${fn.id}`, mergeTags(this.functionTags.get(`${frame.module.file}:${fn.id}`), [tracing])!);
      const info = this.registrationFromDecorator(d, dv, frame);
      if (info) {
        const existing = frame.module.handlers.get(fn.id);
        frame.module.handlers.set(fn.id, { registration: info.registration, consent: existing?.consent ?? info.consent, router: info.router });
        // A consent hook on a router (`@bp.before_request def require_consent(): ...`) guards all its routes.
        if (info.registration.kind === "middleware" && fn.name && isConsentGuardName(fn.name, this.options.vocabulary.consent) && info.router?.ref?.k === "framework") {
          info.router.ref.consent = this.loc(frame, fn.nameSpan ?? fn.span);
        }
      }
      if (this.consentDecorator(d, frame)) {
        const existing = frame.module.handlers.get(fn.id);
        frame.module.handlers.set(fn.id, { registration: existing?.registration ?? { kind: "route", returnIsSink: frame.module.isServer ? "response" : undefined }, consent: this.loc(frame, d.span) });
      } else if (!frame.module.handlers.has(fn.id) && /^(require_POST|require_GET|require_http_methods|require_safe|api_view|csrf_exempt|login_required|permission_required)$/.test(name) && frame.module.language === "python") {
        frame.module.handlers.set(fn.id, { registration: { kind: "route", returnIsSink: "response" } });
      }
    }
    // FastAPI dependencies that require consent: a parameter `= Depends(require_consent)`, or the
    // route decorator's `dependencies=[Depends(require_consent)]`.
    const guards = [...fn.params.map((p) => p.default), ...fn.decorators.flatMap((d) => (d.k === "call" ? this.dependencyList(d.args) : []))];
    for (const dep of guards) {
      if (!dep || !this.isConsentDependency(dep)) continue;
      const existing = frame.module.handlers.get(fn.id);
      frame.module.handlers.set(fn.id, { registration: existing?.registration ?? { kind: "route", returnIsSink: "response" }, consent: this.loc(frame, dep.span) });
    }
    return value;
  }

  /**
   * FastAPI `Depends(get_client)` / `Security(...)` as a parameter default: the parameter holds what
   * the dependency returns, or yields (resolved question 22: injected clients and services).
   */
  private dependencyValue(e: Expr, frame: Frame): Value | undefined {
    if (e.k !== "call" || !/^(Depends|Security)$/.test(calleeName(e.callee) ?? "") || !e.args[0]) return undefined;
    const dep = this.eval(e.args[0].value, frame).ref;
    if (dep?.k !== "function") return undefined;
    const ret = this.callFunction(dep.fn, dep.scope, this.moduleFor(dep.module.file), { positional: [], named: new Map(), exprs: [], all: [] }, dep.boundThis, frame, undefined, dep.tags);
    const value = dep.fn.isGenerator ? ret.elems?.[0] ?? ret : ret;
    return value.isEmpty() && value.str === undefined ? undefined : value;
  }

  /** The elements of a `dependencies=[...]` argument (FastAPI routes and routers). */
  private dependencyList(args: readonly Arg[]): Expr[] {
    const deps = args.find((a) => a.name === "dependencies")?.value;
    return deps?.k === "array" ? deps.elements : [];
  }

  /** `Depends(require_consent)`: a FastAPI dependency whose name says it requires consent. */
  private isConsentDependency(e: Expr): boolean {
    if (e.k !== "call" || calleeName(e.callee) !== "Depends") return false;
    const dep = e.args[0]?.value;
    const depName = dep ? (calleeName(dep.k === "call" ? dep.callee : dep) ?? exprText(dep)) : "";
    return !!depName && isConsentGuardName(depName, this.options.vocabulary.consent);
  }

  /** Whether a middleware, guard or decorator expression (`requireConsent`, `consent_required(...)`) is named as a consent guard. */
  private namesConsentGuard(e: Expr): boolean {
    const name = calleeName(e.k === "call" ? e.callee : e);
    return !!name && isConsentGuardName(name, this.options.vocabulary.consent);
  }

  /** A decorator that requires consent: its own name says so (`@consent_required`), or it applies a guard that does (NestJS `@UseGuards(AuthGuard, ConsentGuard)`). */
  private consentDecorator(d: Expr, frame: Frame): Loc | undefined {
    if (this.namesConsentGuard(d)) return this.loc(frame, d.span);
    if (d.k === "call" && calleeName(d.callee) === "UseGuards" && d.args.some((a) => this.namesConsentGuard(a.value))) return this.loc(frame, d.span);
    return undefined;
  }

  private registrationFromDecorator(d: Expr, dv: Value, frame: Frame): HandlerInfo | undefined {
    // `@app.post("/x")` evaluates to a registration marker; `@bot.event` is the method itself.
    if (dv.ref?.k === "framework" && dv.ref.role === "$registration" && dv.ref.state?.ref?.k === "framework") {
      return (dv.ref.state as Value & { registration?: HandlerInfo }).registration;
    }
    const reg = (dv as Value & { registration?: HandlerInfo }).registration;
    if (reg) return reg;
    if (d.k === "member") {
      const recv = this.eval(d.object, frame);
      if (recv.ref?.k === "framework") {
        const spec = ROLES[recv.ref.role];
        const r = spec?.registers?.[d.prop];
        if (r) return { registration: r, router: recv };
      }
    }
    return undefined;
  }

  private defineClass(cls: ClassDef, frame: Frame): Value {
    const value = Value.of({ k: "class", cls, scope: frame.scope, module: frame.module });
    if (cls.name) frame.scope.vars.set(cls.name, value);
    if (cls.exported && cls.name) frame.module.exports.set(cls.name, value);
    for (const d of cls.decorators) this.eval(d, frame);
    for (const b of cls.bases) this.eval(b, frame);
    const classScope = newScope(frame.scope);
    for (const stmt of cls.body) {
      if (stmt.k === "func") {
        const fv = Value.of({ k: "function", fn: stmt.fn, scope: frame.scope, module: frame.module });
        classScope.vars.set(stmt.fn.name ?? "", fv);
        frame.module.functions.push({ fn: stmt.fn, scope: frame.scope, className: cls.name });
        // A consent guard on the method or on the whole class (`@UseGuards(ConsentGuard)`), whatever the decorators' order.
        const methodGuard = stmt.fn.decorators.map((d) => this.consentDecorator(d, frame)).find((l) => l);
        const guard = methodGuard ?? cls.decorators.map((d) => this.consentDecorator(d, frame)).find((l) => l);
        for (const d of stmt.fn.decorators) {
          const name = calleeName(d.k === "call" ? d.callee : d) ?? "";
          // Framework registrations on methods: `@app_commands.command(...)` in a discord.py cog.
          const info = d.k === "call" || d.k === "member" ? this.registrationFromDecorator(d, this.eval(d, frame), frame) : undefined;
          const existing = frame.module.handlers.get(stmt.fn.id);
          if (info) frame.module.handlers.set(stmt.fn.id, { registration: info.registration, consent: existing?.consent ?? info.consent ?? guard, router: info.router });
          else if (/^(Get|Post|Put|Patch|Delete|All)$/.test(name)) frame.module.handlers.set(stmt.fn.id, { registration: { kind: "route", returnIsSink: "response" }, consent: guard });
        }
        // A guard on the method makes it a handler; one on the class guards the handlers it has.
        const handler = frame.module.handlers.get(stmt.fn.id);
        if (methodGuard || (guard && handler)) frame.module.handlers.set(stmt.fn.id, { ...handler, registration: handler?.registration ?? { kind: "route", returnIsSink: "response" }, consent: guard });
        // Django Channels consumers: `receive(text_data)` / `receive_json(content)` get what the client sent.
        if (frame.module.language === "python" && isChannelsConsumer(cls) && /^(receive|receive_json|websocket_receive)$/.test(stmt.fn.name ?? "") && !frame.module.handlers.has(stmt.fn.id)) {
          frame.module.handlers.set(stmt.fn.id, { registration: { kind: "bot", restAreInput: true } });
        }
        // Django class-based views, DRF APIViews and ViewSets: methods taking `request` handle requests.
        const viewClass = cls.bases.some((b) => /(View|ViewSet|APIView|Resource|Handler|Endpoint|Mixin)$/.test(exprText(b)));
        if (frame.module.language === "python" && stmt.fn.params[1]?.name === "request" && (viewClass || /^(get|post|put|patch|delete)$/.test(stmt.fn.name ?? "")) && !frame.module.handlers.has(stmt.fn.id)) {
          frame.module.handlers.set(stmt.fn.id, { registration: { kind: "route", params: ["django.request"], returnIsSink: "response" } });
        }
      }
    }
    return value;
  }

  private execImport(imp: { module: string; names: Array<{ imported: string; local: string }>; bindsRoot?: boolean }, frame: Frame, span?: Span): void {
    const mod = frame.module;
    const target = this.workspace.resolve(mod.file, imp.module, mod.language);
    for (const { imported, local } of imp.names) {
      if (local === "*") {
        // `from x import *`: bind what the module exports.
        if (target) {
          const other = this.loadModule(target);
          if (other) for (const [k, v] of other.exports) frame.scope.vars.set(k, v);
        }
        continue;
      }
      let value: Value;
      if (target) {
        const other = this.loadModule(target);
        if (imported === "*") value = Value.of({ k: "module", module: target, path: [], local: true });
        else {
          // Python `from pkg import submodule` names a module file first.
          const sub = mod.language === "python" ? this.workspace.resolve(mod.file, `${imp.module}${imp.module.endsWith(".") ? "" : "."}${imported}`, mod.language) : undefined;
          if (sub && sub !== target) value = Value.of({ k: "module", module: sub, path: [], local: true });
          else value = (other && (imported === "default" && other.language === "python" ? undefined : this.moduleExport(other, imported))) ?? new Value();
        }
      } else {
        if (mod.language === "python" && imported === "*" && imp.bindsRoot) {
          value = this.externalModule(imp.module.split(".")[0], [], true);
        } else if (mod.language === "python" && imported !== "*") {
          const sub = this.workspace.resolve(mod.file, `${imp.module}.${imported}`, mod.language);
          value = sub ? Value.of({ k: "module", module: sub, path: [], local: true }) : this.externalModule(imp.module, [imported], true, span, mod.file);
        } else value = this.externalModule(imp.module, imported === "*" || imported === "default" ? [] : [imported], mod.language === "python", span, mod.file);
      }
      frame.scope.vars.set(local, value);
    }
  }

  /** An imported external name: a framework object when the catalogue gives it a role, else a module path. */
  private externalModule(module: string, path: string[], py: boolean, importSpan?: Span, file?: string): Value {
    // A drop-in module that stands for an SDK (`from langfuse.openai import OpenAI`): the SDK, tagged.
    const dropIn = dropInFor(module);
    if (dropIn) {
      const tag: Tag = { name: dropIn.tag, loc: { file: file ?? "", start: importSpan?.start ?? 0, end: importSpan?.end ?? 0 } };
      const inner = this.externalModule(dropIn.sdk, path[0] === dropIn.selfName ? path.slice(1) : path, py);
      if (inner.ref?.k === "sdk" || inner.ref?.k === "module") return Value.of({ ...inner.ref, tags: mergeTags(inner.ref.tags, [tag]) } as Ref);
      return inner;
    }
    const ref: Extract<Ref, { k: "module" }> = { k: "module", module, path, local: false, py };
    const full = this.fullName(ref);
    const sdk = findSdkEntry(full);
    // Module-level clients and providers: the imported name is the client.
    if (sdk?.kind === "object" && sdk.type) return Value.of({ k: "sdk", provider: sdk.provider, type: sdk.type, module: { module, path, py } } as Ref);
    // A name imported from a module-level client (`from litellm import acompletion`): that client's member.
    for (let k = path.length - 1; !sdk && k >= 0; k--) {
      const owner = findSdkEntry(this.fullName({ ...ref, path: path.slice(0, k) }));
      if (owner?.kind !== "object" || !owner.type) continue;
      const client = Value.of({ k: "sdk", provider: owner.provider, type: owner.type, module: { module, path: path.slice(0, k), py } } as Ref);
      return path.slice(k).reduce<Value>((acc, seg) => this.member(acc, seg, undefined, undefined), client);
    }
    if (!sdk && !PY_RESPONSE_CONSTRUCTORS.has(full) && !JS_RESPONSE_CONSTRUCTORS.has(full)) {
      const role = frameworkRole(full);
      if (role === "fs.member") return this.roleValue(`fs.module#${path[path.length - 1] ?? ""}`);
      if (role) return this.roleValue(role, undefined, { module: { module, path, py } });
    }
    return Value.of(ref);
  }

  /** Full name of an external module path: Python "pkg.mod.Name", JS "pkg#Name.sub". */
  private fullName(ref: Extract<Ref, { k: "module" }>): string {
    if (ref.py) return [ref.module, ...ref.path].join(".");
    return `${ref.module}#${ref.path.join(".")}`;
  }

  /** `export default { fetch(request, env) { ... } }`: a Cloudflare-style worker. */
  /**
   * GraphQL resolver maps (`new ApolloServer({ typeDefs, resolvers })`): every resolver answers a
   * request — its arguments are what the client sent, its return goes back to the client.
   */
  private registerResolvers(resolvers: Value | undefined): void {
    const route: HandlerInfo = { registration: { kind: "route", params: ["graphql.parent", "graphql.args"], returnIsSink: "response" } };
    for (const group of resolvers?.props?.values() ?? []) {
      for (const resolver of group.props?.values() ?? []) {
        const fn = resolver.ref?.k === "function" ? resolver : resolver.props?.get("resolve") ?? resolver.props?.get("subscribe");
        if (fn?.ref?.k === "function") this.moduleFor(fn.ref.module.file).handlers.set(fn.ref.fn.id, route);
      }
    }
  }

  /** `Bun.serve({ fetch(req) {...} })`, `Deno.serve(handler)`: the runtime's own HTTP server takes Request handlers. */
  private serveCall(e: CallExpr, args: Args, frame: Frame): boolean {
    const c = e.callee;
    if (c.k !== "member" || c.prop !== "serve" || c.object.k !== "name" || !/^(Bun|Deno)$/.test(c.object.name) || lookup(frame.scope, c.object.name)) return false;
    const route: HandlerInfo = { registration: { kind: "route", params: ["web.request"], returnIsSink: "response" } };
    for (const a of args.all) {
      const handler = a.ref?.k === "function" ? a : a.props?.get("fetch") ?? a.props?.get("handler");
      if (handler?.ref?.k === "function") this.moduleFor(handler.ref.module.file).handlers.set(handler.ref.fn.id, route);
    }
    return true;
  }

  private registerDefaultExportObject(v: Value, frame: Frame): void {
    const fetch = v.props?.get("fetch");
    if (fetch?.ref?.k === "function") {
      frame.module.handlers.set(fetch.ref.fn.id, { registration: { kind: "route", params: ["web.request", "cf.env"], returnIsSink: "response" } });
    }
    for (const name of ["scheduled", "queue"]) {
      const h = v.props?.get(name);
      if (h?.ref?.k === "function") frame.module.handlers.set(h.ref.fn.id, { registration: { kind: "worker" } });
    }
  }

  // ------------------------------------------------------------------ binding

  private bind(target: Pattern, value: Value, frame: Frame, span: Span): void {
    switch (target.k) {
      case "name": {
        let v = value;
        if (v.labels.length && !v.props && !v.elems && !v.ref && v.str === undefined && !v.labels.some((l) => l.kind === "origin")) {
          // Data from a call (a database row, a file) gets an identity by the variable that holds it.
          v = this.withLabels(v, mergeLabels(v.labels, [this.origin(`${frame.fnKey}|${target.name}`, this.loc(frame, target.span))]));
        } else if (v.isEmpty() && v.str === undefined && v.constant === undefined && !v.jsx && !v.delivered) {
          v = new Value([this.origin(`${frame.fnKey}|${target.name}`, this.loc(frame, target.span))]);
        }
        if (!v.record && !v.ref && v.str === undefined && v.constant === undefined) {
          const rec = personRecordWord(target.name);
          if (rec) {
            v = this.withLabels(v, v.labels);
            v.record = { ...rec, loc: this.loc(frame, target.span) };
          }
        }
        assignVar(frame.scope, target.name, v);
        return;
      }
      case "objpat": {
        for (const p of target.props) {
          let pv = this.member(value, p.key, frame, target.span);
          if (p.default) pv = union([pv, this.eval(p.default, frame)]);
          this.bind(p.target, pv, frame, span);
        }
        if (target.rest) this.bind(target.rest, value, frame, span);
        return;
      }
      case "arrpat": {
        target.elements.forEach((el, i) => {
          if (!el) return;
          const ev = value.elems && i < value.elems.length ? value.elems[i] : this.elementOf(value);
          this.bind(el, ev, frame, span);
        });
        if (target.rest) this.bind(target.rest, value, frame, span);
        return;
      }
      case "default":
        this.bind(target.target, union([value, this.eval(target.default, frame)]), frame, span);
        return;
      case "member": {
        if (this.commonJsExport(target, value, frame)) return;
        const obj = this.eval(target.object, frame);
        this.assignMember(obj, target.prop, value, frame, target.span, span);
        return;
      }
      case "index": {
        const obj = this.eval(target.object, frame);
        const key = this.eval(target.index, frame);
        if (key.str !== undefined) this.assignMember(obj, key.str, value, frame, target.span, span);
        else if (obj.elems) obj.elems.push(value);
        else if (obj.props) obj.props.set("[*]", value);
        else if (obj.ref?.k === "framework" && obj.ref.state) this.mergeInto(obj.ref.state, value);
        return;
      }
      default:
        return;
    }
  }

  /**
   * CommonJS exports: `module.exports = { ask }` (each property, and the whole as the default),
   * `module.exports.ask = ...` and `exports.ask = ...`. False when the target is no such export.
   */
  private commonJsExport(target: Extract<Pattern, { k: "member" }>, value: Value, frame: Frame): boolean {
    if (frame.module.language === "python") return false;
    const o = target.object;
    const isModule = (x: Expr) => x.k === "name" && x.name === "module" && !lookup(frame.scope, "module");
    const isExports = (x: Expr) => (x.k === "name" && x.name === "exports" && !lookup(frame.scope, "exports")) || (x.k === "member" && x.prop === "exports" && isModule(x.object));
    const exports = frame.module.exports;
    if (isModule(o) && target.prop === "exports") {
      exports.set("default", value);
      for (const [k, v] of value.props ?? []) exports.set(k, v);
      return true;
    }
    if (isExports(o)) {
      exports.set(target.prop, value);
      return true;
    }
    return false;
  }

  private assignMember(obj: Value, prop: string, value: Value, frame: Frame, targetSpan: Span, stmtSpan: Span): void {
    if (obj.ref?.k === "framework" && isConsentDecisionField(prop, this.options.vocabulary.consent)) this.checkConsentWrite(prop, value, frame, stmtSpan);
    if (obj.ref?.k === "framework") {
      const spec = ROLES[obj.ref.role];
      const sinkCat = spec?.sinkProps?.[prop];
      if (sinkCat) this.userSink(frame, stmtSpan, sinkCat, `${obj.ref.role}.${prop}`, [value], frame.responseDisclosure);
      if (obj.ref.role === "$headers" && isDisclosureFieldName(prop, this.options.vocabulary.disclosure)) this.markHeadersDisclosed(obj, frame, stmtSpan);
      if (obj.ref.state) {
        obj.ref.state.props ??= new Map();
        obj.ref.state.props.set(prop, value);
      }
      if (obj.ref.role === "streamlit.sessionState") {
        const stored = this.streamlitState.get(prop);
        if (stored) this.mergeInto(stored, value);
        else this.streamlitState.set(prop, value);
      }
      return;
    }
    // A consent decision stored on a record (CON002), reported here: the ORM call that later saves the record repeats it.
    if (isConsentDecisionField(prop, this.options.vocabulary.consent)) {
      this.checkConsentWrite(prop, value, frame, stmtSpan);
      const set = this.consentAssigned.get(obj) ?? new Set<string>();
      set.add(prop);
      this.consentAssigned.set(obj, set);
    }
    if (!obj.props) obj.props = new Map();
    obj.props.set(prop, value);
    // `response.headers["X-AI-Generated"] = "true"`
    if (obj.ref?.k === "response" && prop === "headers") return;
    void targetSpan;
  }

  private markHeadersDisclosed(headers: Value, frame: Frame, span: Span): void {
    const owner = headers.ref?.k === "framework" ? headers.ref.state : undefined;
    const loc = this.loc(frame, span);
    if (owner) owner.disclosed = loc;
    frame.responseDisclosure = loc;
  }

  private readPattern(target: Pattern, frame: Frame): Value {
    switch (target.k) {
      case "name":
        return lookup(frame.scope, target.name) ?? new Value();
      case "member":
        return this.member(this.eval(target.object, frame), target.prop, frame, target.span);
      case "index":
        return this.index(this.eval(target.object, frame), this.eval(target.index, frame), frame, target.span);
      default:
        return new Value();
    }
  }

  private augment(old: Value, add: Value, op: string): Value {
    if (op === "+=" && old.elems) {
      old.elems.push(...(add.elems ?? [add]));
      return old;
    }
    if (op === "+=" || op === "|=" || op === "??=" || op === "||=" || op === "&&=") return this.joinValues([old, add]);
    return new Value();
  }

  private withLabels(v: Value, labels: readonly Label[]): Value {
    const out = new Value(labels);
    out.props = v.props;
    out.elems = v.elems;
    out.str = v.str;
    out.constant = v.constant;
    out.texts = v.texts;
    out.ref = v.ref;
    out.record = v.record;
    out.disclosed = v.disclosed;
    out.watermarked = v.watermarked;
    out.loc = v.loc;
    out.delivered = v.delivered;
    return out;
  }

  private mergeInto(target: Value, add: Value): void {
    target.labels = mergeLabels(target.labels, deepLabels(add));
    if (add.texts) target.texts = [...(target.texts ?? []), ...add.texts];
  }

  // ------------------------------------------------------------------ expressions

  eval(e: Expr, frame: Frame): Value {
    const v = this.evalExpr(e, frame);
    this.exprValues.set(e, v);
    return v;
  }

  private evalExpr(e: Expr, frame: Frame): Value {
    switch (e.k) {
      case "name":
        return this.evalName(e.name, frame, e.span);
      case "str":
        return this.stringLiteral(e.value, e.span, frame);
      case "const":
        return Value.constant(e.value);
      case "template": {
        const parts: Value[] = [];
        const texts: string[] = [];
        for (const p of e.parts) {
          if (typeof p === "string") {
            texts.push(p);
            continue;
          }
          const v = this.eval(p, frame);
          parts.push(this.serialised(v, frame, p.span));
        }
        const strs = e.parts.map((p, i) => (typeof p === "string" ? p : parts[e.parts.slice(0, i).filter((x) => typeof x !== "string").length]?.str));
        const out = this.joinValues(parts, texts);
        if (strs.every((s) => s !== undefined)) out.str = strs.join("");
        this.literalPii(out, e.span, frame);
        return out;
      }
      case "member": {
        const obj = this.eval(e.object, frame);
        return this.member(obj, e.prop, frame, e.span);
      }
      case "index": {
        const obj = this.eval(e.object, frame);
        const key = this.eval(e.index, frame);
        return this.index(obj, key, frame, e.span);
      }
      case "call":
        return this.evalCall(e, frame);
      case "object":
        return this.evalObject(e, frame);
      case "array": {
        const out = new Value();
        out.elems = [];
        for (const el of e.elements) {
          if (el.k === "spread") {
            const sv = this.eval(el.expr, frame);
            if (sv.elems) out.elems.push(...sv.elems);
            else out.elems.push(this.elementOf(sv));
          } else out.elems.push(this.eval(el, frame));
        }
        return out;
      }
      case "spread":
        return this.eval(e.expr, frame);
      case "binary": {
        const l = this.eval(e.left, frame);
        const r = this.eval(e.right, frame);
        if (e.op === "|" && (isRunnable(l) || isRunnable(r))) {
          return this.composeRunnable([l, r], this.loc(frame, e.span));
        }
        if (e.op === "+" || e.op === "%" || e.op === "<<" || e.op === "|") {
          const out = this.joinValues([this.serialised(l, frame, e.left.span), this.serialised(r, frame, e.right.span)]);
          if (l.str !== undefined && r.str !== undefined && e.op === "+") out.str = l.str + r.str;
          if (l.elems && r.elems && e.op === "+") out.elems = [...l.elems, ...r.elems];
          return out;
        }
        if (e.op === "*" && (l.str !== undefined || r.str !== undefined)) return this.joinValues([l, r]);
        if (e.op === "/" && (l.ref || l.str !== undefined)) return new Value(); // path joins carry nothing
        // Arithmetic on a generated image's pixels (`(image * 255).astype("uint8")`) is still that image;
        // numbers computed from text are not content.
        return carry([l, r], (lab) => (lab.kind === "ai" && isMedia(lab.call.modality) ? lab : undefined));
      }
      case "logical": {
        const l = this.eval(e.left, frame);
        const savedGuard = frame.guard;
        if (e.op === "and" && this.consentPolarity(e.left, frame) === "pos") frame.guard = { ...savedGuard, consent: this.loc(frame, e.left.span) };
        const r = this.eval(e.right, frame);
        frame.guard = savedGuard;
        return union([l, r]);
      }
      case "unary": {
        const v = this.eval(e.operand, frame);
        if (e.op === "not" || e.op === "!") return this.requestOnly(v);
        return new Value();
      }
      case "compare": {
        const l = this.eval(e.left, frame);
        const r = this.eval(e.right, frame);
        // A yes/no made of request data is still the user's decision (CON002).
        return this.requestOnly(union([l, r]));
      }
      case "cond": {
        this.eval(e.test, frame);
        const polarity = this.consentPolarity(e.test, frame);
        const savedGuard = frame.guard;
        if (polarity === "pos") frame.guard = { ...savedGuard, consent: this.loc(frame, e.test.span) };
        const t = this.allowListed(e.test, e.then, frame) ?? this.eval(e.then, frame);
        frame.guard = savedGuard;
        if (polarity === "neg") frame.guard = { ...savedGuard, consent: this.loc(frame, e.test.span) };
        const f = this.eval(e.else, frame);
        frame.guard = savedGuard;
        return union([t, f]);
      }
      case "await":
        return this.eval(e.expr, frame);
      case "func": {
        const v = Value.of({ k: "function", fn: e.fn, scope: frame.scope, module: frame.module });
        frame.module.functions.push({ fn: e.fn, scope: frame.scope, thisValue: frame.thisValue });
        return v;
      }
      case "class":
        return this.defineClass(e.cls, frame);
      case "jsx":
        return this.evalJsx(e, frame);
      case "comp":
        return this.evalComprehension(e, frame);
      case "yield": {
        const v = e.expr ? this.eval(e.expr, frame) : new Value();
        frame.yields.push(e.delegate ? this.elementOf(v) : v);
        if (frame.handler?.registration.returnIsSink && e.expr) this.userSink(frame, e.span, frame.handler.registration.returnIsSink, "yield", [v], this.returnDisclosure(v, frame), [e.expr]);
        return new Value();
      }
      case "assign": {
        const v = this.eval(e.value, frame);
        if (e.op) this.bind(e.target, this.augment(this.readPattern(e.target, frame), v, e.op), frame, e.span);
        else this.bind(e.target, v, frame, e.span);
        return v;
      }
      case "seq": {
        let last = new Value();
        for (const x of e.exprs) last = this.eval(x, frame);
        return last;
      }
      case "unknown": {
        const vs = e.children.map((c) => this.eval(c, frame));
        return vs.length === 1 ? vs[0] : carry(vs);
      }
      default:
        return new Value();
    }
  }

  /** Keeps only request-data labels (booleans and comparisons made from user input). */
  private requestOnly(v: Value): Value {
    const labels = deepLabels(v).filter((l) => l.kind === "request");
    return labels.length ? new Value(labels) : new Value();
  }

  private evalName(name: string, frame: Frame, span: Span): Value {
    if ((name === "self" || name === "this") && frame.thisValue) return frame.thisValue;
    const v = lookup(frame.scope, name);
    if (v) {
      if (v.ref?.k === "framework" && v.ref.role === "flask.request") return this.flaskRequest(frame);
      // A variable whose name denotes personal data holds it (resolved question 12).
      // (A library object's personal field, `current_user.email`, is data like any other.)
      const data = !v.ref || (v.ref.k === "module" && !v.ref.local && v.labels.some((l) => l.kind === "pii"));
      if (data && v.constant === undefined && !v.jsx && (v.labels.length || v.str !== undefined || v.isEmpty())) {
        const what = personalDataCategory(name, false, this.options.vocabulary.personalData);
        if (what && !deepLabels(v).some((l) => l.kind === "pii" && l.redacted)) {
          const label: PiiLabel = { kind: "pii", id: newLabelId(), loc: this.loc(frame, span), what };
          // An object (`email = EmailMessage()`) keeps its identity: what is set on it later must land on it.
          if (!v.props && !v.elems) return this.withLabels(v, mergeLabels(v.labels, [label]));
          if (!v.labels.some((l) => l.kind === "pii")) v.labels = mergeLabels(v.labels, [label]);
          return v;
        }
      }
      return v;
    }
    return this.builtin(name, frame, span);
  }

  /** Flask's global `request`: one identity per handler activation, for origin keys. */
  private flaskRequest(frame: Frame): Value {
    const v = this.roleValue("flask.request");
    v.labels = [this.origin(`${frame.fnKey}|request`, this.loc(frame, { start: 0, end: 0 }))];
    return v;
  }

  private builtin(name: string, frame: Frame, span: Span): Value {
    const py = frame.module.language === "python";
    if (!py && name === "console") return this.roleValue("console");
    // `require("x")` and `await import("x")` load modules like `import` statements.
    if (!py && (name === "require" || name === "import")) return Value.of({ k: "builtin", name: "require" });
    if (!py && name === "process") {
      const v = new Value();
      v.props = new Map([["env", new Value()]]);
      return v;
    }
    if (!py && ["JSON", "Buffer", "Promise", "Object", "Array", "Math", "Date", "Response", "Request", "URL", "URLSearchParams", "fetch", "String", "Number", "Boolean", "atob", "btoa", "encodeURIComponent", "decodeURIComponent", "structuredClone", "Uint8Array", "Blob", "File", "FormData", "Headers", "TextDecoder", "TextEncoder", "Symbol", "Map", "Set", "setTimeout", "parseInt", "parseFloat", "isNaN", "performance", "crypto", "globalThis", "window", "document", "localStorage", "sessionStorage", "navigator", "EventSource", "WebSocket", "ReadableStream", "TransformStream"].includes(name)) {
      return Value.of({ k: "builtin", name });
    }
    if (py && ["print", "open", "str", "repr", "len", "int", "float", "bool", "dict", "list", "tuple", "set", "sorted", "reversed", "enumerate", "zip", "map", "filter", "format", "isinstance", "hasattr", "getattr", "setattr", "range", "min", "max", "sum", "any", "all", "iter", "next", "vars", "type", "id", "hash", "round", "abs", "bytes", "bytearray", "super", "input", "object", "callable", "frozenset", "chr", "ord", "divmod", "pow", "exit", "quit"].includes(name)) {
      return Value.of({ k: "builtin", name });
    }
    if (name === "undefined" || name === "None" || name === "null") return Value.constant(null);
    void span;
    return new Value();
  }

  private stringLiteral(value: string, span: Span, frame: Frame): Value {
    const v = Value.string(value);
    v.loc = this.loc(frame, span);
    this.literalPii(v, span, frame);
    return v;
  }

  /** String literals holding personal data (PII002 shapes) carry it into prompts. */
  private literalPii(v: Value, span: Span, frame: Frame): void {
    const key = `${frame.module.file}:${span.start}:${span.end}`;
    let label = this.literalCache.get(key);
    if (label === undefined) {
      const what = this.options.personalLiteral(frame.module.file, span.start, span.end);
      label = what ? { kind: "pii", id: newLabelId(), loc: this.loc(frame, span), what, literal: true } : null;
      this.literalCache.set(key, label);
    }
    if (label) v.labels = mergeLabels(v.labels, [label]);
  }

  /**
   * `label if label in ALLOWED else "other"`, `ALLOWED.includes(x) ? x : fallback`: where the check
   * passed, the value is one of a fixed collection's constants, nothing of what was checked
   * (resolved question 13). Undefined when the test is no such check.
   */
  private allowListed(test: Expr, then: Expr, frame: Frame): Value | undefined {
    if (then.k !== "name") return undefined;
    let checked: Expr | undefined;
    let collection: Expr | undefined;
    if (test.k === "compare" && test.op === "in") [checked, collection] = [test.left, test.right];
    else if (test.k === "call" && test.callee.k === "member" && /^(includes|has)$/.test(test.callee.prop)) [checked, collection] = [test.args[0]?.value, test.callee.object];
    if (checked?.k !== "name" || checked.name !== then.name || !collection) return undefined;
    const fixed = this.eval(collection, frame);
    const items = fixed.elems ?? (fixed.ref?.k === "framework" ? undefined : fixed.props ? [...fixed.props.keys()].map((k) => Object.assign(new Value(), { str: k })) : undefined);
    if (!items?.length || !items.every((i) => (i.str !== undefined || i.constant !== undefined) && i.labels.length === 0)) return undefined;
    return new Value();
  }

  /** Joins values into one string-like value: labels of all, literal text of all, disclosure when the text says so. */
  private joinValues(parts: readonly Value[], extraTexts: readonly string[] = []): Value {
    const out = carry(parts);
    const texts = [...extraTexts, ...parts.flatMap((p) => p.texts ?? [])];
    if (texts.length) out.texts = texts;
    out.record = undefined;
    // Label text anywhere in the joined pieces (a literal prefix, a labelled template joined with `+`) discloses the whole.
    const disclosedText = texts.some((t) => hasDisclosureText(t, this.options.vocabulary.disclosureText));
    if (disclosedText && out.labels.some((l) => l.kind === "ai")) {
      const loc = parts.find((p) => p.loc)?.loc ?? { file: "", start: 0, end: 0 };
      out.labels = withAiFlag(out.labels, "disclosed", loc);
    }
    return out;
  }

  /**
   * Serialising a payload with a disclosure field (`json.dumps({"delta": piece, "ai_generated": True})`)
   * writes the label into the text: the AI content in it stays disclosed when the text is framed
   * further (`f"data: {...}\n\n"` for server-sent events).
   */
  private textKeepsDisclosure(out: Value, payload: Value | undefined, frame: Frame, span: Span): Value {
    if (!payload?.props || !out.labels.some((l) => l.kind === "ai")) return out;
    const loc = this.payloadDisclosure([payload], frame, span);
    if (loc) out.labels = withAiFlag(out.labels, "disclosed", loc);
    return out;
  }

  /** Interpolating or serialising a person record sends every field of it (resolved question 12). */
  private serialised(v: Value, frame: Frame, span: Span): Value {
    if (!v.record || v.str !== undefined) return v;
    const loc = this.loc(frame, span);
    const label: PiiLabel = { kind: "pii", id: newLabelId(), loc, what: `${v.record.word} record` };
    return this.withLabels(v, mergeLabels(deepLabels(v), [label]));
  }

  private evalObject(e: Extract<Expr, { k: "object" }>, frame: Frame): Value {
    const out = new Value();
    out.props = new Map();
    for (const en of e.entries) {
      if (en.spread) {
        const sv = this.eval(en.value, frame);
        if (sv.props) for (const [k, v] of sv.props) out.props.set(k, v);
        else if (!sv.isEmpty()) out.props.set(`[...${out.props.size}]`, this.serialised(sv, frame, en.span));
        continue;
      }
      let key = en.key;
      if (key === undefined && en.keyExpr) {
        const kv = this.eval(en.keyExpr, frame);
        key = kv.str ?? `[${out.props.size}]`;
      }
      const v = this.eval(en.value, frame);
      out.props.set(key ?? `[${out.props.size}]`, v);
    }
    return out;
  }

  private evalComprehension(e: Extract<Expr, { k: "comp" }>, frame: Frame): Value {
    const saved = frame.scope;
    frame.scope = forkScope(saved);
    for (const g of e.generators) {
      const iter = this.eval(g.iter, frame);
      this.bind(g.target, this.elementOf(iter), frame, e.span);
      for (const c of g.conds) this.eval(c, frame);
    }
    const el = this.eval(e.element, frame);
    if (e.key) this.eval(e.key, frame);
    frame.scope = saved;
    const out = new Value();
    out.elems = [el];
    return out;
  }

  /** An element of an iterable: a known element, or data carried from the iterable. */
  private elementOf(v: Value): Value {
    if (v.elems) return v.elems.length === 1 ? v.elems[0] : union(v.elems);
    if (v.ref?.k === "framework" || v.ref?.k === "sdk" || v.ref?.k === "module") {
      const out = this.withLabels(new Value(), v.labels);
      out.ref = v.ref;
      return out;
    }
    if (v.props && v.labels.length === 0) return union([...v.props.values()]);
    const out = new Value(v.labels);
    out.record = v.record;
    return out;
  }

  // ------------------------------------------------------------------ member and index

  member(obj: Value, prop: string, frame: Frame | undefined, span: Span | undefined): Value {
    const ref = obj.ref;
    if (ref?.k === "module") {
      if (ref.local) {
        const mod = this.loadModule(ref.module);
        const v = mod ? this.moduleExport(mod, prop) : undefined;
        if (v) return v;
        // Python `import pkg` then `pkg.sub.fn`: try the submodule.
        if (mod?.language === "python") {
          const sub = this.workspace.resolve(ref.module, `.${prop}`, "python");
          if (sub) return Value.of({ k: "module", module: sub, path: [], local: true });
        }
        return new Value();
      }
      const next = this.externalModule(ref.module, [...ref.path, prop], !!ref.py);
      if (next.ref?.k === "framework" && next.ref.role === "flask.request" && frame) return this.flaskRequest(frame);
      if (ref.tags && (next.ref?.k === "module" || next.ref?.k === "sdk")) next.ref = { ...next.ref, tags: mergeTags(next.ref.tags, ref.tags) } as Ref;
      if (next.ref?.k === "module") next.labels = obj.labels;
      // A field of a person object a library provides (`flask_login.current_user.email`) is that person's data.
      const owner = ref.path[ref.path.length - 1];
      const what = owner && personRecordWord(owner) && frame && span && next.ref?.k === "module" ? personalDataCategory(prop, true, this.options.vocabulary.personalData) : undefined;
      if (what) next.labels = mergeLabels(next.labels, [{ kind: "pii", id: newLabelId(), loc: this.loc(frame!, span!), what }]);
      return next;
    }
    if (ref?.k === "sdk") {
      const path = [...(((ref as { path?: string[] }).path) ?? []), prop];
      // A module-level client is also a module: `ollama.AsyncClient`, `replicate.Client` are catalogue entries of their own.
      const mod = (ref as { module?: { module: string; path: readonly string[]; py?: boolean } }).module;
      if (mod) {
        const entry = findSdkEntry(this.fullName({ k: "module", module: mod.module, path: [...mod.path, ...path], local: false, py: mod.py }));
        if (entry && entry.kind !== "object") return Value.of({ k: "module", module: mod.module, path: [...mod.path, ...path], local: false, py: mod.py });
      }
      return Value.of({ ...ref, path } as Ref, obj.labels);
    }
    if (ref?.k === "framework") return this.roleMember(obj, ref.role, prop, frame, span);
    if (ref?.k === "class") {
      const method = ref.cls.body.find((s) => s.k === "func" && s.fn.name === prop);
      if (method?.k === "func") return Value.of({ k: "function", fn: method.fn, scope: ref.scope, module: ref.module });
      const field = ref.cls.body.find((s) => s.k === "assign" && s.targets.some((t) => t.k === "name" && t.name === prop));
      if (field?.k === "assign" && field.value && frame) return this.eval(field.value, frame);
      return new Value();
    }
    if (ref?.k === "instance" || obj.props?.has(prop)) {
      const own = obj.props?.get(prop);
      if (own) return this.fieldValue(own, obj, prop, frame, span);
      if (ref?.k === "instance" && ref.cls) {
        const method = ref.cls.body.find((s) => s.k === "func" && s.fn.name === prop);
        if (method?.k === "func") return Value.of({ k: "function", fn: method.fn, scope: (lookup(ref.module ? this.moduleFor(ref.module.file).scope : newScope(), ref.className) ?? new Value()).ref?.k === "class" ? ((lookup(this.moduleFor(ref.module!.file).scope, ref.className)!.ref as { scope: Scope }).scope) : this.moduleFor(ref.module!.file).scope, module: ref.module!, boundThis: obj });
      }
    }
    if (ref?.k === "response") {
      if (prop === "headers") return this.roleValue("$headers", obj);
      return new Value(deepLabels(obj));
    }
    if (ref?.k === "builtin") {
      // `globalThis.prisma`, `window.foo`: a global the program set, unless it is a known builtin.
      if (/^(globalThis|window|global|self)$/.test(ref.name)) return frame && span ? this.builtin(prop, frame, span) : new Value();
      return Value.of({ k: "builtin", name: `${ref.name}.${prop}` });
    }
    if (ref?.k === "function" && prop === "call") return obj;
    return this.deriveField(obj, prop, frame, span);
  }

  /** A known field of an object literal or instance: personal data when its name says so. */
  private fieldValue(v: Value, owner: Value, prop: string, frame: Frame | undefined, span: Span | undefined): Value {
    if (v.ref || v.constant !== undefined) return v;
    const what = personalDataCategory(prop, !!owner.record, this.options.vocabulary.personalData);
    if (!what && !(owner.record?.health)) return v;
    const loc = frame && span ? this.loc(frame, span) : v.loc ?? owner.loc;
    if (!loc) return v;
    return this.withLabels(v, mergeLabels(v.labels, [{ kind: "pii", id: newLabelId(), loc, what: what ?? "health record field" }]));
  }

  /** A field of data the engine knows only by what it carries (an API response, a database row). */
  private deriveField(obj: Value, prop: string, frame: Frame | undefined, span: Span | undefined): Value {
    if (obj.str !== undefined) {
      // Properties of strings: `.length` says nothing about the content.
      return prop === "length" ? new Value() : carry([obj]);
    }
    const labels: Label[] = [];
    const nonContent = NON_CONTENT_FIELDS.has(prop);
    const toolCalls = TOOL_CALL_FIELDS.has(prop);
    for (const l of obj.labels) {
      if (l.kind === "origin") labels.push(this.childOrigin(l, prop));
      else if (l.kind === "ai") {
        // The name of the tool the model chose is a label, not content.
        if (nonContent || (l.toolCall && prop === "name")) continue;
        labels.push(toolCalls && !l.toolCall ? { ...l, toolCall: true } : l);
      } else labels.push(l);
    }
    if (obj.props) {
      // A literal object without this field, but with unknown spread members.
      for (const [k, v] of obj.props) if (k.startsWith("[")) labels.push(...deepLabels(v));
    }
    const out = new Value(mergeLabels(labels));
    if (obj.elems && /^\d+$/.test(prop)) return obj.elems[Number(prop)] ?? out;
    const what = personalDataCategory(prop, !!obj.record, this.options.vocabulary.personalData) ?? (obj.record?.health && !nonContent ? "health record field" : undefined);
    if (what && frame && span && !obj.isEmpty()) {
      out.labels = mergeLabels(out.labels, [{ kind: "pii", id: newLabelId(), loc: this.loc(frame, span), what }]);
    } else if (what && frame && span && obj.isEmpty() && obj.str === undefined) {
      out.labels = mergeLabels(out.labels, [{ kind: "pii", id: newLabelId(), loc: this.loc(frame, span), what }]);
    }
    // `customer.profile`, `request.user`: nested person records.
    if (!out.record) {
      const rec = personRecordWord(prop);
      if (rec && frame && span) out.record = { ...rec, loc: this.loc(frame, span) };
    }
    if (nonContent && obj.labels.some((l) => l.kind === "ai")) out.labels = out.labels.filter((l) => l.kind !== "pii" || !l.literal);
    return out;
  }

  private index(obj: Value, key: Value, frame: Frame, span: Span): Value {
    if (obj.ref?.k === "framework" && obj.ref.role === "streamlit.sessionState") {
      return key.str !== undefined ? this.streamlitState.get(key.str) ?? new Value() : union([...this.streamlitState.values()]);
    }
    if (key.str !== undefined) {
      if (obj.props?.has(key.str)) return this.fieldValue(obj.props.get(key.str)!, obj, key.str, frame, span);
      if (obj.props && obj.labels.length === 0 && !obj.ref && ![...obj.props.keys()].some((k) => k.startsWith("["))) return new Value();
      return this.member(obj, key.str, frame, span);
    }
    if (typeof key.constant === "number" && obj.elems) return obj.elems[key.constant < 0 ? obj.elems.length + key.constant : key.constant] ?? this.elementOf(obj);
    if (obj.elems) return this.elementOf(obj);
    // A lookup in a fixed table by a request-supplied key is not request data (resolved question 13).
    if (obj.props && obj.props.size) return union([...obj.props.values()]);
    if (typeof key.constant === "number") return this.member(obj, String(key.constant), frame, span);
    return this.member(obj, "[*]", frame, span);
  }

  private roleMember(obj: Value, role: string, prop: string, frame: Frame | undefined, span: Span | undefined): Value {
    const spec = ROLES[role];
    if (role === "$headers") return new Value();
    if (spec?.requestProps?.includes(prop) || spec?.requestProps?.includes("*") || (this.options.vocabulary.extraSources.has(prop) && role.endsWith("request"))) {
      return this.requestData(obj, prop, frame, span, `${role.split(".")[0]} ${prop}`);
    }
    const toRole = spec?.members?.[prop] ?? (spec?.anyMember && !roleKnows(spec, prop) ? spec.anyMember : undefined);
    if (toRole) {
      const v = this.roleValue(toRole);
      v.labels = obj.labels.filter((l) => l.kind === "origin").map((l) => this.childOrigin(l as OriginLabel, prop));
      return v;
    }
    // `st.session_state.messages`: the stored value itself, so `.append(...)` adds to it.
    if (role === "streamlit.sessionState") {
      if (frame) this.stateReaders.add(frame.fn ? `${frame.module.file}:${frame.fn.id}` : frame.module.file);
      let stored = this.streamlitState.get(prop);
      if (!stored) {
        stored = new Value();
        stored.elems = [];
        this.streamlitState.set(prop, stored);
      }
      return stored;
    }
    if (spec?.dataMembers) return new Value(obj.labels.filter((l) => l.kind === "origin").map((l) => this.childOrigin(l as OriginLabel, prop)));
    const ref = obj.ref as Extract<Ref, { k: "framework" }>;
    // A field of a framework object named as personal data (`request.user.profile.account_number`, `g.user.hkid`) holds it.
    const what = frame && span && !spec ? personalDataCategory(prop, false, this.options.vocabulary.personalData) : undefined;
    if (what) return new Value([{ kind: "pii", id: newLabelId(), loc: this.loc(frame!, span!), what }, ...obj.labels.filter((l) => l.kind === "origin").map((l) => this.childOrigin(l as OriginLabel, prop))]);
    // A member the catalogue does not describe on an imported framework module: an ordinary import path (`web.json_response`).
    if (ref.module && spec && !spec.allMembers && !roleKnows(spec, prop)) return this.externalModule(ref.module.module, [...ref.module.path, prop], !!ref.module.py);
    // Anything else keeps the role so method calls resolve (`res.status(...)`), with the object's data and owner.
    const out = this.roleValue(`${role}#${prop}`, ref.state, { owner: obj });
    out.labels = obj.labels.filter((l) => l.kind === "origin").map((l) => this.childOrigin(l as OriginLabel, prop));
    return out;
  }

  private requestData(obj: Value, prop: string, frame: Frame | undefined, span: Span | undefined, _what: string): Value {
    const loc = frame && span ? this.loc(frame, span) : { file: "", start: 0, end: 0 };
    const what = describeRequestPart(prop);
    const origins = obj.labels.filter((l): l is OriginLabel => l.kind === "origin").map((l) => this.childOrigin(l, prop));
    const base = origins.length ? origins : frame ? [this.origin(`${frame.fnKey}|${prop}`, loc)] : [];
    const v = new Value([{ kind: "request", id: newLabelId(), loc, what }, ...base]);
    // Profile fields of a chat platform (`first_name`, `username`) are personal data too.
    const pii = personalDataCategory(prop, true, this.options.vocabulary.personalData);
    if (pii && frame) v.labels = mergeLabels(v.labels, [{ kind: "pii", id: newLabelId(), loc, what: pii }]);
    v.loc = loc;
    if (frame) frame.userData = true;
    return v;
  }

  // ------------------------------------------------------------------ calls

  private evalCall(e: CallExpr, frame: Frame): Value {
    this.checkBudget();
    let receiver: Value | undefined;
    let name: string | undefined;
    let callee: Value;
    if (e.callee.k === "member") {
      receiver = this.eval(e.callee.object, frame);
      name = e.callee.prop;
      callee = this.member(receiver, name, frame, e.callee.span);
      this.exprValues.set(e.callee, callee);
    } else {
      callee = this.eval(e.callee, frame);
      name = e.callee.k === "name" ? e.callee.name : undefined;
    }
    const args = this.evalArgs(e.args, frame);
    if (this.serveCall(e, args, frame)) return new Value();
    let result = this.dispatchCall(e, callee, receiver, name, args, frame);
    // Marker helpers, by name (resolved question 6 and the marker concepts).
    const markerName = name ?? calleeName(e.callee);
    if (markerName) result = this.applyMarkers(markerName, result, args, receiver, frame, e.span, callee.ref?.k === "function");
    return result;
  }

  private evalArgs(exprs: readonly Arg[], frame: Frame): Args {
    const positional: Value[] = [];
    const named = new Map<string, Value>();
    const all: Value[] = [];
    for (const a of exprs) {
      const v = this.eval(a.value, frame);
      all.push(v);
      if (a.name) named.set(a.name, v);
      else if (a.spread === "dict") {
        if (v.props) for (const [k, pv] of v.props) named.set(k, pv);
        else named.set(`**${named.size}`, v);
      } else if (a.spread === "list") {
        if (v.elems) positional.push(...v.elems);
        else positional.push(this.elementOf(v));
      } else positional.push(v);
    }
    return { positional, named, exprs, all };
  }

  /** A keyword argument, or a property of a JS options object (first object argument), by dotted path. */
  private namedArg(args: Args, path: string, frame?: Frame): Value | undefined {
    const [head, ...rest] = path.split(".");
    let v = args.named.get(head);
    if (!v) {
      for (const p of args.positional) {
        if (p.props?.has(head)) {
          v = p.props.get(head);
          break;
        }
      }
    }
    for (const seg of rest) {
      if (!v) return undefined;
      v = v.props?.get(seg) ?? (frame && !v.props ? undefined : undefined);
    }
    return v;
  }

  private dispatchCall(e: CallExpr, callee: Value, receiver: Value | undefined, name: string | undefined, args: Args, frame: Frame): Value {
    const ref = callee.ref;
    // An AWS client sending a storage command, whatever client object it is (`s3.send(...)`, `docClient.send(...)`).
    const command = name === "send" ? (args.positional[0] as (Value & { command?: string }) | undefined)?.command : undefined;
    const store = command ? AWS_STORE_COMMANDS[command] : undefined;
    if (store) {
      const payload = store.payload.map((p) => args.positional[0]!.props?.get(p)).filter((v): v is Value => !!v);
      if (payload.length) this.recordSink(frame, e.span, store.category, `send(${command})`, payload, false, e.args.map((a) => a.value));
      return new Value();
    }
    if (ref?.k === "function") {
      const result = this.callFunction(ref.fn, ref.scope, this.moduleFor(ref.module.file), args, ref.boundThis ?? (ref.fn.isMethod ? receiver : undefined), frame, e, ref.tags);
      return result;
    }
    if (ref?.k === "class") {
      return this.instantiate(ref.cls, ref.scope, this.moduleFor(ref.module.file), args, frame, e);
    }
    if (ref?.k === "sdk") return this.callSdk(ref, callee, withPreset(callee, args), frame, e, receiver);
    if (ref?.k === "module" && !ref.local) return this.callExternal(ref, callee, receiver, name, args, frame, e);
    if (ref?.k === "framework") return this.callRole(ref.role, callee, receiver, name, args, frame, e);
    if (receiver?.ref?.k === "builtin" && receiver.ref.name === "$streamController" && (name === "enqueue" || name === "write")) {
      const target = (receiver as Value & { target?: Value }).target;
      if (target) this.mergeInto(target, union(args.all));
      return new Value();
    }
    if (ref?.k === "builtin" && ref.name === "$setState") {
      this.callSetState(callee, args, frame);
      return new Value();
    }
    if (ref?.k === "builtin") return this.callBuiltin(ref.name, receiver, args, frame, e);
    if (receiver && name) return this.callMethodOnData(receiver, name, args, frame, e);
    // An unknown function (an unresolved import, a parameter): callbacks run, data flows through.
    this.runCallbacks(args, frame, []);
    return this.unknownCallResult(args, name, false);
  }

  private unknownCallResult(args: Args, name: string | undefined, method: boolean, receiver?: Value): Value {
    if (name && NON_CARRYING.has(name)) return new Value();
    const sources = [...args.all, ...(receiver ? [receiver] : [])];
    // Free functions do not pass request data or identities through (lookups keyed by request data are not request data);
    // a function run with the arguments of a tool call returns the tool's data (resolved question 5).
    const out = carry(sources, method ? notToolCall : (l) => (l.kind === "request" || l.kind === "origin" || (l.kind === "ai" && l.toolCall) ? undefined : l));
    out.texts = undefined;
    // `Model(field=...)`, `new Command({...})`: keep the fields so stores and prompts see them.
    const kw = args.named.size ? args.named : args.positional[0]?.props;
    if (kw && (name && /^[A-Z]/.test(name) || args.named.size)) {
      out.props = new Map([...kw].map(([k, v]) => [k, deepLabels(v).some((l) => l.kind === "ai" && l.toolCall) ? carry([v], notToolCall) : v]));
    }
    return out;
  }

  private runCallbacks(args: Args, frame: Frame, params: Value[]): Value[] {
    const results: Value[] = [];
    for (const a of args.all) {
      if (a.ref?.k === "function") {
        const r = this.callFunction(a.ref.fn, a.ref.scope, this.moduleFor(a.ref.module.file), { positional: params, named: new Map(), exprs: [], all: params }, a.ref.boundThis, frame, undefined);
        results.push(r);
      }
    }
    return results;
  }

  // ------------------------------------------------------------------ workspace functions

  callFunction(fn: FunctionDef, scope: Scope, mod: ModuleState, args: Args, thisValue: Value | undefined, caller: Frame, site: CallExpr | undefined, extraTags?: readonly Tag[]): Value {
    if (caller.fn) this.facts.addCall(caller.fnKey, `${mod.file}:${fn.id}`, caller.branch);
    if (this.callStack.includes(fn.id) || caller.depth >= MAX_DEPTH) {
      this.runCallbacks(args, caller, []);
      return carry(args.all);
    }
    const tags = mergeTags(caller.tags, extraTags);
    const memoKey = `${mod.file}:${fn.id}|${caller.guard.consent ? 1 : 0}|${caller.uiDisclosure ? 1 : 0}|${tags?.map((t) => t.name).join(",") ?? ""}|${signature(args.all)}|${thisValue ? signature([thisValue]) : ""}`;
    const hit = this.memo.get(memoKey);
    if (hit) return hit.ret;
    const handler = mod.handlers.get(fn.id);
    const ret = this.invokeFunction(fn, scope, mod, args.positional.length || args.named.size ? args : { ...args, positional: args.all }, thisValue, {
      guard: caller.guard,
      handler: handler ?? (caller.handler?.registration.kind === "ui" && caller.handler && site === undefined ? undefined : undefined),
      depth: caller.depth + 1,
      uiDisclosure: caller.uiDisclosure,
      named: args.named,
      tags,
    });
    let result = ret;
    if (site) {
      // The call site is a hop on the way back (related locations of the finding).
      const hop = { loc: this.loc(caller, site.span), note: `returned by ${fn.name ?? "function"}()` };
      result = this.withLabels(ret, ret.labels.map((l) => (l.kind === "ai" && l.hops.length < 4 ? { ...l, hops: [...l.hops, hop] } : l)));
    }
    this.memo.set(memoKey, { ret: result });
    if (caller.fnKey && caller.userData === false && result.labels.some((l) => l.kind === "request" || l.kind === "stored")) caller.userData = true;
    return result;
  }

  private invokeFunction(
    fn: FunctionDef,
    scope: Scope,
    mod: ModuleState,
    args: Args | Value[],
    thisValue: Value | undefined,
    init: { guard: GuardState; handler?: HandlerInfo; depth: number; uiDisclosure?: Loc; entry?: boolean; named?: Map<string, Value>; tags?: readonly Tag[] },
  ): Value {
    const positional = Array.isArray(args) ? args : args.positional;
    const named = Array.isArray(args) ? init.named ?? new Map<string, Value>() : args.named;
    const fnScope = newScope(scope);
    const handlerConsent = init.handler?.consent ?? routerConsent(init.handler?.router);
    const guard = handlerConsent ? { ...init.guard, consent: handlerConsent } : init.guard;
    const tags = mergeTags(init.tags, this.functionTags.get(`${mod.file}:${fn.id}`));
    const frame = this.newFrame(mod, fn, `${mod.file}:${fn.id}`, fnScope, { guard, handler: init.handler, depth: init.depth, thisValue, uiDisclosure: init.uiDisclosure ?? this.captionIn(fn.body, mod.file), tags });
    this.invoked.add(`${mod.file}:${fn.id}`);
    this.callStack.push(fn.id);
    try {
      let pi = 0;
      const params = fn.params.filter((p, i) => !(i === 0 && mod.language === "python" && fn.isMethod && (p.name === "self" || p.name === "cls")));
      for (const p of params) {
        let v: Value | undefined;
        if (p.kind === "rest") {
          const rest = new Value();
          rest.elems = positional.slice(pi);
          pi = positional.length;
          v = rest;
        } else if (p.kind === "kwrest") {
          const kw = new Value();
          kw.props = new Map(named);
          v = kw;
        } else {
          v = (p.name ? named.get(p.name) : undefined) ?? positional[pi++];
        }
        if (v === undefined || (init.entry && v.isEmpty() && v.str === undefined && v.constant === undefined)) {
          v = p.default ? this.dependencyValue(p.default, frame) ?? this.eval(p.default, frame) : undefined;
          if (!v || (v.isEmpty() && v.str === undefined && (v.constant === undefined || v.constant === null))) v = this.paramValue(mod, fn, p, init.handler?.registration);
        } else if (p.typeAnn && !v.ref && !v.record) {
          const rec = personRecordWord(p.typeAnn.replace(/[^\w]/g, " ").trim().split(/\s+/).pop() ?? "");
          if (rec) {
            v = this.withLabels(v, v.labels);
            v.record = { ...rec, loc: this.locOf(mod.file, p.span) };
          }
        }
        if (p.name && !v.record && !v.ref && v.str === undefined) {
          const rec = personRecordWord(p.name);
          if (rec) {
            v = this.withLabels(v, v.labels);
            v.record = { ...rec, loc: this.locOf(mod.file, p.span) };
          }
        }
        if (p.name && v.labels.length && !v.ref && !v.props && v.str === undefined) {
          // The callee's own name for the value, so logging it inside matches prompts inside.
          v = this.withLabels(v, mergeLabels(v.labels, [this.origin(`${mod.file}:${fn.id}|${p.name}`, this.locOf(mod.file, p.span))]));
        }
        this.bind(p.pattern, v, frame, p.span);
        // `constructor(private readonly repo: Repo)` also sets `this.repo`.
        if (p.property && p.name && thisValue) {
          thisValue.props ??= new Map();
          thisValue.props.set(p.name, v);
        }
      }
      this.execBlock(fn.body, frame);
    } finally {
      this.callStack.pop();
    }
    const results = [...frame.returns];
    if (fn.isGenerator) {
      const gen = union(frame.yields);
      const out = new Value(deepLabels(gen));
      out.elems = frame.yields.length ? [gen] : undefined;
      results.push(out);
    }
    if (results.length === 0) return new Value();
    return results.length === 1 ? results[0] : union(results);
  }

  private instantiate(cls: ClassDef, scope: Scope, mod: ModuleState, args: Args | undefined, caller: Pick<Frame, "guard" | "depth"> & Partial<Frame>, site: CallExpr | undefined): Value {
    const inst = Value.of({ k: "instance", className: cls.name ?? "", cls, module: mod });
    inst.props = new Map();
    const rec = this.recordClass(mod, cls);
    // Model classes (dataclasses, ORM models): constructor keywords are fields.
    if (args) for (const [k, v] of args.named) inst.props.set(k, v);
    if (rec) inst.record = { ...rec, loc: this.locOf(mod.file, cls.span) };
    const ctor = cls.body.find((s) => s.k === "func" && (s.fn.name === "__init__" || s.fn.name === "constructor"));
    // Class-level fields with values (`this.x = ...` in TS field initialisers).
    const fieldFrame = this.newFrame(mod, undefined, `${mod.file}:${cls.id}`, newScope(scope), { thisValue: inst, depth: (caller.depth ?? 0) + 1 });
    for (const s of cls.body) if (s.k === "assign" && s.targets.every((t) => t.k === "member")) this.exec(s, fieldFrame);
    if (ctor?.k === "func") {
      const frame = caller as Frame;
      if (frame.module) this.callFunction(ctor.fn, scope, mod, args ?? { positional: [], named: new Map(), exprs: [], all: [] }, inst, frame, site);
      else this.invokeFunction(ctor.fn, scope, mod, [], inst, { guard: {}, depth: 1, entry: true });
    } else if (args && args.positional.length && cls.fields.length >= args.positional.length) {
      // A dataclass or named tuple built positionally: the arguments fill its declared fields in order.
      args.positional.forEach((v, i) => inst.props!.set(cls.fields[i].name, v));
    } else if (args && args.positional.length && !args.named.size) {
      // Bases we cannot see (pydantic, dataclasses): keep the data.
      inst.labels = carry(args.all).labels;
    }
    return inst;
  }

  // ------------------------------------------------------------------ SDK calls

  private callSdk(ref: Extract<Ref, { k: "sdk" }>, callee: Value, args: Args, frame: Frame, e: CallExpr, receiver: Value | undefined): Value {
    const path = (ref as { path?: string[] }).path ?? [];
    const type = ref.type;
    if (type === "aws.sdkClient" && path.length === 1 && path[0] === "send") {
      const cmd = args.positional[0];
      const spec = cmd?.ref?.k === "sdk" && cmd.ref.type === "aws.command" ? awsCommand((cmd.ref as { model?: string }).model ?? "") : undefined;
      if (spec) {
        const inner: Args = { positional: [], named: new Map(cmd!.props ?? []), exprs: args.exprs, all: [cmd!] };
        return this.aiCall(ref.provider, spec, inner, frame, e, undefined);
      }
      return carry(args.all);
    }
    if (path.length === 0) {
      const callable = callableOf(type);
      if (callable?.returns) {
        const modelName = args.positional[0]?.str;
        return Value.of({ k: "sdk", provider: ref.provider, type: callable.returns, model: modelName, modality: "text", loc: this.loc(frame, e.span) });
      }
      if (callable) return this.aiCall(ref.provider, callable, args, frame, e, ref);
      return Value.of({ ...ref, path: [] } as Ref);
    }
    const method = findMethod(type, path);
    if (method) {
      if (method.returns === "langchain.runnable" && normaliseSegment(path[path.length - 1]) === "pipe") {
        return this.composeRunnable([Value.of({ ...ref, path: [] } as Ref), ...args.positional], this.loc(frame, e.span));
      }
      if (method.returns) {
        const modality = method.modality === "byModel" || method.modality === "byTask" ? "text" : method.modality;
        const model = args.positional[0]?.str ?? this.namedArg(args, "model")?.str;
        const out = Value.of({ k: "sdk", provider: ref.provider, type: method.returns, model, modality, loc: this.loc(frame, e.span), tags: mergeTags(ref.tags, method.tag ? [{ name: method.tag, loc: this.loc(frame, e.span) }] : undefined) });
        // Builders keep the model and template of the runnable they wrap.
        if (method.returns === "langchain.runnable" && ref.type.startsWith("langchain")) {
          (out.ref as { model?: string }).model = ref.model;
          (out.ref as { template?: Value }).template = (ref as { template?: Value }).template;
        }
        if (method.system) {
          const sys = method.system.map((s) => this.namedArg(args, s, frame)).filter((v): v is Value => !!v);
          if (sys.length) (out.ref as { system?: Value[] }).system = sys;
        }
        return out;
      }
      return this.aiCall(ref.provider, method, args, frame, e, ref, callee.labels);
    }
    // Unknown SDK method (listing, retrieval, configuration): keeps the client type when it configures it.
    const last = normaliseSegment(path[path.length - 1]);
    // Configuration calls that return the same client or model: `.to("cuda")`, `.with_options(...)`.
    if (["withoptions", "copy", "withconfig", "to", "cuda", "cpu", "half", "float", "eval", "bfloat16", "compile", "fuse"].includes(last)) return Value.of({ ...ref, path: path.slice(0, -1) } as Ref);
    void callee;
    void receiver;
    this.runCallbacks(args, frame, []);
    return carry(args.all, (l) => (l.kind === "request" || (l.kind === "ai" && l.toolCall) ? undefined : l));
  }

  private callExternal(ref: Extract<Ref, { k: "module" }>, _callee: Value, receiver: Value | undefined, name: string | undefined, args: Args, frame: Frame, e: CallExpr): Value {
    const full = this.fullName(ref);
    // `wrapOpenAI(client)`, `traceable(fn)`: the same client or function, tagged (resolved question 22).
    const wrapper = wrapperFor(full) ?? wrapperFor(full, TRACING_DECORATORS);
    if (wrapper) {
      const wrapped = args.positional[0];
      const tag: Tag | undefined = wrapper.tag ? { name: wrapper.tag, loc: this.loc(frame, e.span) } : undefined;
      if (wrapped?.ref?.k === "sdk" || wrapped?.ref?.k === "function") return Value.of({ ...wrapped.ref, tags: mergeTags(wrapped.ref.tags, tag && [tag]) } as Ref, wrapped.labels);
      if (wrapped) return wrapped;
    }
    const sdk = findSdkEntry(full);
    if (sdk) {
      if (sdk.kind === "call" && sdk.method) {
        if (sdk.method.returns) return Value.of({ k: "sdk", provider: sdk.provider, type: sdk.method.returns, loc: this.loc(frame, e.span) });
        return this.aiCall(sdk.provider, sdk.method, args, frame, e, undefined);
      }
      if (sdk.kind === "client" && sdk.type) {
        let type = sdk.type;
        let provider = sdk.provider;
        if (sdk.byFirstArg) {
          const service = args.positional[0]?.str ?? this.namedArg(args, "service_name")?.str;
          const t = service ? sdk.byFirstArg[service] : undefined;
          if (!t) {
            if (service === "s3") return this.roleValue("aws.s3");
            return carry(args.all);
          }
          type = t;
          if (service === "polly") provider = "aws-polly";
        }
        if (sdk.baseUrlArg) {
          const base = sdk.baseUrlArg.map((a) => this.namedArg(args, a)?.str).find((s) => s);
          const viaUrl = base ? providerForUrl(base) : undefined;
          if (viaUrl) provider = viaUrl;
        }
        if (type === "huggingface.pipeline") {
          const task = args.positional[0]?.str ?? this.namedArg(args, "task")?.str;
          const model = this.namedArg(args, "model")?.str ?? args.positional[1]?.str;
          const modality = modalityFromTask(task);
          return Value.of({ k: "sdk", provider, type, model, modality, loc: this.loc(frame, e.span) });
        }
        const model = this.namedArg(args, "model")?.str ?? this.namedArg(args, "model_name")?.str ?? (type.startsWith("langchain") || type.startsWith("google.model") || type.startsWith("diffusers") ? args.positional[0]?.str : undefined);
        const out = Value.of({ k: "sdk", provider, type, model, loc: this.loc(frame, e.span), tags: mergeTags(ref.tags, this.gatewayTags(args, frame, e.span)) });
        if (type === "google.model") {
          const sys = this.namedArg(args, "system_instruction") ?? this.namedArg(args, "systemInstruction");
          if (sys) (out.ref as { system?: Value[] }).system = [sys];
        }
        // A dataset built from records carries them to `push_to_hub`.
        if (type === "datasets.dataset") out.labels = carry(args.all).labels;
        return out;
      }
    }
    // AWS SDK v3 commands: `new ConverseCommand({...})`.
    const last = ref.path[ref.path.length - 1] ?? "";
    if (/^@aws-sdk\//.test(ref.module) && awsCommand(last)) {
      const v = Value.of({ k: "sdk", provider: "bedrock", type: "aws.command", model: last } as Ref);
      v.props = new Map(args.positional[0]?.props ?? []);
      return v;
    }
    // Storage commands (`new PutObjectCommand({...})`, `new PutCommand({...})`): stored when a client sends them.
    if (AWS_STORE_MODULES.has(ref.module) && AWS_STORE_COMMANDS[last]) {
      const v = new Value(carry(args.all).labels);
      v.props = new Map(args.positional[0]?.props ?? []);
      (v as Value & { command?: string }).command = last;
      return v;
    }
    if (ref.module === "@aws-sdk/lib-storage" && last === "Upload") {
      const params = this.namedArg(args, "params");
      const body = params?.props?.get("Body");
      if (body) this.recordSink(frame, e.span, "storage", "Upload", [body], false, e.args.map((a) => a.value));
      return new Value();
    }
    // LangChain message classes carry their role (for system prompts).
    const role = MESSAGE_CLASSES[last];
    if (role && /langchain|llama_index|llamaindex|azure\.ai\.inference|@azure-rest\/ai-inference/.test(ref.module)) {
      const content = args.positional[0] ?? this.namedArg(args, "content") ?? this.namedArg(args, "template") ?? new Value();
      const v = new Value();
      v.props = new Map([["role", Value.string(role)], ["content", content]]);
      return v;
    }
    if (/langchain|llama_index|llamaindex/.test(ref.module) && /ChatPromptTemplate|PromptTemplate/.test(ref.path.join("."))) {
      return this.promptTemplate(args);
    }
    // Composing chains and agents from a model keeps it an AI runnable (`RunnableSequence.from([prompt, model, parser])`).
    if (/langchain|llama_index|llamaindex|crewai|autogen|langgraph/.test(ref.module)) {
      const parts = [...args.all, ...args.named.values()].flatMap((a) => (a.elems && !a.ref ? a.elems : [a]));
      if (parts.some(isRunnable)) return this.composeRunnable(parts.filter(isRunnable), this.loc(frame, e.span));
    }
    if (PY_RESPONSE_CONSTRUCTORS.has(full) || JS_RESPONSE_CONSTRUCTORS.has(full)) return this.responseValue(args, frame, e, full);
    const shaped = name ? this.shapedCall(e, name, args, frame) : undefined;
    if (shaped) return shaped;
    const fw = frameworkRole(full);
    if (fw) return this.callRole(fw, this.roleValue(fw), receiver, name, args, frame, e);
    if (ref.py) return this.callPythonLibrary(full, args, frame, e, name);
    return this.callJsLibrary(full, ref, args, frame, e, name);
  }

  /** A client pointed at a logging gateway: by its base URL or by the gateway's header among its default headers. */
  private gatewayTags(args: Args, frame: Frame, span: Span): Tag[] {
    const tags: Tag[] = [];
    const loc = this.loc(frame, span);
    for (const name of ["base_url", "baseURL", "baseUrl", "api_base"]) {
      const url = this.namedArg(args, name)?.str;
      const tag = url ? gatewayTagForUrl(url) : undefined;
      if (tag) tags.push({ name: tag, loc });
    }
    for (const name of ["default_headers", "defaultHeaders"]) {
      for (const key of this.namedArg(args, name)?.props?.keys() ?? []) {
        const tag = gatewayTagForHeader(key);
        if (tag) tags.push({ name: tag, loc });
      }
    }
    return tags;
  }

  /** `prompt | model | parser`, `prompt.pipe(model)`: a runnable that keeps the model and the prompt template. */
  private composeRunnable(parts: readonly Value[], loc: Loc): Value {
    const model = parts.find((p) => p.ref?.k === "sdk" && p.ref.type !== "$promptTemplate" && isRunnable(p)) ?? parts.find(isRunnable)!;
    const mref = model.ref as Extract<Ref, { k: "sdk" }> & { template?: Value };
    const template = parts.map((p) => (p.ref?.k === "sdk" && p.ref.type === "$promptTemplate" ? p : (p.ref as { template?: Value } | undefined)?.template)).find((t) => t);
    const out = Value.of({ k: "sdk", provider: mref.type === "$promptTemplate" ? "langchain" : mref.provider, type: "langchain.runnable", model: mref.model, loc } as Ref);
    if (template) (out.ref as { template?: Value }).template = template;
    return out;
  }

  /** Values filling `{placeholders}` of a template's system messages from the invoke input. */
  private templateSystemValues(template: Value | undefined, input: Value | undefined): Value[] {
    if (!template?.elems) return [];
    const out: Value[] = [];
    for (const m of template.elems) {
      const role = m.props?.get("role")?.str;
      const content = m.props?.get("content");
      if ((role !== "system" && role !== "developer") || !content) continue;
      // A system message built from data when the template was made (`("system", RULES + " Speak as " + hint)`).
      if (content.str === undefined) {
        if (content.labels.length) out.push(content);
        continue;
      }
      for (const match of content.str.matchAll(/\{(\w+)\}/g)) {
        const v = input?.props?.get(match[1]);
        if (v) out.push(v);
      }
    }
    return out;
  }

  /** `ChatPromptTemplate.from_messages([("system", "...{tone}"), ("human", "{input}")])`. */
  private promptTemplate(args: Args): Value {
    const v = new Value();
    const messages = args.positional[0] ?? this.namedArg(args, "messages");
    const elems: Value[] = [];
    for (const m of messages?.elems ?? []) {
      const roleName = m.elems?.[0]?.str ?? m.props?.get("role")?.str;
      const content = m.elems?.[1] ?? m.props?.get("content") ?? m;
      const msg = new Value();
      msg.props = new Map([["role", Value.string(roleName === "human" ? "user" : roleName ?? "user")], ["content", content]]);
      elems.push(msg);
    }
    if (!elems.length && args.positional[0]) elems.push(args.positional[0]);
    v.elems = elems;
    v.ref = { k: "sdk", provider: "langchain", type: "$promptTemplate" } as Ref;
    return v;
  }

  private callPythonLibrary(full: string, args: Args, frame: Frame, e: CallExpr, name: string | undefined): Value {
    // `partial(co.chat, model=...)`: calling it calls the model with those arguments first.
    if (full === "functools.partial" && args.positional[0]?.ref?.k === "sdk") {
      const bound = Value.of(args.positional[0].ref);
      (bound as Value & { preset?: Args }).preset = { positional: args.positional.slice(1), named: args.named, exprs: [], all: args.all.slice(1) };
      return bound;
    }
    // Raw HTTP to a known AI host (resolved question 2).
    if (/^(requests|httpx|aiohttp|urllib3)\.(post|put|request|get|patch|stream)$/.test(full) || /^(requests|httpx)\.(Session|Client|AsyncClient)\.(post|put|request|stream)$/.test(full)) {
      const raw = this.rawHttp(args, frame, e, /request$/.test(full) ? 1 : 0);
      if (raw) return raw;
    }
    if (/^(requests|httpx)\.(Session|Client|AsyncClient)$/.test(full) || /^aiohttp\.ClientSession$/.test(full)) return this.roleValue("$http");
    if (full === "boto3.resource" && args.positional[0]?.str === "s3") return this.roleValue("aws.s3");
    if (PYTHON_FILE_WRITERS.has(full) || PYTHON_FILE_WRITERS.has(full.replace(/^numpy/, "np"))) {
      if (full === "csv.writer") return this.roleValue("python.file");
      if (args.positional.length >= 2) this.recordSink(frame, e.span, "file", full, [args.positional[0]], false, e.args.slice(0, 1).map((a) => a.value));
      return new Value();
    }
    if (/^(datetime\.datetime|datetime)\.(now|utcnow|today)$/.test(full) || /^time\.time$/.test(full) || /^(django\.utils\.timezone)\.now$/.test(full)) {
      const v = new Value();
      (v as Value & { time?: boolean }).time = true;
      return v;
    }
    if (/^(os\.getenv|os\.environ\.get)$/.test(full)) return new Value();
    // Hashes and name-based UUIDs of a value: a pseudonym, no longer the value itself.
    if (/^hashlib\./.test(full) || /^hmac\./.test(full) || /^uuid\.uuid[35]$/.test(full)) {
      const v = carry(args.all);
      v.labels = withRedaction(v.labels, this.loc(frame, e.span));
      return v;
    }
    if (PY_SERIALISERS.has(full)) {
      const out = carry(args.all.map((a) => this.serialised(a, frame, e.span)));
      // `json.dumps({...})` keeps its object so a request body's fields stay visible (Bedrock `body=`).
      if (/dumps$/.test(full) && args.positional[0]?.props) (out as Value & { json?: Value }).json = args.positional[0];
      return this.textKeepsDisclosure(out, args.positional[0], frame, e.span);
    }
    if (PY_MESSAGE_OBJECTS.has(full) && args.all.length === 0) return Object.assign(new Value(), { props: new Map<string, Value>() });
    // An empty in-memory buffer is a container: what is written into it is what it holds, and nothing else.
    if (IN_MEMORY_BUFFERS.has(full) && args.all.length === 0) return Object.assign(new Value(), { elems: [] as Value[] });
    if (/^(PIL\.Image|Image)\.(open|frombytes|fromarray|new)$/.test(full) || PY_CARRIERS.has(full)) return carry(args.all);
    if (/^imwatermark\./.test(full)) {
      const v = Value.of({ k: "module", module: "imwatermark", path: ["encoder"], local: false, py: true });
      return v;
    }
    if (full === "streamlit.session_state") return this.roleValue("streamlit.sessionState");
    this.runCallbacks(args, frame, []);
    return this.unknownCallResult(args, name, false);
  }

  private callJsLibrary(full: string, ref: Extract<Ref, { k: "module" }>, args: Args, frame: Frame, e: CallExpr, name: string | undefined): Value {
    if (/^(axios)#(post|put|request|patch|get)?$/.test(full) || /^(axios)#default\.(post|put|request)$/.test(full) || /^(got|ky|node-fetch|undici|cross-fetch|isomorphic-fetch)#(post|put|default|fetch|request)?$/.test(full)) {
      const raw = this.rawHttp(args, frame, e, 0);
      if (raw) return raw;
    }
    if (/^(@ai-sdk\/react|ai\/react|@ai-sdk\/vue|@ai-sdk\/svelte|ai\/svelte|ai\/vue|@ai-sdk\/ui-utils)#(useChat|useCompletion|useObject|useAssistant|experimental_useObject|Chat)$/.test(full)) {
      return this.uiHookValue(frame, e, ref.path[ref.path.length - 1]);
    }
    if (/^react#(useState|useReducer)$/.test(full)) return this.reactState(args);
    if (/^react#(useEffect|useCallback|useMemo|useLayoutEffect)$/.test(full)) {
      const r = this.runCallbacks(args, frame, []);
      return r[0] ?? new Value();
    }
    if (/^uuid#(v3|v5)$/.test(full)) return Object.assign(carry(args.all), { labels: withRedaction(carry(args.all).labels, this.loc(frame, e.span)) });
    if (/#(randomUUID|nanoid|v4|uuid)$/.test(full)) return new Value();
    this.runCallbacks(args, frame, []);
    return this.unknownCallResult(args, name, false);
  }

  /** Vercel AI UI hooks are AI sources (resolved question 18). */
  private uiHookValue(frame: Frame, e: CallExpr, hook: string): Value {
    const site: AiCallSite = { id: ++aiCallCounter, loc: this.loc(frame, e.span), provider: "vercel-ai", modality: "text", api: hook };
    const label: AiLabel = { kind: "ai", id: newLabelId(), call: site, hops: [] };
    this.facts.filesWithAiCalls.add(frame.module.file);
    const content = new Value([label]);
    const messages = new Value([label]);
    messages.elems = [content];
    const v = new Value();
    v.props = new Map([["messages", messages], ["completion", new Value([label])], ["object", new Value([label])], ["data", new Value([label])]]);
    (v as Value & { inventory?: AiCallSite }).inventory = site;
    this.facts.addAiCall({ site, method: { path: hook, modality: "text" }, promptLabels: [], systemLabels: [], argLabels: [], guard: frame.guard, userDataInScope: false, tags: frame.tags ?? [], call: e, arg: () => undefined, slots: new Map() });
    return v;
  }

  private reactState(args: Args): Value {
    const state = this.withLabels(args.positional[0] ?? new Value(), (args.positional[0] ?? new Value()).labels);
    const setter = Value.of({ k: "builtin", name: "$setState" });
    (setter as Value & { target?: Value }).target = state;
    const out = new Value();
    out.elems = [state, setter];
    return out;
  }

  /** `fetch(url, {body})`, `requests.post(url, json=...)`: an AI call when the URL is a known AI host. */
  private rawHttp(args: Args, frame: Frame, e: CallExpr, urlIndex: number): Value | undefined {
    const urlValue = args.positional[urlIndex] ?? this.namedArg(args, "url");
    const url = urlValue?.str ?? (urlValue?.texts ? urlValue.texts.join("") : undefined);
    if (!url) return undefined;
    const endpoint = aiEndpoint(url);
    if (!endpoint) return undefined;
    const body = this.namedArg(args, "json") ?? this.namedArg(args, "body") ?? this.namedArg(args, "data") ?? this.namedArg(args, "content") ?? args.positional[urlIndex + 1];
    const payload = body?.props ? body : body ? this.parsedJson(body) : undefined;
    const named = new Map<string, Value>();
    if (payload?.props) for (const [k, v] of payload.props) named.set(k, v);
    const modality = endpoint.modality === "training" ? "training" : endpoint.modality;
    const method: MethodSpec = {
      path: endpoint.api,
      modality,
      prompt: HTTP_PROMPT_KEYS,
      system: HTTP_SYSTEM_KEYS,
      interaction: modality === "text",
      training: endpoint.modality === "training" ? "always" : undefined,
      api: `POST ${endpoint.api}`,
    };
    const inner: Args = { positional: [], named, exprs: args.exprs, all: body ? [body] : [] };
    return this.aiCall(endpoint.provider, method, inner, frame, e, undefined);
  }

  /** `JSON.stringify({...})` keeps its object so the request body's fields are visible. */
  private parsedJson(v: Value): Value {
    return (v as Value & { json?: Value }).json ?? v;
  }

  private aiCall(provider: string, method: MethodSpec, args: Args, frame: Frame, e: CallExpr, client: Extract<Ref, { k: "sdk" }> | undefined, receiverLabels: readonly Label[] = EMPTY_LABELS): Value {
    const loc = this.loc(frame, e.span);
    let modelValue = typeof method.modelArg === "number" ? args.positional[method.modelArg] : this.namedArg(args, method.modelArg ?? "model");
    let modality: Modality;
    let model = modelValue?.str ?? client?.model;
    if (modelValue?.ref?.k === "sdk") {
      model = modelValue.ref.model ?? model;
      if (modelValue.ref.modality && method.modality !== "embedding") modality = modelValue.ref.modality;
    }
    if (method.modality === "byModel") modality = modalityFromModelName(model);
    else if (method.modality === "byTask") modality = client?.modality ?? "text";
    else modality ??= method.modality;
    if (modelValue?.ref?.k === "sdk" && modelValue.ref.type === "vercel.imageModel" && method.modality === "text") modality = "image";
    // Output modalities asked for in the call (`response_modalities=["AUDIO"]`, `modalities: ["text", "audio"]`).
    for (const path of method.modalityArgs ?? []) {
      const listed = this.namedArg(args, path, frame);
      if (!listed) continue;
      const words = (listed.elems ?? [listed]).map((x) => (x.str ?? (x.ref?.k === "module" ? x.ref.path[x.ref.path.length - 1] : ""))?.toLowerCase() ?? "");
      if (words.includes("audio")) modality = "audio";
      else if (words.includes("image")) modality = "image";
      break;
    }
    const purpose = this.namedArg(args, "purpose")?.str;
    const site: AiCallSite = { id: ++aiCallCounter, loc, provider, modality, api: method.api ?? method.path, model };
    // Prompt and system arguments.
    const promptValues: Value[] = [];
    for (const name of method.prompt ?? []) {
      const v = this.namedArg(args, name, frame);
      if (v) promptValues.push(v);
    }
    for (const i of method.positional ?? []) if (args.positional[i]) promptValues.push(args.positional[i]);
    if (client?.type === "langchain.runnable" || client?.type === "langchain.model") {
      for (const v of args.named.values()) promptValues.push(v);
    }
    const systemValues: Value[] = [];
    for (const name of method.system ?? []) {
      const v = this.namedArg(args, name, frame);
      if (v) systemValues.push(v);
    }
    // A system instruction given when the model or chat was created (`getGenerativeModel({ systemInstruction })`).
    const clientSystem = (client as { system?: Value[] } | undefined)?.system ?? (modelValue?.ref as { system?: Value[] } | undefined)?.system;
    if (clientSystem) systemValues.push(...clientSystem);
    // A LangChain prompt template whose system message is filled from the input.
    systemValues.push(...this.templateSystemValues((client as { template?: Value } | undefined)?.template, args.positional[0]));
    for (const p of promptValues) {
      this.collectSystemMessages(p, systemValues, 0);
      // A serialised request body (`body=json.dumps({"system": ..., "messages": [...]})`).
      const body = (p as Value & { json?: Value }).json;
      if (body?.props) {
        for (const key of HTTP_SYSTEM_KEYS) {
          const sys = body.props.get(key);
          if (sys) systemValues.push(sys);
        }
        const messages = body.props.get("messages");
        if (messages) this.collectSystemMessages(messages, systemValues, 0);
      }
    }
    const promptLabels = mergeLabelLists([...promptValues, ...systemValues].map((v) => deepLabels(v)));
    const systemLabels = mergeLabelLists(systemValues.map((v) => deepLabels(v)));
    const argLabels = mergeLabels(receiverLabels, ...args.all.map((v) => deepLabels(v)));
    // What a user sent that becomes a prompt is interaction data from the moment it is received (resolved question 7):
    // the identities of prompt parts that carry request data, whatever the call generates.
    if (isContent(modality)) for (const v of [...promptValues, ...systemValues]) this.notePromptOrigins(v, !!method.interaction, 0);
    for (const l of argLabels) if (l.kind === "pii" && l.literal) this.facts.literalsIntoAi.set(`${l.loc.file}:${l.loc.start}:${l.loc.end}`, loc);
    const repoType = this.namedArg(args, "repo_type")?.str ?? this.namedArg(args, "repoType")?.str ?? this.namedArg(args, "repo")?.props?.get("type")?.str;
    // An upload to a model or space repository (a model card, weights) is no dataset push and no AI call.
    if (method.training === "dataset" && repoType !== undefined && repoType !== "dataset") return new Value();
    this.facts.addAiCall({
      site,
      method,
      stmt: frame.stmt,
      systemTargets: systemLabels.some((l) => l.kind === "request") ? this.fixContext(frame, systemExprs(method, args.exprs), (l) => l.kind === "request").targets : undefined,
      promptLabels,
      systemLabels,
      argLabels,
      guard: frame.guard,
      purpose,
      datasetTarget: method.training === "dataset" ? repoType === "dataset" : undefined,
      userDataInScope: frame.userData,
      tags: mergeTags(client?.tags, modelValue?.ref?.k === "sdk" ? modelValue.ref.tags : undefined, frame.tags) ?? [],
      call: e,
      arg: (path) => this.namedArg(args, path),
      slots: this.slotArgs(method, e),
    });
    if (modality === "training" || modality === "moderation" || modality === "classification" || modality === "embedding" || method.job) {
      const v = new Value([{ kind: "ai", id: newLabelId(), call: site, hops: [] }].map((l) => ({ ...l })) as Label[]);
      // Their outputs are not content (resolved question 2 and 5): keep only the inventory.
      v.labels = EMPTY_LABELS;
      return v;
    }
    const label: AiLabel = { kind: "ai", id: newLabelId(), call: site, hops: [] };
    const out = new Value([label]);
    out.loc = loc;
    if (method.returns) out.ref = { k: "sdk", provider, type: method.returns };
    // Callbacks given the finished output (`onFinish({ text, usage })`): their parameter carries it.
    for (const name of method.resultCallbacks ?? []) {
      const cb = this.namedArg(args, name);
      if (cb?.ref?.k !== "function") continue;
      const event = new Value([label]);
      this.callFunction(cb.ref.fn, cb.ref.scope, this.moduleFor(cb.ref.module.file), { positional: [event], named: new Map(), exprs: [], all: [event] }, cb.ref.boundThis, frame, undefined);
    }
    return out;
  }

  /** The catalogue's argument groups of a method as written at this call, with what each carried when the call was made. */
  private slotArgs(method: MethodSpec, e: CallExpr): Map<string, SlotArg[]> {
    const out = new Map<string, SlotArg[]>();
    for (const [slot, paths] of Object.entries(method.slots ?? {})) {
      const found: SlotArg[] = [];
      for (const path of paths) {
        const expr = optionExpr(e, path);
        const value = expr ? this.exprValues.get(expr) : undefined;
        if (expr) found.push({ path, span: expr.span, labels: value ? deepLabels(value) : EMPTY_LABELS });
      }
      if (found.length) out.set(slot, found);
    }
    return out;
  }

  /**
   * Records the identities of the prompt's messages, part by part: a part that carries request data (what a user
   * sent), or, for conversational calls, a value given whole as a prompt or message. A value only interpolated into
   * instruction text (`f"Summarise these {area} judgments"`) configures the prompt and is no message; the text a
   * speech or image model is given is a message only when a user sent it.
   */
  private notePromptOrigins(v: Value, conversational: boolean, depth: number): void {
    if (depth > 6) return;
    const children = [...(v.props?.values() ?? []), ...(v.elems ?? [])];
    const own = children.length ? v.labels : deepLabels(v);
    if (own.some((l) => l.kind === "request") || (conversational && !v.texts?.length)) for (const l of own) if (l.kind === "origin") this.facts.promptOrigins.add(l.key);
    for (const c of children) this.notePromptOrigins(c, conversational, depth + 1);
  }

  /**
   * A UI caption or heading with label text anywhere in the same function (or script) discloses what
   * that function shows (resolved question 6(d)): `st.caption("AI-generated ...")` beside the content.
   */
  private captionIn(body: readonly Stmt[], file: string): Loc | undefined {
    let found: Loc | undefined;
    const visitStmts = (stmts: readonly Stmt[], depth: number): void => {
      if (depth > 6 || found) return;
      for (const s of stmts) {
        if (found) return;
        if (s.k === "expr") {
          const call = s.expr.k === "await" ? s.expr.expr : s.expr;
          if (call.k === "call" && call.callee.k === "member" && /^(caption|subheader|header|title)$/.test(call.callee.prop)) {
            const first = call.args[0]?.value;
            if (first?.k === "str" && hasDisclosureText(first.value, this.options.vocabulary.disclosureText)) found = this.locOf(file, call.span);
          }
        } else if (s.k !== "func" && s.k !== "class") forEachStmtPart(s, () => undefined, (b) => visitStmts(b, depth + 1));
      }
    };
    visitStmts(body, 0);
    return found;
  }

  /** Messages with a system or developer role, `SystemMessage(...)`, anywhere in a prompt list. */
  private collectSystemMessages(v: Value, out: Value[], depth: number): void {
    if (depth > 4) return;
    const role = v.props?.get("role")?.str;
    if (role === "system" || role === "developer") {
      const content = v.props?.get("content") ?? v.props?.get("text") ?? v.props?.get("parts");
      if (content) out.push(content);
      return;
    }
    if (v.elems) for (const el of v.elems) this.collectSystemMessages(el, out, depth + 1);
  }

  // ------------------------------------------------------------------ framework roles

  private callRole(role: string, callee: Value, receiver: Value | undefined, _name: string | undefined, args: Args, frame: Frame, e: CallExpr): Value {
    const hash = role.indexOf("#");
    const baseRole = hash >= 0 ? role.slice(0, hash) : role;
    const method = hash >= 0 ? role.slice(hash + 1) : undefined;
    const spec = ROLES[baseRole];
    if (baseRole === "$headers" && method && /^(set|append|update|setdefault)$/.test(method)) {
      const h = args.positional[0]?.str;
      const keys = [...(args.positional[0]?.props?.keys() ?? []), ...args.named.keys()];
      if ((h && isDisclosureFieldName(h, this.options.vocabulary.disclosure)) || keys.some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure))) this.markHeadersDisclosed(callee, frame, e.span);
      return new Value();
    }
    if (baseRole === "$registration") return callee;
    if (method === undefined) {
      // Calling the framework object itself.
      if (spec?.callable?.role) return this.roleValue(spec.callable.role, this.argsState(args));
      if (spec?.callable?.register) return this.register(spec.callable.register, args, frame, e, "call");
      if (spec?.callable?.sink) {
        this.sinkBySpec(spec.callable.sink, RECORD_CATEGORIES.has(spec.callable.sink.category) ? "record" : "user", frame, e.span, role, args, receiver);
        return new Value();
      }
      if (baseRole === "fs.member" || baseRole.startsWith("fs.")) return new Value();
      if (baseRole === "ptb.handlerCtor") {
        this.registerCallbacks(args, { kind: "bot", params: ["ptb.update", "ptb.context"] }, frame, "last");
        return new Value();
      }
      if (baseRole === "celery.app") return this.registrationMarker({ registration: { kind: "worker" } });
      if (baseRole === "hono.streamHelper") {
        // The callback writes the response as it runs: it gets the stream at once.
        this.runCallbacks(args, frame, [this.roleValue("hono.stream")]);
        const out = new Value();
        out.delivered = true;
        return out;
      }
      if (baseRole === "graphql.schema") {
        this.registerResolvers(this.namedArg(args, "resolvers", frame));
        return new Value();
      }
      if (baseRole === "python.file") return this.roleValue("python.file");
      if (baseRole === "gradio.module") return this.roleValue("gradio.module");
      // Queue workers and other framework objects that take a processing function: it handles jobs.
      if (args.all.some((a) => a.ref?.k === "function")) this.registerCallbacks(args, { kind: "worker" }, frame, "all");
      const made = this.roleValue(baseRole);
      // `APIRouter(dependencies=[Depends(require_consent)])`: every route of this router is guarded.
      for (const d of this.dependencyList(e.args)) {
        if (this.isConsentDependency(d)) (made.ref as Extract<Ref, { k: "framework" }>).consent = this.loc(frame, d.span);
      }
      return made;
    }
    if (baseRole === "fs.member" || (baseRole === "fs.module" && FS_READ_METHODS.has(method))) return this.callFsMember(method, args, frame, e);
    if (spec?.registers?.[method]) return this.register(spec.registers[method], args, frame, e, method, (callee.ref as Extract<Ref, { k: "framework" }>).owner ?? receiver);
    if (baseRole === "gradio.module") return this.callGradio(method, args, frame, e);
    const state = (callee.ref as Extract<Ref, { k: "framework" }>).state;
    // Builders (`procedure.input(...)`, `procedure.use(requireConsent)`) return a new one that keeps
    // the consent its routes are guarded by, and adds one when the middleware's name denotes consent.
    const ownerConsent = routerConsent((callee.ref as Extract<Ref, { k: "framework" }>).owner);
    if (spec?.middleware?.includes(method)) {
      const next = this.roleValue(baseRole, state);
      const guard = e.args.find((a) => this.namesConsentGuard(a.value));
      (next.ref as Extract<Ref, { k: "framework" }>).consent = guard ? this.loc(frame, guard.span) : ownerConsent;
      return next;
    }
    if (spec?.chain?.includes(method)) {
      if (spec.headerMethods?.includes(method)) this.headerCall(args, frame, e, callee);
      const next = this.roleValue(baseRole, state);
      if (ownerConsent) (next.ref as Extract<Ref, { k: "framework" }>).consent = ownerConsent;
      return next;
    }
    if (spec?.headerMethods?.includes(method)) {
      this.headerCall(args, frame, e, callee);
      return this.roleValue(baseRole, state);
    }
    const userSink = spec?.userSinks?.[method];
    if (userSink) {
      if (baseRole === "streamlit.module") return this.streamlitCall(method, userSink, args, frame, e);
      this.sinkBySpec(userSink, "user", frame, e.span, `${baseRole}.${method}`, args, receiver);
      return userSink.category === "response" ? this.roleValue(baseRole) : new Value();
    }
    const recordSink = spec?.recordSinks?.[method];
    if (recordSink) {
      this.sinkBySpec(recordSink, "record", frame, e.span, `${baseRole}.${method}`, args, receiver, undefined, e.callee.k === "member" ? e.callee.object : undefined);
      return new Value();
    }
    if (spec?.anyMethodSink && !spec.anyMethodSink.except?.includes(method)) {
      if (spec.methodRoles?.[method]) return this.roleValue(spec.methodRoles[method]);
      if (spec.selfMethods?.includes(method)) return this.roleValue(baseRole);
      if (baseRole === "console" && !frame.module.isServer) return new Value();
      this.sinkBySpec(spec.anyMethodSink, spec.anyMethodSink.kind, frame, e.span, `${baseRole}.${method}`, args, receiver);
      return new Value();
    }
    if (spec?.requestMethods?.includes(method)) {
      const v = this.requestData(callee, method, frame, e.span, `${baseRole.split(".")[0]} ${method}()`);
      return v;
    }
    if (spec?.methodRoles?.[method]) return this.roleValue(spec.methodRoles[method], this.argsState(args));
    if (spec?.selfMethods?.includes(method)) return this.roleValue(baseRole, state);
    // Builders: `sharp(img).resize(512).png()` keeps the image; `toBuffer()` gives its bytes.
    if (spec?.dataMethods?.includes(method)) return state ? carry([state]) : new Value();
    if (spec?.fluent) return this.roleValue(baseRole, state ? this.fluentState(state, args, frame, e) : undefined);
    if (baseRole === "$http") {
      const raw = this.rawHttp(args, frame, e, 0);
      if (raw) return raw;
    }
    if (baseRole === "streamlit.sessionState") return method === "get" ? (args.positional[0]?.str ? this.streamlitState.get(args.positional[0].str) ?? new Value() : new Value()) : new Value();
    this.runCallbacks(args, frame, []);
    return new Value();
  }

  /** A builder step: the object keeps its data; metadata written with an AI label marks the media (a watermark marker). */
  private fluentState(state: Value, args: Args, frame: Frame, e: CallExpr): Value {
    if (!args.all.some((a) => this.carriesAiLabelText(a))) return state;
    const out = new Value(withAiFlag(deepLabels(state), "watermarked", this.loc(frame, e.span)));
    out.watermarked = this.loc(frame, e.span);
    return out;
  }

  /** Metadata that says the media is AI-generated: label text or a disclosure field name anywhere in it. */
  private carriesAiLabelText(v: Value): boolean {
    const vocab = this.options.vocabulary;
    if (deepTexts(v, 6).some((t) => hasDisclosureText(t, vocab.disclosureText))) return true;
    const keys = (x: Value, depth: number): boolean => depth <= 6 && !!x.props && [...x.props].some(([k, pv]) => isDisclosureFieldName(k, vocab.disclosure) || keys(pv, depth + 1));
    return keys(v, 0);
  }

  private callFsMember(method: string, args: Args, frame: Frame, e: CallExpr): Value {
    const spec = ROLES["fs.module"].recordSinks?.[method];
    if (spec) this.sinkBySpec(spec, "record", frame, e.span, `fs.${method}`, args, undefined);
    if (method === "createWriteStream") return this.roleValue("fs.stream");
    // Reading a file the user uploaded (`fs.createReadStream(req.file.path)`) gives what they sent.
    if (FS_READ_METHODS.has(method)) return carry(args.positional.slice(0, 1), (l) => (l.kind === "request" ? l : undefined));
    return new Value();
  }

  private headerCall(args: Args, frame: Frame, e: CallExpr, callee: Value): void {
    const name = args.positional[0]?.str;
    const obj = args.positional[0]?.props;
    const disclosed = (name && isDisclosureFieldName(name, this.options.vocabulary.disclosure)) || (obj && [...obj.keys()].some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure)));
    if (disclosed) frame.responseDisclosure = this.loc(frame, e.span);
    void callee;
  }

  private registrationMarker(info: HandlerInfo): Value {
    const v = this.roleValue("$registration");
    (v as Value & { registration?: HandlerInfo }).registration = info;
    return v;
  }

  /** `app.post(path, [middleware...], handler)`, `bot.on(event, handler)`, `@app.get(path)`. */
  private register(reg: Registration, args: Args, frame: Frame, e: CallExpr, method: string, router?: Value): Value {
    const fnArgs = args.all.filter((a) => a.ref?.k === "function");
    // Consent middleware before the handler (resolved question 8).
    let consent: Loc | undefined;
    // Route options with hooks (Fastify `{ preHandler: requireConsent }`, `{ onRequest: [auth, requireConsent] }`).
    for (const a of e.args) {
      if (a.value.k !== "object") continue;
      for (const p of a.value.entries) {
        if (!/^(preHandler|onRequest|preValidation|beforeHandle|middleware|middlewares)$/.test(p.key ?? "")) continue;
        const hooks = p.value.k === "array" ? p.value.elements : [p.value];
        const guard = hooks.find((h) => this.namesConsentGuard(h));
        if (guard) consent = this.loc(frame, guard.span);
      }
    }
    e.args.forEach((a, i) => {
      const v = args.all[i];
      if (this.namesConsentGuard(a.value) && (v?.ref?.k === "function" || a.value.k === "call" || a.value.k === "name")) {
        if (fnArgs.length > 1 || v?.ref?.k !== "function" || i < e.args.length - 1) consent = this.loc(frame, a.span);
      }
    });
    if (fnArgs.length === 0) {
      // A decorator factory: `@app.post("/x")`, or `router.use(requireConsent)` applying to later routes.
      // `router.use(requireConsent(...))`: routes added to this router afterwards are guarded.
      if (method === "use" && consent && router?.ref?.k === "framework") router.ref.consent = consent;
      return this.registrationMarker({ registration: reg, consent, router });
    }
    const handlerValue = fnArgs[fnArgs.length - 1];
    const middleware = fnArgs.slice(0, -1);
    for (const m of middleware) {
      const fnRef = m.ref as Extract<Ref, { k: "function" }>;
      if (fnRef.fn.name && isConsentGuardName(fnRef.fn.name, this.options.vocabulary.consent)) consent = this.loc(frame, fnRef.fn.span);
    }
    const href = handlerValue.ref as Extract<Ref, { k: "function" }>;
    const info: HandlerInfo = { registration: reg, consent: consent ?? routerConsent(router), router: method === "use" ? undefined : router };
    this.moduleFor(href.module.file).handlers.set(href.fn.id, info);
    // `router.use(requireConsent)`: a consent middleware guards the routes added to the router after it.
    if (method === "use" && fnArgs.length === 1 && href.fn.name && isConsentGuardName(href.fn.name, this.options.vocabulary.consent) && router?.ref?.k === "framework") {
      router.ref.consent = this.loc(frame, e.span);
      return new Value();
    }
    // Evaluate inline handlers now, with their parameters typed by the framework.
    const mod = this.moduleFor(href.module.file);
    const key = `${mod.file}:${href.fn.id}`;
    if (!this.evaluatedEntries.has(key)) {
      this.evaluatedEntries.add(key);
      const params = this.paramValuesFor(mod, href.fn, info);
      try {
        this.invokeFunction(href.fn, href.scope, mod, params, href.boundThis, { guard: info.consent ? { consent: info.consent } : {}, handler: info, depth: frame.depth + 1, entry: true });
      } catch (err) {
        if (!(err instanceof BudgetExceeded)) throw err;
      }
    }
    return new Value();
  }

  private registerCallbacks(args: Args, reg: Registration, frame: Frame, which: "last" | "all", uiDisclosure?: Loc): void {
    const fns = args.all.filter((a) => a.ref?.k === "function");
    const chosen = which === "last" ? fns.slice(-1) : fns;
    for (const f of chosen) {
      const href = f.ref as Extract<Ref, { k: "function" }>;
      this.moduleFor(href.module.file).handlers.set(href.fn.id, { registration: reg });
      const mod = this.moduleFor(href.module.file);
      const key = `${mod.file}:${href.fn.id}`;
      if (this.evaluatedEntries.has(key)) continue;
      this.evaluatedEntries.add(key);
      try {
        this.invokeFunction(href.fn, href.scope, mod, this.paramValuesFor(mod, href.fn, { registration: reg }), undefined, { guard: {}, handler: { registration: reg }, depth: frame.depth + 1, entry: true, uiDisclosure });
      } catch (err) {
        if (!(err instanceof BudgetExceeded)) throw err;
      }
    }
  }

  /** Gradio: `gr.Interface(fn=...)`, `gr.ChatInterface(fn=...)`, `button.click(fn, ...)`. */
  private callGradio(method: string, args: Args, frame: Frame, e: CallExpr): Value {
    const uiReg: Registration = { kind: "ui", returnIsSink: "ui" };
    if (/^(Interface|ChatInterface|TabbedInterface)$/.test(method) || /^(click|submit|change|input|upload|select|load|then|success|release|blur|focus|stream|like|retry|undo|key_up)$/.test(method)) {
      const fnValue = args.named.get("fn") ?? args.positional.find((a) => a.ref?.k === "function");
      // Output components whose label says the content is AI-generated disclose what the function returns (resolved question 6(d)).
      const outputs = args.named.get("outputs") ?? (method === "Interface" ? args.positional[2] : undefined);
      const shown = outputs ? (outputs.elems && !outputs.ref ? outputs.elems : [outputs]) : [];
      const labels = shown.map((o) => (o as Value & { uiLabel?: Loc }).uiLabel);
      const disclosure = labels.length && labels.every((l) => l) ? labels[0] : undefined;
      if (fnValue?.ref?.k === "function") this.registerCallbacks({ ...args, all: [fnValue] }, uiReg, frame, "last", disclosure);
    }
    const made = this.roleValue("gradio.module");
    // A component (`gr.Audio(label="AI-generated narration")`) remembers a label that tells the reader.
    if (/^[A-Z]/.test(method)) {
      const text = ["label", "info"].map((n) => this.namedArg(args, n)).map((v) => v?.str ?? v?.texts?.join(" ")).find((t) => t && hasDisclosureText(t, this.options.vocabulary.disclosureText));
      if (text) (made as Value & { uiLabel?: Loc }).uiLabel = this.loc(frame, e.span);
    }
    return made;
  }

  /** Streamlit display calls; a caption or label with disclosure text counts for what it shows. */
  private streamlitCall(method: string, spec: SinkSpec, args: Args, frame: Frame, e: CallExpr): Value {
    // Label arguments, constant or built from text (`caption=f"AI-generated poster: {topic}"`).
    const labelText = ["caption", "label", "help", "name"].map((n) => this.namedArg(args, n)).map((v) => v?.str ?? v?.texts?.join(" ")).filter((s): s is string => !!s);
    const own = labelText.some((t) => hasDisclosureText(t, this.options.vocabulary.disclosureText)) ? this.loc(frame, e.span) : undefined;
    if (method === "caption" || method === "subheader" || method === "header" || method === "title" || method === "chat_message" || method === "markdown" || method === "write" || method === "info") {
      const text = args.positional[0]?.str;
      if (text && hasDisclosureText(text, this.options.vocabulary.disclosureText) && (method === "caption" || method === "chat_message" || method === "subheader" || method === "header")) {
        frame.uiDisclosure = this.loc(frame, e.span);
      }
    }
    if (method === "chat_message") {
      const v = this.roleValue("streamlit.module");
      const text = args.positional[0]?.str ?? this.namedArg(args, "name")?.str;
      if (text && hasDisclosureText(text, this.options.vocabulary.disclosureText)) (v as Value & { uiLabel?: Loc }).uiLabel = this.loc(frame, e.span);
      return v;
    }
    this.sinkBySpec(spec, "user", frame, e.span, `st.${method}`, args, undefined, own ?? frame.uiDisclosure);
    // `st.write_stream(...)` returns the text it streamed.
    return method === "write_stream" ? carry(args.positional.slice(0, 1)) : new Value();
  }

  private isUiBlockWithLabel(_call: CallExpr, v: Value, _frame: Frame): boolean {
    return !!(v as Value & { uiLabel?: Loc }).uiLabel;
  }

  // ------------------------------------------------------------------ builtins and data methods

  private callBuiltin(name: string, receiver: Value | undefined, args: Args, frame: Frame, e: CallExpr): Value {
    const py = frame.module.language === "python";
    switch (name) {
      case "print":
        if (frame.module.isServer) this.recordSink(frame, e.span, "log", "print", args.positional, false, e.args.map((a) => a.value));
        return new Value();
      case "open": {
        const mode = args.positional[1]?.str ?? this.namedArg(args, "mode")?.str ?? "r";
        return /[wax+]/.test(mode) ? this.roleValue("python.file") : new Value();
      }
      case "require": {
        const spec = args.positional[0]?.str;
        if (!spec) return new Value();
        const target = this.workspace.resolve(frame.module.file, spec, frame.module.language);
        if (target) return Value.of({ k: "module", module: target, path: [], local: true });
        return this.externalModule(spec, [], false);
      }
      case "fetch": {
        const raw = this.rawHttp(args, frame, e, 0);
        // Downloading what a model produced (the URL of a generated image) gives that content.
        return raw ?? carry(args.positional.slice(0, 1), (l) => (l.kind === "ai" ? l : undefined));
      }
      case "getattr": {
        // `getattr(client.messages, "create")`: the member named by a constant.
        const prop = args.positional[1]?.str;
        if (py && prop !== undefined && args.positional[0]) return this.member(args.positional[0], prop, frame, e.span);
        return new Value();
      }
      case "Response":
      case "Response.json":
        return this.responseValue(args, frame, e, name);
      case "JSON.stringify": {
        const v = this.serialised(args.positional[0] ?? new Value(), frame, e.span);
        const out = carry([v]);
        out.texts = deepTexts(v);
        (out as Value & { json?: Value }).json = args.positional[0];
        return out;
      }
      case "JSON.parse": {
        const src = args.positional[0];
        return (src as (Value & { json?: Value }) | undefined)?.json ?? carry(args.all);
      }
      case "str":
      case "repr":
      case "String":
        return this.serialised(carry(args.all.map((a) => this.serialised(a, frame, e.span))), frame, e.span);
      case "len":
      case "int":
      case "float":
      case "isinstance":
      case "Number":
      case "parseInt":
      case "parseFloat":
        return new Value();
      case "bool":
      case "Boolean":
        return this.requestOnly(carry(args.all));
      case "zip": {
        const tuple = new Value();
        tuple.elems = args.positional.map((a) => this.elementOf(a));
        const out = new Value();
        out.elems = [tuple];
        return out;
      }
      case "enumerate": {
        const tuple = new Value();
        tuple.elems = [new Value(), this.elementOf(args.positional[0] ?? new Value())];
        const out = new Value();
        out.elems = [tuple];
        return out;
      }
      case "dict":
      case "vars": {
        const base = args.positional[0];
        const out = base ? this.serialised(base, frame, e.span) : new Value();
        const res = this.withLabels(out, out.labels);
        res.props = new Map([...(base?.props ?? []), ...args.named]);
        return res;
      }
      case "list":
      case "tuple":
      case "sorted":
      case "set":
      case "reversed":
        return args.positional[0] ?? new Value();
      case "$setState": {
        const target = (receiver as unknown as undefined) ?? undefined;
        void target;
        return new Value();
      }
      case "Object.entries":
      case "Object.values": {
        const src = args.positional[0] ?? new Value();
        const out = new Value();
        out.elems = [src.props ? union([...src.props.values()]) : this.elementOf(src)];
        if (name === "Object.entries") {
          const pair = new Value();
          pair.elems = [new Value(), out.elems[0]];
          out.elems = [pair];
        }
        return out;
      }
      case "Promise.all":
      case "Promise.allSettled":
        return args.positional[0] ?? new Value();
      case "ReadableStream":
      case "TransformStream": {
        // `new ReadableStream({ async start(controller) { controller.enqueue(chunk) } })`: the stream carries what is enqueued.
        const stream = new Value();
        const controller = Value.of({ k: "builtin", name: "$streamController" });
        (controller as Value & { target?: Value }).target = stream;
        const source = args.positional[0];
        for (const key of ["start", "pull", "transform"]) {
          const cb = source?.props?.get(key);
          if (cb?.ref?.k === "function") this.runCallbacks({ positional: [controller], named: new Map(), exprs: [], all: [cb] }, frame, key === "transform" ? [new Value(), controller] : [controller]);
        }
        return stream;
      }
      case "format":
        return this.joinValues(args.all);
      case "super":
        return frame.thisValue ?? new Value();
      case "input":
        return this.requestValue(frame.module, frame.fn, "input", e.span);
      default:
        break;
    }
    if (name.startsWith("JSON.") || JS_CARRIERS.has(name) || PY_CARRIERS.has(name)) {
      const vals = name === "Buffer.from" || name === "Uint8Array" ? args.positional.slice(0, 1) : args.all;
      const out = carry(vals);
      if (name === "Object.assign") {
        out.props = new Map();
        for (const a of args.positional) if (a.props) for (const [k, v] of a.props) out.props.set(k, v);
      }
      return name === "JSON.stringify" ? this.textKeepsDisclosure(out, args.positional[0], frame, e.span) : out;
    }
    if (NON_CARRYING.has(name)) return new Value();
    if (name.startsWith("Math.") || name.startsWith("Date") || name.startsWith("performance") || name.startsWith("crypto.") || name.startsWith("Number.")) return new Value();
    if (!py && (name === "setTimeout" || name === "queueMicrotask")) {
      this.runCallbacks(args, frame, []);
      return new Value();
    }
    this.runCallbacks(args, frame, []);
    return this.unknownCallResult(args, name, false);
  }

  /**
   * Calls recognised by their shape whatever the receiver is (often a model
   * imported from a module the workspace does not have): stores, extra sinks
   * from the configuration, and reads of stored user data.
   */
  private shapedCall(e: CallExpr, name: string, args: Args, frame: Frame): Value | undefined {
    const calleeText = exprText(e.callee);
    // Record sinks by shape (resolved question 15).
    for (const shape of RECORD_CALL_SHAPES) {
      if (shape.pattern.test(calleeText)) {
        // Keyword arguments keep their names: `ConsentEvent.objects.create(purpose=..., recorded_at=...)`.
        const stored = args.named.size ? [this.argsState(args)] : args.all;
        this.recordSink(frame, e.span, shape.category, calleeText, stored, true, e.args.map((a) => a.value));
        return new Value();
      }
    }
    if (this.options.vocabulary.extraRecordSinks.has(name) || this.options.vocabulary.extraRecordSinks.has(calleeText)) {
      this.recordSink(frame, e.span, "db", calleeText, args.all, true, e.args.map((a) => a.value));
      return new Value();
    }
    if (this.options.vocabulary.extraUserSinks.has(name) || this.options.vocabulary.extraUserSinks.has(calleeText)) {
      this.userSink(frame, e.span, "response", calleeText, args.all, frame.responseDisclosure, args.exprs.map((a) => a.value));
      return new Value();
    }
    // Reads of stored user data: database/ORM queries (CON003 user data).
    // Mongoose / MongoDB `Model.find({ filter })`: a query, unlike an array's `find(callback)`.
    const mongoFind = name === "find" && !!args.positional[0]?.props && !args.all.some((a) => a.ref?.k === "function");
    if (mongoFind || DB_READ_METHODS.has(name) || /\.objects\.|\.query\.|\bsession\.(get|execute|scalars|query)$|\bdb\.(get|execute|query)$/.test(calleeText)) {
      frame.userData = true;
      const out = carry(args.all, (l) => (l.kind === "request" || l.kind === "origin" ? undefined : l));
      // A query filtered on a consent field returns only consenting users' data (resolved question 8).
      const consented = this.filtersOnConsent(e, args, frame) ? this.loc(frame, e.span) : undefined;
      out.labels = mergeLabels(out.labels, [{ kind: "stored", id: newLabelId(), loc: this.loc(frame, e.span), consented }]);
      return out;
    }
    return undefined;
  }

  /** `filter(user__ai_training_consent=True)`, `where: { author: { trainingOptIn: true } }`, `.where("consent", true)`, anywhere in the query chain. */
  private filtersOnConsent(e: CallExpr, args: Args, frame: Frame): boolean {
    const extra = this.options.vocabulary.consent;
    const consentKey = (k: string) => k.split("__").some((part) => isConsentName(part, extra, false));
    const positive = (v: Value | undefined) => v?.constant === true || (v?.str !== undefined && GRANTED_CONSTANTS.has(v.str.toLowerCase())) || v?.props?.get("equals")?.constant === true;
    const inValue = (v: Value, depth: number): boolean => {
      if (depth > 4 || !v.props) return false;
      for (const [k, pv] of v.props) {
        if (consentKey(k) && positive(pv)) return true;
        if (inValue(pv, depth + 1)) return true;
      }
      return false;
    };
    if ([...args.named].some(([k, v]) => consentKey(k) && positive(v))) return true;
    if (args.positional.some((v) => inValue(v, 0))) return true;
    if (args.positional[0]?.str && consentKey(args.positional[0].str) && positive(args.positional[1])) return true;
    // Earlier links of the chain: `Model.objects.filter(consent=True).values(...)`.
    let callee: Expr = e.callee;
    while (callee.k === "member" && callee.object.k === "call") {
      const inner = callee.object;
      if (inner.args.some((a) => (a.name && consentKey(a.name)) || (a.value.k === "str" && consentKey(a.value.value)) || (a.value.k === "object" && a.value.entries.some((en) => en.key && consentKey(en.key) && en.value.k === "const" && en.value.value === true)))) return true;
      callee = inner.callee;
    }
    // A filter inside the query expression: `session.scalars(select(Row).where(Owner.training_opt_in.is_(True)))`.
    return this.exprFiltersOnConsent(e, frame, 0);
  }

  /** Method calls on plain data: string and container methods, stores recognised by shape, `obj.save()`. */
  private callMethodOnData(receiver: Value, name: string, args: Args, frame: Frame, e: CallExpr): Value {
    const setter = receiver.ref?.k === "builtin" && receiver.ref.name === "$setState";
    void setter;
    const shaped = this.shapedCall(e, name, args, frame);
    if (shaped) return shaped;
    // An unresolved helper handed who/what/when: `db.record_consent(uid, purpose=..., recorded_at=now())` (resolved question 9).
    this.consentRecordByCall(name, args, frame, e.span);
    const byName = this.callUniqueMethod(receiver, name, args, frame, e);
    if (byName) return byName;
    const calleeText = exprText(e.callee);
    // A Channels consumer sending to its client (`self.send_json(...)`, `self.send(text_data=...)`).
    if (/^(send|send_json)$/.test(name) && receiver.ref?.k === "instance" && !!receiver.ref.cls && isChannelsConsumer(receiver.ref.cls)) {
      this.userSink(frame, e.span, "bot", `${exprText(e.callee)}()`, args.all, frame.responseDisclosure, args.exprs.map((a) => a.value));
      return new Value();
    }
    // A table written to a file (`df.to_csv(path)`); without a path it only returns text.
    if (/^to_(csv|json|parquet|excel|pickle|feather|markdown|html)$/.test(name) && (args.positional.length > 0 || args.named.has("path_or_buf")) && receiver.labels.length + (receiver.elems?.length ?? 0) + (receiver.props?.size ?? 0) > 0) {
      this.recordSink(frame, e.span, "file", `${exprText(e.callee)}()`, [receiver], false, e.callee.k === "member" ? [e.callee.object] : []);
      return new Value();
    }
    // Unresolved objects, and instances of workspace classes that inherit the method (a Django or SQLAlchemy model's `save()`).
    if (RECEIVER_RECORD_METHODS.has(name) && receiver.labels.length + (receiver.props?.size ?? 0) > 0 && (!receiver.ref || receiver.ref.k === "instance")) {
      const media = deepLabels(receiver).some((l) => l.kind === "ai" && isMedia(l.call.modality));
      // `img.save(path, pnginfo=meta)` with an "AI-generated" text chunk or EXIF description writes the label into the media.
      const labelled = media && [...args.named.values(), ...args.positional.slice(1)].some((a) => this.carriesAiLabelText(a));
      const stored = labelled ? new Value(withAiFlag(deepLabels(receiver), "watermarked", this.loc(frame, e.span))) : receiver;
      this.recordSink(frame, e.span, media ? "file" : "db", `${calleeText}()`, [stored], true, e.callee.k === "member" ? [e.callee.object] : [], true);
      return new Value();
    }
    if (/^(write_text|write_bytes)$/.test(name)) {
      this.recordSink(frame, e.span, "file", name, args.positional.slice(0, 1), false, e.args.slice(0, 1).map((a) => a.value));
      return new Value();
    }
    if (name === "open" && /[wax]/.test(args.positional[0]?.str ?? this.namedArg(args, "mode")?.str ?? "")) return this.roleValue("python.file");
    if ((name === "write" || name === "writelines") && frame.module.language === "python" && receiver.isEmpty()) {
      // A file handle we could not see being opened (`self.fh.write(...)`) is still a file.
      return new Value();
    }
    if (STREAM_RESPONSE_METHODS.has(name) && deepLabels(receiver).some((l) => l.kind === "ai")) {
      // `toTextStreamResponse(init)`, `pipeTextStreamToResponse(res, init)`.
      const opts = name.startsWith("pipe") ? args.positional[1] : args.positional[0];
      const headers = opts?.props?.get("headers");
      const disclosed = headers?.props && [...headers.props.keys()].some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure)) ? this.loc(frame, e.span) : frame.responseDisclosure;
      this.userSink(frame, e.span, "response", name, [receiver], disclosed, e.callee.k === "member" ? [e.callee.object] : []);
      const out = new Value();
      out.delivered = true;
      return out;
    }
    // `msg.set_content(body)`, `msg.attach(part)`: the message now carries the body.
    if (/^(set_content|add_alternative|set_payload|attach|attach_alternative|setText|setHtml|setContent)$/.test(name)) {
      this.mergeInto(receiver, union(args.all));
      return new Value();
    }
    // Writing into an in-memory buffer (not a file: that is a sink, handled by its role) adds to what it holds.
    if ((name === "write" || name === "writelines") && receiver.elems && !receiver.ref) {
      receiver.elems.push(...(name === "writelines" ? args.positional.flatMap((a) => a.elems ?? [a]) : args.positional));
      return new Value();
    }
    if (name === "push" || name === "append" || name === "add" || name === "extend" || name === "unshift" || name === "insert" || name === "update" || name === "setdefault") {
      if (receiver.elems) {
        if (name === "extend") receiver.elems.push(...args.positional.flatMap((a) => a.elems ?? [a]));
        else if (name === "insert") receiver.elems.push(args.positional[1] ?? new Value());
        else receiver.elems.push(...args.positional);
        return new Value();
      }
      if (name === "update" && receiver.props) {
        for (const a of args.positional) if (a.props) for (const [k, v] of a.props) receiver.props.set(k, v);
        for (const [k, v] of args.named) receiver.props.set(k, v);
        return new Value();
      }
      if (!receiver.ref && (name === "push" || name === "append")) this.mergeInto(receiver, union(args.all));
    }
    if ((name === "set" || name === "setdefault") && receiver.props && args.positional[0]?.str) {
      receiver.props.set(args.positional[0].str, args.positional[1] ?? new Value());
      return new Value();
    }
    if (name === "get" && receiver.props && !receiver.ref) {
      const key = args.positional[0]?.str;
      const found = key !== undefined ? receiver.props.get(key) : undefined;
      if (found) return this.fieldValue(found, receiver, key!, frame, e.span);
      // A fixed table picked by a (request) key: only the table's values (resolved question 13).
      if (receiver.labels.length === 0) return union([...receiver.props.values(), ...(args.positional[1] ? [args.positional[1]] : [])]);
    }
    if (name === "get" && args.positional[0]?.str !== undefined) {
      const field = this.member(receiver, args.positional[0].str, frame, e.span);
      return args.positional[1] ? union([field, args.positional[1]]) : field;
    }
    // `query.filter(Customer.training_consent.is_(True))`: from here on only consenting users' rows (resolved question 8).
    if (/^(filter|filter_by|where|having)$/.test(name) && e.args.some((a) => this.isConsentFilterArg(a, frame, 0))) {
      const labels = deepLabels(receiver);
      if (labels.some((l) => l.kind === "stored" && !l.consented)) {
        const loc = this.loc(frame, e.span);
        const out = new Value(labels.map((l) => (l.kind === "stored" && !l.consented ? { ...l, consented: loc } : l)));
        out.record = receiver.record;
        return out;
      }
    }
    // Validating request data (`Schema.parse(req.body)`, `Model.model_validate(data)`) gives the same data.
    if (VALIDATE_METHODS.has(name) && args.positional.length) {
      const out = carry(args.positional.slice(0, 1));
      if (args.positional[0].props) out.props = args.positional[0].props;
      return out;
    }
    if (ITER_CALLBACK_METHODS.has(name)) {
      const el = name === "then" || name === "catch" || name === "finally" ? receiver : this.elementOf(receiver);
      const results = this.runCallbacks(args, frame, [el, new Value()]);
      if (name === "map" || name === "flatMap" || name === "flat_map") {
        const out = new Value();
        out.elems = results.length ? [union(results)] : [el];
        return out;
      }
      if (name === "then") return results[0] ?? receiver;
      if (name === "reduce" || name === "reduceRight") return union([...results, ...args.positional.slice(1)]);
      if (name === "find" || name === "findLast") return el;
      if (name === "filter" || name === "sort") return receiver;
      return new Value();
    }
    if (NON_CARRYING_METHODS.has(name)) return new Value();
    if (name === "model_dump" || name === "dict" || name === "to_dict" || name === "toJSON" || name === "model_dump_json" || name === "json" && frame.module.language === "python" && receiver.record) {
      return this.serialised(receiver, frame, e.span);
    }
    if (STRING_JOIN_METHODS.has(name)) {
      const parts = [receiver, ...args.all].map((a) => this.serialised(a, frame, e.span));
      const joined = this.joinValues(name === "join" ? [receiver, ...args.positional.flatMap((a) => a.elems ?? [a])] : parts);
      if (name === "join" && receiver.str !== undefined && args.positional[0]?.elems?.every((x) => x.str !== undefined)) joined.str = args.positional[0].elems.map((x) => x.str).join(receiver.str);
      return joined;
    }
    // Setter from React's useState: the state value now carries what was set.
    if (receiver.ref?.k === "builtin") return this.callBuiltin(`${receiver.ref.name}.${name}`, undefined, args, frame, e);
    // Builders and setters (`embed.setFooter({ text })`, `meta.add_text(k, v)`): the object keeps what was set, under its name.
    const builder = /^(set|add|with)([A-Z_]|$)/.exec(name);
    if (builder && !receiver.ref && name.length > builder[1].length + 1) {
      const field = name.slice(builder[1].length).replace(/^_/, "");
      const set = args.positional.length === 1 && args.named.size === 0 ? args.positional[0] : this.argsState(args);
      receiver.props ??= new Map();
      // Repeated `add_*` calls add more; `(key, value)` pairs are kept under their key too.
      let key = field.charAt(0).toLowerCase() + field.slice(1);
      for (let n = 2; receiver.props.has(key); n++) key = `${field}#${n}`;
      receiver.props.set(key, set);
      const pairKey = args.positional.length === 2 ? args.positional[0].str : undefined;
      if (pairKey !== undefined && !receiver.props.has(pairKey)) receiver.props.set(pairKey, args.positional[1]);
    }
    // Other methods on data carry the receiver's data (`text.strip()`, `resp.json()`, `buf.toString()`).
    this.runCallbacks(args, frame, [this.elementOf(receiver)]);
    const out = this.withLabels(new Value(), mergeLabels(receiver.labels, ...args.all.map((a) => deepLabels(a).filter((l) => l.kind !== "request" && !(l.kind === "ai" && l.toolCall)))));
    if (builder && !receiver.ref && receiver.props) out.props = receiver.props;
    if (receiver.props && !receiver.ref && (name === "json" || name === "copy" || name === "model_copy")) out.props = receiver.props;
    if (receiver.elems && (name === "slice" || name === "copy" || name === "concat" || name === "filter" || name === "reverse")) out.elems = receiver.elems;
    out.record = receiver.record;
    if (receiver.str !== undefined && /^(strip|trim|lower|upper|toLowerCase|toUpperCase|capitalize|title|trimStart|trimEnd|lstrip|rstrip)$/.test(name)) out.str = receiver.str;
    out.texts = receiver.texts;
    return out;
  }

  /**
   * `self.bot.db.add_artwork(...)` where the engine cannot tell what `db` is: when exactly one class of the
   * workspace defines a method of that (compound, domain-specific) name, the call is that method.
   */
  private callUniqueMethod(receiver: Value, name: string, args: Args, frame: Frame, e: CallExpr): Value | undefined {
    if (receiver.ref || receiver.str !== undefined || receiver.constant !== undefined || receiver.props?.has(name)) return undefined;
    // Data (a model's answer, a request body) is no service object: its methods are the language's.
    if (receiver.labels.some((l) => l.kind === "ai" || l.kind === "request" || l.kind === "pii")) return undefined;
    if (name.startsWith("_") || splitWords(name).length < 2 || KNOWN_DATA_METHODS.has(name)) return undefined;
    if (NON_CARRYING_METHODS.has(name) || STRING_JOIN_METHODS.has(name) || ITER_CALLBACK_METHODS.has(name) || DB_READ_METHODS.has(name) || VALIDATE_METHODS.has(name) || STREAM_RESPONSE_METHODS.has(name)) return undefined;
    if (!this.methodIndex) this.methodIndex = this.buildMethodIndex();
    const defs = this.methodIndex.get(name);
    if (defs?.length !== 1) return undefined;
    const mod = this.loadModule(defs[0].file);
    const clsValue = mod ? lookup(mod.scope, defs[0].cls) : undefined;
    if (!mod || clsValue?.ref?.k !== "class") return undefined;
    const method = clsValue.ref.cls.body.find((st) => st.k === "func" && st.fn.name === name);
    if (method?.k !== "func") return undefined;
    const self = this.instantiate(clsValue.ref.cls, clsValue.ref.scope, this.moduleFor(clsValue.ref.module.file), undefined, { guard: {}, depth: frame.depth + 1 }, undefined);
    return this.callFunction(method.fn, clsValue.ref.scope, this.moduleFor(clsValue.ref.module.file), args, self, frame, e);
  }

  private buildMethodIndex(): Map<string, Array<{ file: string; cls: string }>> {
    const index = new Map<string, Array<{ file: string; cls: string }>>();
    for (const path of this.workspaceFiles) {
      const program = this.workspace.getFile(path)?.program;
      for (const st of program?.body ?? []) {
        if (st.k !== "class" || !st.cls.name) continue;
        for (const m of st.cls.body) {
          if (m.k !== "func" || !m.fn.name) continue;
          const list = index.get(m.fn.name) ?? [];
          if (!list.some((d) => d.file === path && d.cls === st.cls.name)) list.push({ file: path, cls: st.cls.name });
          index.set(m.fn.name, list);
        }
      }
    }
    return index;
  }

  /** A keyword or predicate argument of a query filter that keeps only consenting users (`training_opt_in=True`, `X.consent.is_(True)`). */
  private isConsentFilterArg(a: Arg, frame: Frame, depth: number): boolean {
    if (depth > 4) return false;
    const extra = this.options.vocabulary.consent;
    if (a.name) {
      const v = a.value;
      const positive = (v.k === "const" && v.value === true) || (v.k === "str" && GRANTED_CONSTANTS.has(v.value.toLowerCase()));
      return positive && a.name.split("__").some((part) => isConsentName(part, extra, false));
    }
    if (this.consentPolarity(a.value, frame) === "pos") return true;
    // `and_(Customer.consent.is_(True), ...)`
    return a.value.k === "call" && /^(and_|all_|And|and)$/.test(calleeName(a.value.callee) ?? "") && a.value.args.some((x) => this.isConsentFilterArg(x, frame, depth + 1));
  }

  /** A query expression with a consent filter anywhere in its chain or arguments (`db.scalars(select(X).where(Y.opt_in.is_(True)))`). */
  private exprFiltersOnConsent(e: Expr, frame: Frame, depth: number): boolean {
    if (depth > 12) return false;
    if (e.k === "await") return this.exprFiltersOnConsent(e.expr, frame, depth + 1);
    if (e.k !== "call") return false;
    if (e.callee.k === "member" && /^(filter|filter_by|where|having)$/.test(e.callee.prop) && e.args.some((a) => this.isConsentFilterArg(a, frame, 0))) return true;
    if (e.callee.k === "member" && this.exprFiltersOnConsent(e.callee.object, frame, depth + 1)) return true;
    return e.args.some((a) => this.exprFiltersOnConsent(a.value, frame, depth + 1));
  }

  /** A call of an unresolved helper whose name says it stores something, given a purpose and a time: a consent record. */
  private consentRecordByCall(name: string, args: Args, frame: Frame, span: Span): void {
    if (args.all.length === 0 || !splitWords(name).some((w) => /^(consent|consents|record|log|audit|save|store|insert|create|write|add|persist|track)$/.test(w))) return;
    this.consentRecordIn([this.argsState(args)], frame, span);
  }

  private callSetState(setter: Value, args: Args, frame: Frame): void {
    const target = (setter as Value & { target?: Value }).target;
    const next = args.positional[0];
    if (!target || !next) return;
    if (next.ref?.k === "function") {
      const results = this.runCallbacks(args, frame, [target]);
      for (const r of results) this.mergeInto(target, r);
    } else this.mergeInto(target, next);
  }

  // ------------------------------------------------------------------ JSX

  /** JSX: `{value}` children and `src`/`href`/`dangerouslySetInnerHTML` are user-facing sinks (resolved question 19). */
  private evalJsx(e: JsxExpr, frame: Frame): Value {
    // Event handlers and effects run first: state they set shows up in the children.
    this.jsxAttributes(e, frame, 0);
    this.jsxChildren(e, frame, [], 0);
    const out = new Value();
    out.jsx = true;
    return out;
  }

  private jsxAttributes(e: JsxExpr, frame: Frame, depth: number): void {
    if (depth > 60) return;
    const component = /^[A-Z]/.test(e.tag) ? lookup(frame.scope, e.tag.split(".")[0]) : undefined;
    const props = new Value();
    props.props = new Map();
    for (const a of e.attrs) {
      if (!a.value) continue;
      if (SINK_ATTRS.has(a.name)) continue;
      const v = this.eval(a.value, frame);
      if (a.spread) {
        if (v.props) for (const [k, pv] of v.props) props.props.set(k, pv);
      } else props.props.set(a.name, v);
      if (v.ref?.k === "function" && a.name.startsWith("on")) this.runCallbacks({ positional: [], named: new Map(), exprs: [], all: [v] }, frame, [new Value()]);
    }
    for (const c of e.children) if (c.k === "element") this.jsxAttributes(c.el, frame, depth + 1);
    // A workspace component renders its props: evaluate it with them.
    if (component?.ref?.k === "function") {
      const childValues = e.children.filter((c): c is Extract<typeof c, { k: "expr" }> => c.k === "expr").map((c) => this.eval(c.expr, frame));
      if (childValues.length) props.props.set("children", union(childValues));
      const args: Args = { positional: [props], named: new Map(), exprs: [], all: [props] };
      this.callFunction(component.ref.fn, component.ref.scope, this.moduleFor(component.ref.module.file), args, undefined, frame, undefined);
      (e as JsxExpr & { component?: boolean }).component = true;
    }
  }

  private jsxChildren(e: JsxExpr, frame: Frame, ancestors: readonly JsxExpr[], depth: number): void {
    if (depth > 60) return;
    const chain = [e, ...ancestors];
    const isComponent = (e as JsxExpr & { component?: boolean }).component;
    for (const a of e.attrs) {
      if (!a.value || !SINK_ATTRS.has(a.name)) continue;
      const v = this.eval(a.value, frame);
      const shown = a.name === "dangerouslySetInnerHTML" ? (v.props?.get("__html") ?? v) : v;
      this.userSink(frame, a.span, "jsx", `<${e.tag} ${a.name}>`, [shown], this.jsxDisclosure(chain, frame), [a.value]);
    }
    for (const c of e.children) {
      if (c.k === "element") this.jsxChildren(c.el, frame, chain, depth + 1);
      else if (c.k === "expr" && !isComponent) {
        const v = this.eval(c.expr, frame);
        if (v.jsx) continue;
        this.userSink(frame, c.span, "jsx", `<${e.tag}>{…}`, [v], v.disclosed ?? this.jsxDisclosure(chain, frame), [c.expr]);
      }
    }
  }

  /** A label in the same rendered block: text of the element, its parent, or the parent's other children. */
  private jsxDisclosure(chain: readonly JsxExpr[], frame: Frame): Loc | undefined {
    const extra = this.options.vocabulary.disclosureText;
    const ownText = (el: JsxExpr): string => [
      ...el.children.filter((c): c is Extract<typeof c, { k: "text" }> => c.k === "text").map((c) => c.text),
      // `{"AI"}`, and speaker labels chosen by a condition: `{m.role === "user" ? "You" : "AI"}`.
      ...el.children.filter((c): c is Extract<typeof c, { k: "expr" }> => c.k === "expr").flatMap((c) => literalLeaves(c.expr, 0)),
      ...el.attrs.filter((a) => LABEL_ATTRS.has(a.name) && a.value?.k === "str").map((a) => (a.value as { value: string }).value),
    ].join(" ");
    const subtreeText = (el: JsxExpr, depth: number): string => depth > 2 ? "" : [ownText(el), ...el.children.filter((c): c is Extract<typeof c, { k: "element" }> => c.k === "element").map((c) => subtreeText(c.el, depth + 1))].join(" ");
    const [self, parent] = chain;
    if (hasDisclosureText(ownText(self), extra)) return this.loc(frame, self.span);
    if (parent) {
      if (hasDisclosureText(ownText(parent), extra)) return this.loc(frame, parent.span);
      for (const c of parent.children) {
        if (c.k === "element" && c.el !== self && hasDisclosureText(subtreeText(c.el, 0), extra)) return this.loc(frame, c.el.span);
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------------ markers

  private applyMarkers(name: string, result: Value, args: Args, receiver: Value | undefined, frame: Frame, span: Span, workspaceFunction = false): Value {
    const vocab = this.options.vocabulary;
    if (receiver?.ref?.k === "builtin" && receiver.ref.name === "$setState") return result;
    const loc = this.loc(frame, span);
    let base = result.isEmpty() && result.str === undefined ? carry(args.all) : result;
    // A labelling or watermarking helper returns the content it was given, marked, even when its body
    // hands the bytes through libraries the engine does not follow (`buffer.getvalue()` after an encoder).
    const marker = isDisclosureHelperName(name, vocab.disclosure) || isWatermarkName(name, vocab.watermark);
    if (marker && !deepLabels(base).some((l) => l.kind === "ai")) {
      const given = carry(args.all);
      if (given.labels.some((l) => l.kind === "ai")) base = this.withLabels(base, mergeLabels(base.labels, given.labels));
    }
    if (isDisclosureHelperName(name, vocab.disclosure)) {
      const out = this.withLabels(base, withAiFlag(deepLabels(base), "disclosed", loc));
      out.disclosed = loc;
      return out;
    }
    if (isRedactionName(name, vocab.redaction)) {
      // A workspace function named so redacts what it was given; a model's answer made inside it
      // (`summarise_redacted(claim)`) is new AI output, not redacted data.
      const given = workspaceFunction ? new Set(mergeLabelLists(args.all.map((a) => deepLabels(a))).map((l) => l.id)) : undefined;
      const redacted = withRedaction(deepLabels(base), loc, given && ((l) => l.kind !== "ai" || given.has(l.id)));
      const out = this.withLabels(base, redacted);
      out.record = undefined;
      out.props = undefined;
      return out;
    }
    if (isWatermarkName(name, vocab.watermark) || (receiver?.ref?.k === "module" && receiver.ref.module === "imwatermark" && name === "encode")) {
      const out = this.withLabels(base, withAiFlag(deepLabels(base), "watermarked", loc));
      out.watermarked = loc;
      return out;
    }
    return result;
  }

  // ------------------------------------------------------------------ sinks

  private sinkBySpec(spec: SinkSpec, kind: "user" | "record", frame: Frame, span: Span, api: string, args: Args, receiver: Value | undefined, disclosure?: Loc, receiverExpr?: Expr): void {
    const values: Value[] = [];
    if (spec.args === "all") values.push(...args.positional);
    else if (spec.args) for (const i of spec.args) if (args.positional[i]) values.push(args.positional[i]);
    for (const n of spec.named ?? []) {
      const v = this.namedArg(args, n);
      if (v && !values.includes(v)) values.push(v);
    }
    if (spec.args === "all") for (const [k, v] of args.named) if (!/^(caption|label|help|key|use_container_width|width|height|format|unsafe_allow_html|headers|status|status_code|media_type|mimetype)$/.test(k)) values.push(v);
    if (spec.receiver && receiver) values.push(receiver.ref?.k === "framework" && receiver.ref.state ? receiver.ref.state : receiver);
    // What a quick-fix wraps: the arguments, and the object itself when that is what is shown or stored.
    const exprs = [...args.exprs.map((a) => a.value), ...(spec.receiver && receiverExpr ? [receiverExpr] : [])];
    if (kind === "user") {
      const payloadDisclosure = this.payloadDisclosure(values, frame, span);
      this.userSink(frame, span, spec.category, api, values, disclosure ?? payloadDisclosure ?? frame.responseDisclosure ?? frame.uiDisclosure, exprs);
    } else this.recordSink(frame, span, spec.category, api, values, false, exprs);
  }

  private userSink(frame: Frame, span: Span, category: SinkCategory, api: string, values: readonly Value[], disclosed: Loc | undefined, exprs: readonly Expr[] = []): void {
    const labels = mergeLabelLists(values.map((v) => deepLabels(v)));
    if (!labels.some((l) => l.kind === "ai")) return;
    const payload = disclosed ?? this.payloadDisclosure(values, frame, span) ?? (values.every((v) => v.disclosed) ? values[0]?.disclosed : undefined);
    this.facts.addSink({ kind: "user", category, loc: this.loc(frame, span), api, labels, disclosed: payload, guard: frame.guard, ...this.fixContext(frame, exprs, (l) => l.kind === "ai") });
  }

  private recordSink(frame: Frame, span: Span, category: SinkCategory, api: string, values: readonly Value[], store = false, exprs: readonly Expr[] = [], receiverSave = false): void {
    let labels = mergeLabelLists(values.map((v) => deepLabels(v)));
    // Inside a watermarking helper, writing the media (a temporary file for the marking tool) is the marking step.
    if (frame.fn?.name && isWatermarkName(frame.fn.name, this.options.vocabulary.watermark)) labels = withAiFlag(labels, "watermarked", this.loc(frame, span));
    // An ORM write that sets consent fields (`update({ data: { consent: ... } })`); a receiver's `.save()` repeats earlier assignments.
    if (category === "db" && !receiverSave) this.consentFieldsWritten(values, frame, span);
    if (store || category === "db" || category === "analytics" || category === "log") this.consentRecordIn(values, frame, span);
    if (labels.length === 0) return;
    this.facts.addSink({ kind: "record", category, loc: this.loc(frame, span), api, labels, guard: frame.guard, ...this.fixContext(frame, exprs, (l) => l.kind === "ai" || l.kind === "origin") });
  }

  /** Where a quick-fix can act: the statement, the sub-expressions carrying the data, an object literal to add a field to. */
  private fixContext(frame: Frame, exprs: readonly Expr[], carries: (l: Label) => boolean): Pick<SinkFact, "stmt" | "targets" | "payloadObject"> {
    const targets: WrapTarget[] = [];
    let payloadObject: Span | undefined;
    const visit = (e: Expr, depth: number): void => {
      if (depth > 6 || targets.length >= 6) return;
      const v = this.exprValues.get(e);
      // A framework object carrying data (an image pipeline) counts by the data it holds.
      if (!v || !deepLabels(v.ref?.k === "framework" && v.ref.state ? v.ref.state : v).some(carries)) return;
      switch (e.k) {
        case "object":
          payloadObject ??= e.span;
          for (const en of e.entries) {
            if (en.spread) continue;
            const before = targets.length;
            visit(en.value, depth + 1);
            // `{ reply }` shorthand: the fix writes `reply: helper(reply)`.
            if (targets.length > before && en.key && en.value.k === "name" && en.value.span.start === en.span.start && en.value.span.end === en.span.end) targets[targets.length - 1] = { ...targets[targets.length - 1], shorthandKey: en.key };
          }
          return;
        case "array":
          for (const el of e.elements) visit(el, depth + 1);
          return;
        case "template":
          for (const p of e.parts) if (typeof p !== "string") visit(p, depth + 1);
          return;
        case "binary":
          visit(e.left, depth + 1);
          visit(e.right, depth + 1);
          return;
        case "call": {
          const inner = this.exprValues.get(e.callee);
          // Response constructors and wrappers (`jsonify(answer=...)`, `NextResponse.json({...})`): the data is inside.
          if (inner?.ref?.k === "module" || inner?.ref?.k === "builtin" || e.isNew) {
            const before = targets.length;
            for (const a of e.args) visit(a.value, depth + 1);
            if (e.args.some((a) => a.name) && !payloadObject) payloadObject = e.span;
            if (targets.length > before) return;
          }
          // Framework builders (`sharp(png).resize(256)`): the data went in at the start of the chain.
          if (inner?.ref?.k === "framework") {
            const before = targets.length;
            for (const a of e.args) visit(a.value, depth + 1);
            if (targets.length === before && e.callee.k === "member") visit(e.callee.object, depth + 1);
            if (targets.length > before) return;
          }
          targets.push({ span: e.span });
          return;
        }
        case "await":
          visit(e.expr, depth + 1);
          return;
        default:
          targets.push({ span: e.span });
      }
    };
    for (const e of exprs) visit(e, 0);
    return { stmt: frame.stmt, targets, payloadObject };
  }

  /** A visible label in the same payload (`ai_generated: True`, an "AI-generated" note field). */
  private payloadDisclosure(values: readonly Value[], frame: Frame, span: Span): Loc | undefined {
    const vocab = this.options.vocabulary;
    const seen = new Set<Value>();
    const visit = (v: Value, depth: number): boolean => {
      if (seen.has(v) || depth > 6) return false;
      seen.add(v);
      if (v.disclosed) return true;
      // A JSON-encoded body (`json.dumps({...})`, `JSON.stringify({...})`) has the payload's fields.
      const json = (v as Value & { json?: Value }).json;
      if (json && visit(json, depth + 1)) return true;
      if (v.ref?.k === "response") return v.ref.payload.some((p) => visit(p, depth + 1)) || v.ref.headers.some((h) => visit(h, depth + 1));
      if (v.props) {
        for (const [k, pv] of v.props) {
          if (isDisclosureFieldName(k, vocab.disclosure) && (pv.constant !== false && pv.constant !== null)) return true;
          if (pv.str !== undefined && !pv.labels.some((l) => l.kind === "ai") && hasDisclosureText(pv.str, vocab.disclosureText) && !/^(model|model_name|modelName|class|className|style|id)$/.test(k)) return true;
          if (visit(pv, depth + 1)) return true;
        }
      }
      // Blocks and embeds: `blocks: [{ type: "context", elements: [{ text: "AI-generated" }] }]`.
      if (v.elems) for (const el of v.elems) if ((el.str !== undefined && !el.labels.some((l) => l.kind === "ai") && hasDisclosureText(el.str, vocab.disclosureText)) || visit(el, depth + 1)) return true;
      return false;
    };
    // A separate text in the same message: `ctx.send("AI-generated poster:", file=...)`.
    const labelArg = values.some((v) => v.str !== undefined && !v.labels.some((l) => l.kind === "ai") && hasDisclosureText(v.str, vocab.disclosureText));
    return labelArg || values.some((v) => visit(v, 0)) ? this.loc(frame, span) : undefined;
  }

  private responseValue(args: Args, frame: Frame, e: CallExpr, api: string): Value {
    const payload: Value[] = [...args.positional];
    const fields = [...args.named.entries()].filter(([k]) => !/^(headers|status|status_code|media_type|mimetype|content_type|background)$/.test(k));
    if (fields.length) {
      // `jsonify(answer=..., ai_generated=True)`, `render_template("x.html", summary=...)`: one payload object.
      const obj = new Value();
      obj.props = new Map(fields);
      payload.push(obj);
    }
    const headers: Value[] = [];
    // `Response(body, status, headers)`; template renderers take `(request, template, context)`: the context is shown.
    const rendersTemplate = /(^|[.#])(render|render_to_response|TemplateResponse|render_template)$/.test(api);
    const h = args.named.get("headers") ?? args.positional[1]?.props?.get("headers") ?? (args.positional.length >= 3 && !rendersTemplate ? args.positional[2] : undefined);
    if (h) headers.push(h);
    // Flask tuples `(body, status, headers)` come through as arrays in the return value instead.
    const v = Value.of({ k: "response", payload: payload.filter((p) => !headers.includes(p)), headers });
    const disclosed = headers.some((hv) => hv.props && [...hv.props.keys()].some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure)));
    if (disclosed) v.disclosed = this.loc(frame, e.span);
    return v;
  }

  /** Disclosure of what a handler returns: the response's own, or for UI functions the label of the components that show it. */
  private returnDisclosure(value: Value, frame: Frame): Loc | undefined {
    return this.responseDisclosure(value, frame) ?? (frame.handler?.registration.kind === "ui" ? frame.uiDisclosure : undefined);
  }

  /** Disclosure of a returned response: its headers, fields, or a header written earlier in the handler. */
  private responseDisclosure(value: Value, frame: Frame): Loc | undefined {
    if (value.disclosed) return value.disclosed;
    if (frame.responseDisclosure) return frame.responseDisclosure;
    // Flask `return body, status, headers`.
    if (value.elems && value.elems.length >= 2) {
      for (const el of value.elems.slice(1)) {
        if (el.props && [...el.props.keys()].some((k) => isDisclosureFieldName(k, this.options.vocabulary.disclosure))) return el.loc ?? this.locOf(frame.module.file, { start: 0, end: 0 });
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------------ consent (CON002)

  private checkConsentWrite(field: string, value: Value, frame: Frame, span: Span): void {
    const request = deepLabels(value).find((l) => l.kind === "request");
    const inHandler = !!frame.handler && (frame.handler.registration.kind === "route" || frame.handler.registration.kind === "bot");
    const granted = value.constant === true || (value.str !== undefined && GRANTED_CONSTANTS.has(value.str.toLowerCase()));
    if (request || (inHandler && granted)) {
      const source = request ? request.loc : frame.fn ? this.loc(frame, frame.fn.nameSpan ?? frame.fn.span) : this.loc(frame, span);
      this.facts.consentWrites.push({ loc: this.loc(frame, span), field, fnKey: frame.fnKey, source, stmt: frame.stmt, branch: frame.branch });
    }
  }

  /** ORM updates that set consent fields: `prisma.user.update({ data: { modelTrainingConsent: ... } })`. */
  private consentFieldsWritten(values: readonly Value[], frame: Frame, span: Span): void {
    const seen = new Set<Value>();
    const visit = (v: Value, depth: number): void => {
      if (seen.has(v) || depth > 3 || !v.props) return;
      seen.add(v);
      for (const [k, pv] of v.props) {
        if (this.consentAssigned.get(v)?.has(k)) continue;
        if (isConsentDecisionField(k, this.options.vocabulary.consent)) this.checkConsentWrite(k, pv, frame, span);
        else if (k === "data" || k === "set" || k === "$set" || k === "values" || k === "update" || k === "create") visit(pv, depth + 1);
      }
    };
    for (const v of values) visit(v, 0);
  }

  /** A stored entry with a time and a purpose is an auditable consent record (resolved question 9). */
  private consentRecordIn(values: readonly Value[], frame: Frame, span: Span): void {
    const seen = new Set<Value>();
    let time = false;
    let purpose = false;
    const visit = (v: Value, depth: number): void => {
      if (seen.has(v) || depth > 4) return;
      seen.add(v);
      if (v.props) {
        for (const [k, pv] of v.props) {
          if (isConsentPurposeKey(k) || this.options.vocabulary.consentRecord.has(k)) purpose = true;
          if (CONSENT_TIME_KEYS.test(k) && !/^(updated_at|updatedAt|consentUpdatedAt)$/.test(k)) time = true;
          visit(pv, depth + 1);
        }
      }
      if (v.elems) for (const el of v.elems) visit(el, depth + 1);
      if (v.ref?.k === "instance") {
        // Model instances: fields given to the constructor are in props.
      }
    };
    for (const v of values) visit(v, 0);
    if (time && purpose) this.facts.consentRecords.push({ loc: this.loc(frame, span), fnKey: frame.fnKey, branch: frame.branch });
  }
}

class BudgetExceeded extends Error {}

const syntheticFn: FunctionDef = { id: -2, params: [], body: [], decorators: [], isAsync: false, isGenerator: false, isMethod: false, span: { start: 0, end: 0 } };

function isMedia(m: Modality): boolean {
  return m === "image" || m === "audio" || m === "video";
}

function notToolCall(l: Label): Label | undefined {
  return l.kind === "ai" && l.toolCall ? undefined : l;
}

/** Modalities whose output is content (resolved question 5). */
function isContent(m: Modality): boolean {
  return m === "text" || isMedia(m);
}

function isRunnable(v: Value): boolean {
  return v.ref?.k === "sdk" && (v.ref.type === "langchain.model" || v.ref.type === "langchain.runnable" || v.ref.type === "llamaindex.llm" || v.ref.type === "$promptTemplate");
}

/** A consent dependency or hook attached to the router a route was registered on. */
/** A Django Channels WebSocket consumer class (`AsyncJsonWebsocketConsumer` and the like). */
function isChannelsConsumer(cls: ClassDef): boolean {
  return cls.bases.some((b) => /WebsocketConsumer$/.test(exprText(b)));
}

/** The arguments of a call through `functools.partial`: the preset ones, then those of the call. */
function withPreset(callee: Value, args: Args): Args {
  const preset = (callee as Value & { preset?: Args }).preset;
  if (!preset) return args;
  return {
    positional: [...preset.positional, ...args.positional],
    named: new Map([...preset.named, ...args.named]),
    exprs: args.exprs,
    all: [...preset.all, ...args.all],
  };
}

function routerConsent(router: Value | undefined): Loc | undefined {
  return router?.ref?.k === "framework" ? router.ref.consent : undefined;
}

/** Whether a role's spec says anything about a member. */
function roleKnows(spec: RoleSpec, prop: string): boolean {
  return !!(
    spec.requestProps?.includes(prop) || spec.requestMethods?.includes(prop) || spec.members?.[prop] || spec.methodRoles?.[prop] || spec.chain?.includes(prop) ||
    spec.userSinks?.[prop] || spec.recordSinks?.[prop] || spec.headerMethods?.includes(prop) || spec.registers?.[prop] || spec.sinkProps?.[prop] ||
    spec.selfMethods?.includes(prop) || (spec.anyMethodSink && !spec.anyMethodSink.except?.includes(prop))
  );
}

/** The framework role of an imported name; entries without behaviour (they only mark server code) give none. */
function frameworkRole(fullName: string): string | undefined {
  for (const e of FRAMEWORK_ENTRIES) if (ROLES[e.role] && e.names.some((n) => n === fullName)) return e.role;
  for (const e of FRAMEWORK_ENTRIES) if (ROLES[e.role] && e.names.some((n) => n.includes("*") && globMatch(n, fullName))) return e.role;
  return undefined;
}

/** Expressions of a call that make up its system prompt: system keywords or option properties, system-role messages. */
function systemExprs(method: MethodSpec, args: readonly Arg[]): Expr[] {
  const out: Expr[] = [];
  const property = (e: Expr, key: string): Expr | undefined => {
    if (e.k === "object") return e.entries.find((en) => en.key === key)?.value;
    if (e.k === "call") return e.args.find((a) => a.name === key)?.value ?? (e.args[0]?.value.k === "object" ? property(e.args[0].value, key) : undefined);
    return undefined;
  };
  for (const path of method.system ?? []) {
    const [head, ...rest] = path.split(".");
    let e: Expr | undefined = args.find((a) => a.name === head)?.value ?? (args[0]?.value.k === "object" ? property(args[0].value, head) : undefined);
    for (const seg of rest) e = e ? property(e, seg) : undefined;
    if (e) out.push(e);
  }
  const messages = (e: Expr, depth: number): void => {
    if (depth > 3) return;
    if (e.k === "array") for (const el of e.elements) messages(el, depth + 1);
    else if (e.k === "object") {
      const role = e.entries.find((en) => en.key === "role")?.value;
      const content = e.entries.find((en) => en.key === "content")?.value;
      if (role?.k === "str" && (role.value === "system" || role.value === "developer") && content) out.push(content);
    } else if (e.k === "call" && calleeName(e.callee) === "SystemMessage") {
      const content = e.args.find((a) => a.name === "content")?.value ?? e.args[0]?.value;
      if (content) out.push(content);
    }
  };
  for (const a of args) {
    if (a.value.k === "object") for (const en of a.value.entries) messages(en.value, 0);
    else messages(a.value, 0);
  }
  return out;
}

/** String literals an expression may evaluate to: the branches of conditions and fallbacks, the text of templates. */
function literalLeaves(e: Expr, depth: number): string[] {
  if (depth > 4) return [];
  switch (e.k) {
    case "str":
      return [e.value];
    case "cond":
      return [...literalLeaves(e.then, depth + 1), ...literalLeaves(e.else, depth + 1)];
    case "logical":
      return [...literalLeaves(e.left, depth + 1), ...literalLeaves(e.right, depth + 1)];
    case "template":
      return e.parts.filter((p): p is string => typeof p === "string");
    default:
      return [];
  }
}

/** A reader's name for the part of a request a property or method reads. */
function describeRequestPart(prop: string): string {
  if (/^(body|json|get_json|form|formData|data|values|files|file|POST|FILES|text|arrayBuffer|blob|parseBody|stream|read|post|multipart|get_data|valid)$/.test(prop)) return "request body";
  if (/^(query|args|GET|searchParams|query_params|queryStringParameters|multiValueQueryStringParameters|rawQueryString|queries|nextUrl|url|rel_url)$/.test(prop)) return "query string";
  if (/^(params|param|path_params|view_args|pathParameters|match_info)$/.test(prop)) return "path parameter";
  if (/^(headers|header|get|META)$/.test(prop)) return "request header";
  if (/^(cookies|COOKIES|signedCookies)$/.test(prop)) return "cookie";
  if (/^(content|cleanContent|clean_content|caption|message)$/.test(prop)) return "chat message";
  if (/^(searchParams|params)$/.test(prop)) return "page parameter";
  if (/^(author|member|user|username|first_name|last_name|full_name|display_name|from_user|user_name)$/.test(prop)) return "user profile field";
  if (/^(text_input|text_area|chat_input|file_uploader|camera_input|audio_input)$/.test(prop)) return "user input";
  return `request ${prop}`;
}

/** The last name of a callee: `client.chat.completions.create` -> "create", `redact` -> "redact". */
export function calleeName(e: Expr): string | undefined {
  if (e.k === "name") return e.name;
  if (e.k === "member") return e.prop;
  if (e.k === "call") return calleeName(e.callee);
  if (e.k === "await") return calleeName(e.expr);
  return undefined;
}

/** A short dotted text of an expression, for shape matching (`db.session.add`). */
export function exprText(e: Expr, depth = 0): string {
  if (depth > 8) return "?";
  switch (e.k) {
    case "name":
      return e.name;
    case "member":
      return `${exprText(e.object, depth + 1)}.${e.prop}`;
    case "call":
      return `${exprText(e.callee, depth + 1)}()`;
    case "index":
      return `${exprText(e.object, depth + 1)}[]`;
    case "await":
      return exprText(e.expr, depth + 1);
    case "str":
      return JSON.stringify(e.value);
    default:
      return "?";
  }
}

/** A cheap structural signature of argument values, for memoising inlined calls. */
function signature(values: readonly Value[]): string {
  const parts: string[] = [];
  const visit = (v: Value, depth: number): void => {
    if (depth > 2) return;
    parts.push(v.labels.map((l) => l.id).join("."));
    if (v.ref) parts.push(v.ref.k === "function" ? `f${v.ref.fn.id}` : v.ref.k === "sdk" ? `s${v.ref.type}` : v.ref.k === "framework" ? `r${v.ref.role}` : v.ref.k);
    if (v.str !== undefined) parts.push(`"${v.str.length}`);
    if (v.record) parts.push("R");
    if (v.props) for (const [k, p] of v.props) {
      parts.push(k);
      visit(p, depth + 1);
    }
    if (v.elems) for (const el of v.elems.slice(0, 6)) visit(el, depth + 1);
    parts.push("|");
  };
  for (const v of values) visit(v, 0);
  return parts.join(",");
}

function routeFileKind(path: string): ModuleState["routeFile"] {
  if (isRouteHandlerPath(path)) return "route";
  if (isPagesApiPath(path)) return "api";
  if (fileUnderFolder(path, "app", /^(page|layout)\.(tsx|jsx|js|ts)$/)) return "page";
  return undefined;
}

export function dirOf(path: string): string {
  return dirname(path);
}

export function wordsOf(name: string): readonly string[] {
  return splitWords(name);
}
