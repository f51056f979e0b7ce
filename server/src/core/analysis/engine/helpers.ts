// Constants and free functions that more than one part of the engine uses.
import type { ClassDef, Expr, JsxExpr } from "../../ir/types";
import { FRAMEWORK_ENTRIES, globMatch, ROLES } from "../../sdk/frameworks";
import { dirname } from "../../workspace/paths";
import { splitWords } from "../names";
import { type Loc, type Modality, Value } from "../values";

export const PY_CARRIERS = new Set([
  "str", "repr", "format", "list", "tuple", "dict", "set", "sorted", "reversed", "bytes", "bytearray", "frozenset", "iter", "next", "enumerate", "zip", "map", "filter",
  "json.loads", "json.dumps", "base64.b64encode", "base64.b64decode", "base64.urlsafe_b64decode", "base64.urlsafe_b64encode", "base64.standard_b64decode", "base64.standard_b64encode",
  "io.BytesIO", "io.StringIO", "PIL.Image.open", "PIL.Image.frombytes", "PIL.Image.fromarray", "textwrap.dedent", "textwrap.fill", "textwrap.shorten", "html.escape", "markdown.markdown",
  "copy.copy", "copy.deepcopy", "dataclasses.asdict", "asdict", "vars", "urllib.parse.quote", "urllib.parse.unquote", "bool", "yaml.safe_load", "yaml.dump", "yaml.safe_dump", "pickle.loads", "orjson.dumps", "orjson.loads", "ujson.dumps",
]);
/** Functions whose result says nothing about the content of their arguments. */
export const NON_CARRYING = new Set([
  "len", "int", "float", "isinstance", "hasattr", "getattr", "id", "type", "range", "round", "abs", "min", "max", "sum", "any", "all", "callable", "issubclass", "hash", "ord", "chr", "print_exc",
  "Number", "parseInt", "parseFloat", "isNaN", "Math.round", "Math.floor", "Math.ceil", "Math.min", "Math.max", "Math.random", "Date.now", "Array.isArray", "setTimeout", "clearTimeout", "setInterval",
  "time.time", "time.monotonic", "time.perf_counter", "uuid.uuid4", "uuid4", "datetime.now", "datetime.datetime.now", "datetime.utcnow", "datetime.datetime.utcnow", "crypto.randomUUID", "randomUUID", "node:crypto#randomUUID", "crypto#randomUUID", "performance.now", "os.getenv", "os.environ.get",
  "url_for", "flask.url_for", "logging.getLogger", "structuredClone.length", "mimetypes.guess_type", "asyncio.sleep", "sleep",
]);
/** Methods whose result carries nothing of the receiver's content (booleans, counts, positions). */
export const NON_CARRYING_METHODS = new Set([
  "startswith", "endswith", "startsWith", "endsWith", "includes", "indexOf", "lastIndexOf", "find", "rfind", "index", "count", "isdigit", "isalpha", "isnumeric", "isupper", "islower", "isspace",
  "test", "has", "hasOwnProperty", "localeCompare", "getTime", "toFixed", "keys", "size", "__len__", "is_set", "isEmpty", "exists", "is_file", "is_dir", "raise_for_status", "json_schema",
]);

/** Schema validation returns the data it was given (zod, pydantic, joi, yup, marshmallow). */
export const VALIDATE_METHODS = new Set(["parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync", "model_validate", "model_validate_json", "parse_obj", "parse_raw", "validate_python", "validate_json"]);
export const STRING_JOIN_METHODS = new Set(["join", "format", "concat", "replace", "replaceAll", "format_map", "substitute", "safe_substitute", "padStart", "padEnd"]);
export const ITER_CALLBACK_METHODS = new Set(["map", "flatMap", "forEach", "filter", "find", "findLast", "some", "every", "reduce", "reduceRight", "sort", "then", "catch", "finally", "flat_map"]);

export const DB_READ_METHODS = new Set(["select", "pluck", "filter_by", "get_or_404", "first_or_404", "one_or_404", "findMany", "findUnique", "findFirst", "findUniqueOrThrow", "findFirstOrThrow", "findAll", "findById", "findOne", "fetchall", "fetchone", "fetchmany", "scalars", "scalar_one", "scalar_one_or_none", "get_object_or_404", "get_list_or_404", "aggregate"]);

export class BudgetExceeded extends Error {}

export function isMedia(m: Modality): boolean {
  return m === "image" || m === "audio" || m === "video";
}

export function isRunnable(v: Value): boolean {
  return v.ref?.k === "sdk" && (v.ref.type === "langchain.model" || v.ref.type === "langchain.runnable" || v.ref.type === "llamaindex.llm" || v.ref.type === "$promptTemplate");
}

/** A consent dependency or hook attached to the router a route was registered on. */
/** A Django Channels WebSocket consumer class (`AsyncJsonWebsocketConsumer` and the like). */
export function isChannelsConsumer(cls: ClassDef): boolean {
  return cls.bases.some((b) => /WebsocketConsumer$/.test(exprText(b)));
}

export function routerConsent(router: Value | undefined): Loc | undefined {
  return router?.ref?.k === "framework" ? router.ref.consent : undefined;
}

/** The framework role of an imported name; entries without behaviour (they only mark server code) give none. */
export function frameworkRole(fullName: string): string | undefined {
  for (const e of FRAMEWORK_ENTRIES) if (ROLES[e.role] && e.names.some((n) => n === fullName)) return e.role;
  for (const e of FRAMEWORK_ENTRIES) if (ROLES[e.role] && e.names.some((n) => n.includes("*") && globMatch(n, fullName))) return e.role;
  return undefined;
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

export function dirOf(path: string): string {
  return dirname(path);
}

export function wordsOf(name: string): readonly string[] {
  return splitWords(name);
}

/** Elements whose children must be text. */
const TEXT_ONLY = new Set(["title", "option", "textarea", "style", "script"]);

/** Whether a label element can go among an element's children: not a component's (`<Markdown>` wants a string), not a text-only element's. */
export function takesLabel(el: JsxExpr | undefined): boolean {
  return !!el && !/^[A-Z]/.test(el.tag) && !el.tag.includes(".") && !TEXT_ONLY.has(el.tag);
}
