// Fix builder: set an option of a call (`store=False`, `store: false`, a property of an options
// object) whatever the language, replacing the value given or inserting the option.
import { entryValue, optionExpr } from "../ir/options";
import type { CallExpr, ObjectExpr } from "../ir/types";
import type { TextEdit } from "../types";
import type { ParsedFile } from "../workspace/workspace";

/** The object literal that holds a call's options: the first object-literal argument (JavaScript). */
function optionsObject(call: CallExpr): ObjectExpr | undefined {
  const arg = call.args.find((a) => !a.name && a.value.k === "object");
  return arg?.value.k === "object" ? arg.value : undefined;
}

/** Inserts `entry` as the last member of an object literal or argument list ending at `close` (the offset of `}` or `)`). */
export function insertLast(text: string, open: number, close: number, entry: string): TextEdit {
  const inner = text.slice(open + 1, close);
  let at = close;
  while (at > open + 1 && /\s/.test(text[at - 1])) at--;
  const multiline = inner.includes("\n");
  if (!inner.trim()) return { start: open + 1, end: close, newText: entry };
  const trailingComma = /,\s*$/.test(inner);
  if (multiline) {
    // Keep the layout: the new member goes on its own line, indented like the last one.
    const lastLine = inner.slice(0, at - open - 1).split("\n").pop() ?? "";
    const indent = /^\s*/.exec(lastLine)?.[0] ?? "";
    return { start: at, end: at, newText: `${trailingComma ? "" : ","}\n${indent}${entry}${trailingComma ? "," : ""}` };
  }
  return { start: at, end: at, newText: `${trailingComma ? " " : ", "}${entry}` };
}

/**
 * Sets a top-level option of a call to the source text `value`: replaces the value given, else
 * adds a keyword argument (Python) or a property of the options object (JavaScript).
 */
export function setCallOption(file: ParsedFile, call: CallExpr, name: string, value: string): TextEdit | undefined {
  const existing = optionExpr(call, name);
  if (existing) return { start: existing.span.start, end: existing.span.end, newText: value };
  if (file.language === "python") {
    const close = call.span.end - 1;
    if (file.text[close] !== ")") return undefined;
    const open = call.args.length ? file.text.lastIndexOf("(", call.args[0].span.start) : file.text.lastIndexOf("(", close);
    return insertLast(file.text, open, close, `${name}=${value}`);
  }
  const obj = optionsObject(call);
  if (!obj) return undefined;
  return insertLast(file.text, obj.span.start, obj.span.end - 1, `${name}: ${value}`);
}

/**
 * Sets members of an object-literal option (`experimental_telemetry: { ... }`): replaces those given
 * with another value and adds the rest; an option given by name is spread into a new literal.
 */
export function setObjectOptionMembers(file: ParsedFile, call: CallExpr, name: string, members: ReadonlyArray<readonly [string, string]>): TextEdit[] | undefined {
  const existing = optionExpr(call, name);
  if (!existing) return undefined;
  if (existing.k === "object") {
    const edits: TextEdit[] = [];
    const missing: string[] = [];
    for (const [key, value] of members) {
      const given = entryValue(existing, key);
      if (given) {
        if (file.text.slice(given.span.start, given.span.end) !== value) edits.push({ start: given.span.start, end: given.span.end, newText: value });
      } else missing.push(`${key}: ${value}`);
    }
    if (missing.length) edits.push(insertLast(file.text, existing.span.start, existing.span.end - 1, missing.join(", ")));
    return edits.length ? edits : undefined;
  }
  const original = file.text.slice(existing.span.start, existing.span.end);
  return [{ start: existing.span.start, end: existing.span.end, newText: `{ ...${original}, ${members.map(([k, v]) => `${k}: ${v}`).join(", ")} }` }];
}
