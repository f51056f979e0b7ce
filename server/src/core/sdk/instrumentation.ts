// How AI clients get instrumented, as data: wrappers that return the client they are given,
// drop-in modules that stand for an SDK, decorators and higher-order functions that trace
// what runs inside them, and gateway hosts and headers. The engine tags clients, models and
// calls with the `tag` named here; rules decide what a tag means (CON004 reads `tracer:*`).
import { globMatch } from "./frameworks";

export interface ClientWrapper {
  /** Full names (Python "pkg.mod.name", JavaScript "pkg#name") of functions that take a client and return it instrumented. */
  readonly names: readonly string[];
  readonly tag?: string;
}

/** `wrapOpenAI(new OpenAI())` is still the OpenAI client (resolved question 22), recorded by the tracer it names. */
export const CLIENT_WRAPPERS: readonly ClientWrapper[] = [
  { names: ["langsmith/wrappers#wrapOpenAI", "langsmith/wrappers#wrapSDK", "langsmith/wrappers/openai#wrapOpenAI", "langsmith.wrappers.wrap_openai", "langsmith.wrappers.wrap_anthropic", "langsmith.wrap_openai"], tag: "tracer:langsmith" },
  { names: ["langfuse#observeOpenAI", "langfuse-openai#observeOpenAI", "@langfuse/openai#observeOpenAI"], tag: "tracer:langfuse" },
  { names: ["braintrust#wrapOpenAI", "braintrust#wrapAnthropic", "braintrust#wrapAISDKModel", "braintrust.wrap_openai", "braintrust.wrap_anthropic"], tag: "tracer:braintrust" },
  { names: ["helicone#*"], tag: "tracer:helicone" },
  // Instrumentation that records nothing by default: the same client, untagged.
  { names: ["agentops#wrap", "@opentelemetry/*#instrument", "opentelemetry.instrumentation.*.instrument"] },
];

export interface DropInModule {
  /** The module that re-exports an SDK (`langfuse.openai`). */
  readonly module: string;
  /** The SDK it stands for. */
  readonly sdk: string;
  /** The name under which the module exports the SDK module itself (`from langfuse.openai import openai`). */
  readonly selfName?: string;
  readonly tag: string;
}

export const DROP_IN_MODULES: readonly DropInModule[] = [{ module: "langfuse.openai", sdk: "openai", selfName: "openai", tag: "tracer:langfuse" }];

/** Decorators (Python) and higher-order functions (JavaScript) whose function's calls are traced: `@traceable`, `traceable(fn)`. */
export const TRACING_DECORATORS: readonly ClientWrapper[] = [
  { names: ["langsmith.traceable", "langsmith.run_helpers.traceable", "langsmith/traceable#traceable"], tag: "tracer:langsmith" },
  { names: ["langfuse.observe", "langfuse.decorators.observe", "langfuse#observe"], tag: "tracer:langfuse" },
  { names: ["braintrust.traced", "braintrust#traced", "braintrust#wrapTraced"], tag: "tracer:braintrust" },
];

/** Gateway hosts that record every request they proxy. */
export const GATEWAY_HOSTS: ReadonlyArray<{ host: string; tag: string }> = [
  { host: "*.helicone.ai", tag: "tracer:helicone" },
  { host: "helicone.ai", tag: "tracer:helicone" },
];

/** Client headers that turn on a gateway's logging. */
export const GATEWAY_HEADERS: ReadonlyArray<{ header: string; tag: string }> = [{ header: "helicone-auth", tag: "tracer:helicone" }];

export function wrapperFor(fullName: string, table: readonly ClientWrapper[] = CLIENT_WRAPPERS): ClientWrapper | undefined {
  return table.find((w) => w.names.some((n) => n === fullName || (n.includes("*") && globMatch(n, fullName))));
}

export function dropInFor(module: string): DropInModule | undefined {
  return DROP_IN_MODULES.find((d) => d.module === module);
}

/** The tag of a gateway a base URL points at. */
export function gatewayTagForUrl(url: string): string | undefined {
  const m = /^(?:https?:)?\/\/([^/?#\s]+)/i.exec(url.trim());
  if (!m) return undefined;
  const host = m[1].toLowerCase().replace(/:\d+$/, "");
  return GATEWAY_HOSTS.find((g) => globMatch(g.host, host))?.tag;
}

export function gatewayTagForHeader(name: string): string | undefined {
  return GATEWAY_HEADERS.find((g) => g.header === name.toLowerCase())?.tag;
}
