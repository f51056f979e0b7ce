// The messages of a Vercel AI chat hook (`useChat().messages`, `Chat#messages`) as shapes the engine can
// narrow (resolved question 23): the user's messages and the assistant's, and in each message its parts
// by type. Only the assistant's text (and parts that may hold generated media or reasoning) is AI
// content; tool parts and tool invocations are tool data (resolved question 5).
import type { AiLabel } from "./values";
import { Value } from "./values";

/** Part types of tool calls: `tool-<name>` (v5), `dynamic-tool`, and v4's `tool-invocation`. */
const TOOL_TYPES = { exact: ["dynamic-tool"], prefixes: ["tool-"] } as const;

function obj(entries: Record<string, Value>, labels: readonly AiLabel[] = []): Value {
  const v = new Value(labels);
  v.props = new Map(Object.entries(entries));
  return v;
}

function list(elems: Value[]): Value {
  const v = new Value();
  v.elems = elems;
  v.elemKinds = true;
  return v;
}

function oneOf(set: Value["oneOf"]): Value {
  const v = new Value();
  v.oneOf = set;
  return v;
}

/** Fields of a tool call: what the model asked the tool, what the tool returned, its progress. None is AI content. */
function toolFields(): Record<string, Value> {
  const data = () => new Value();
  return { toolCallId: data(), toolName: data(), state: data(), input: data(), output: data(), args: data(), result: data(), errorText: data(), providerExecuted: data() };
}

/** The list of a chat's messages: both roles, the assistant's carrying `label`. */
export function uiMessages(label: AiLabel): Value {
  const ai = () => new Value([label]);
  const invocation = obj(toolFields());
  const userText = obj({ type: Value.string("text"), text: new Value(), state: new Value() });
  const user = obj({ id: new Value(), role: Value.string("user"), content: new Value(), parts: list([userText]) });
  const text = obj({ type: Value.string("text"), text: ai(), state: new Value() });
  // Reasoning, files, sources and data parts: what they hold may be generated.
  const other = obj({ type: oneOf({ exact: ["text", ...TOOL_TYPES.exact], prefixes: TOOL_TYPES.prefixes, not: true }), text: ai(), state: new Value() }, [label]);
  const tool = obj({ type: oneOf(TOOL_TYPES), ...toolFields(), toolInvocation: invocation });
  const assistant = obj({ id: new Value(), role: Value.string("assistant"), content: ai(), parts: list([text, other, tool]), toolInvocations: list([invocation]) }, [label]);
  const messages = list([user, assistant]);
  messages.labels = [label];
  return messages;
}
