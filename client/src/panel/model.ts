// The panel's trees as plain data: findings grouped by the guideline's governance dimensions (or
// by file, severity or principle), and the AI inventory by provider and model. No vscode import,
// so unit tests check the grouping and counts directly.
import type { ReportFinding, ReportInventoryEntry, RuleCatalogue, WorkspaceFolderReport } from "../../../server/src/protocol/messages";

export type Grouping = "dimension" | "file" | "severity" | "principle";
export const GROUPINGS: readonly Grouping[] = ["dimension", "file", "severity", "principle"];
export type PanelLocale = "en" | "zh-hk";

const SEVERITY_ORDER = ["error", "warning", "information", "hint"] as const;
type Severity = (typeof SEVERITY_ORDER)[number];

export interface FindingLeaf {
  kind: "finding";
  id: string;
  label: string;
  description: string;
  severity: Severity;
  rule: string;
  /** Absolute path of the file and 1-based position. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface GroupNode {
  kind: "group";
  id: string;
  label: string;
  /** What the group is, for the icon: a dimension, rule, file, severity or principle. */
  groupKind: "dimension" | "rule" | "file" | "severity" | "principle" | "folder";
  count: number;
  /** The worst severity below, for the icon. */
  worst?: Severity;
  /** For a file group: its absolute path. */
  file?: string;
  children: TreeNode[];
}

export type TreeNode = GroupNode | FindingLeaf;

interface LocatedFinding extends ReportFinding {
  root: string;
  absolute: string;
}

function localName(name: { en: string; zh: string }, locale: PanelLocale): string {
  return locale === "zh-hk" ? name.zh : name.en;
}

function located(folders: readonly WorkspaceFolderReport[]): LocatedFinding[] {
  return folders.flatMap((folder) =>
    folder.report.findings.map((f) => ({ ...f, root: folder.root, absolute: f.file.startsWith("/") ? f.file : `${folder.root.replace(/\/$/, "")}/${f.file}` })),
  );
}

function worstOf(findings: readonly { severity: Severity }[]): Severity | undefined {
  return SEVERITY_ORDER.find((s) => findings.some((f) => f.severity === s));
}

/** A file's label: relative to its folder, prefixed with the folder's name when there are several. */
function fileLabel(f: LocatedFinding, multiRoot: boolean): string {
  return multiRoot ? `${f.root.split("/").pop()}/${f.file}` : f.file;
}

function leaf(f: LocatedFinding, labelFile: boolean, multiRoot: boolean): FindingLeaf {
  const where = `${labelFile ? fileLabel(f, multiRoot) + ":" : "Ln "}${f.line}:${f.column}`;
  return {
    kind: "finding",
    id: `finding:${f.absolute}:${f.line}:${f.column}:${f.rule}`,
    label: f.message,
    description: `${f.rule} · ${where}`,
    severity: f.severity,
    rule: f.rule,
    file: f.absolute,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
  };
}

function group(id: string, label: string, groupKind: GroupNode["groupKind"], findings: readonly LocatedFinding[], children: TreeNode[], file?: string): GroupNode {
  return { kind: "group", id, label, groupKind, count: findings.length, worst: worstOf(findings), children, ...(file ? { file } : {}) };
}

function bucket<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const byPlace = (a: LocatedFinding, b: LocatedFinding) => (a.absolute < b.absolute ? -1 : a.absolute > b.absolute ? 1 : a.line - b.line || a.column - b.column);

function fileGroups(findings: readonly LocatedFinding[], prefix: string, multiRoot: boolean): GroupNode[] {
  return [...bucket([...findings].sort(byPlace), (f) => f.absolute)].map(([absolute, list]) =>
    group(`${prefix}/file:${absolute}`, fileLabel(list[0], multiRoot), "file", list, list.map((f) => leaf(f, false, multiRoot)), absolute),
  );
}

function ruleGroups(findings: readonly LocatedFinding[], catalogue: RuleCatalogue, locale: PanelLocale, prefix: string, multiRoot: boolean, thenFiles: boolean): GroupNode[] {
  const order = catalogue.rules.map((r) => r.id);
  return [...bucket(findings, (f) => f.rule)]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([rule, list]) => {
      const meta = catalogue.rules.find((r) => r.id === rule);
      const label = meta ? `${rule} ${localName(meta.title, locale)}` : rule;
      const id = `${prefix}/rule:${rule}`;
      return group(id, label, "rule", list, thenFiles ? fileGroups(list, id, multiRoot) : [...list].sort(byPlace).map((f) => leaf(f, true, multiRoot)));
    });
}

/** The findings tree. Dimension and principle groups are listed even when empty: a clean dimension is news too. */
export function buildFindingsTree(folders: readonly WorkspaceFolderReport[], catalogue: RuleCatalogue, grouping: Grouping, locale: PanelLocale, severityNames: Record<Severity, string>): GroupNode[] {
  const findings = located(folders);
  const multiRoot = folders.length > 1;
  switch (grouping) {
    case "file":
      return fileGroups(findings, "byFile", multiRoot);
    case "severity":
      return SEVERITY_ORDER.map((severity) => {
        const list = findings.filter((f) => f.severity === severity);
        const id = `bySeverity/${severity}`;
        return group(id, severityNames[severity], "severity", list, ruleGroups(list, catalogue, locale, id, multiRoot, true));
      }).filter((g) => g.count > 0);
    case "principle":
      return catalogue.principles.map((p) => {
        const rules = new Set(catalogue.rules.filter((r) => r.principle === p.id).map((r) => r.id));
        const list = findings.filter((f) => rules.has(f.rule));
        const id = `byPrinciple/${p.id}`;
        return group(id, localName(p.name, locale), "principle", list, ruleGroups(list, catalogue, locale, id, multiRoot, true));
      });
    case "dimension":
      return catalogue.dimensions.map((d) => {
        const rules = new Set(catalogue.rules.filter((r) => r.dimension === d.id).map((r) => r.id));
        const list = findings.filter((f) => rules.has(f.rule));
        const id = `byDimension/${d.id}`;
        return group(id, localName(d.name, locale), "dimension", list, ruleGroups(list, catalogue, locale, id, multiRoot, true));
      });
  }
}

export interface InventoryCall {
  kind: "call";
  id: string;
  label: string;
  description: string;
  file: string;
  line: number;
  column: number;
}

export interface InventoryGroup {
  kind: "provider" | "model";
  id: string;
  label: string;
  count: number;
  /** Modalities of the calls below (text, image, audio, ...). */
  modalities: string[];
  children: Array<InventoryGroup | InventoryCall>;
}

/** Provider -> model -> call sites, with each call's modality and API. */
export function buildInventoryTree(folders: readonly WorkspaceFolderReport[], unknownModel: string): InventoryGroup[] {
  const multiRoot = folders.length > 1;
  const calls = folders.flatMap((folder) =>
    folder.report.inventory.map((entry) => ({ entry, root: folder.root, absolute: entry.file.startsWith("/") ? entry.file : `${folder.root.replace(/\/$/, "")}/${entry.file}` })),
  );
  const providers = [...bucket(calls, (c) => c.entry.provider)].sort(([a], [b]) => a.localeCompare(b));
  return providers.map(([provider, list]) => {
    const models = [...bucket(list, (c) => c.entry.model ?? "")].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
    const providerId = `provider:${provider}`;
    return {
      kind: "provider" as const,
      id: providerId,
      label: provider,
      count: list.length,
      modalities: modalitiesOf(list.map((c) => c.entry)),
      children: models.map(([model, calls]) => ({
        kind: "model" as const,
        id: `${providerId}/model:${model}`,
        label: model || unknownModel,
        count: calls.length,
        modalities: modalitiesOf(calls.map((c) => c.entry)),
        children: calls
          .sort((a, b) => (a.absolute < b.absolute ? -1 : a.absolute > b.absolute ? 1 : a.entry.line - b.entry.line))
          .map(({ entry, root, absolute }) => ({
            kind: "call" as const,
            id: `call:${absolute}:${entry.line}:${entry.column}`,
            label: `${multiRoot ? `${root.split("/").pop()}/` : ""}${entry.file}:${entry.line}`,
            description: `${entry.modality} · ${entry.api}`,
            file: absolute,
            line: entry.line,
            column: entry.column,
          })),
      })),
    };
  });
}

function modalitiesOf(entries: readonly ReportInventoryEntry[]): string[] {
  return [...new Set(entries.map((e) => e.modality))].sort();
}

/** Numbers for the dashboard: per dimension and rule, coverage, top files. */
export interface DashboardData {
  locale: PanelLocale;
  totals: Record<Severity, number> & { all: number };
  dimensions: Array<{ id: string; name: string; count: number; bySeverity: Record<Severity, number>; status: "clear" | "review" | "action" }>;
  /** `accepted`: findings of the rule the baseline accepted (present only with a baseline). */
  rules: Array<{ id: string; title: string; dimension: string; sections: string[]; count: number; accepted?: number; docsUrl: string }>;
  baseline?: { accepted: number; new: number; file: string };
  suppressed: number;
  /** `notes`: how many; `noteList`: each with where it points (what the analysis could not resolve, files analysed in part). */
  coverage: {
    filesScanned: number;
    filesSkipped: number;
    skipped: Array<{ file: string; reason: string }>;
    languages: Record<string, number>;
    durationMs: number;
    notes: number;
    noteList: Array<{ where: string; message: string }>;
  };
  topFiles: Array<{ file: string; count: number }>;
  inventory: { calls: number; providers: Array<{ provider: string; calls: number }> };
  folders: string[];
  finishedAt: string;
}

function severityCounts(findings: readonly { severity: Severity }[]): Record<Severity, number> {
  const out = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

export function buildDashboard(folders: readonly WorkspaceFolderReport[], catalogue: RuleCatalogue, locale: PanelLocale): DashboardData {
  const findings = located(folders);
  const multiRoot = folders.length > 1;
  const dimensionOf = new Map(catalogue.rules.map((r) => [r.id, r.dimension]));
  const totals = { ...severityCounts(findings), all: findings.length };
  const dimensions = catalogue.dimensions.map((d) => {
    const list = findings.filter((f) => dimensionOf.get(f.rule) === d.id);
    const bySeverity = severityCounts(list);
    // Errors need action; anything else needs a reviewer's look; nothing found is clear.
    const status: "clear" | "review" | "action" = bySeverity.error > 0 ? "action" : list.length > 0 ? "review" : "clear";
    return { id: d.id, name: localName(d.name, locale), count: list.length, bySeverity, status };
  });
  const counts = bucket(findings, (f) => f.rule);
  const baselines = folders.map((f) => f.report.baseline).filter((b): b is NonNullable<typeof b> => !!b);
  const acceptedOf = (rule: string) => (baselines.length ? { accepted: sum(baselines.map((b) => b.acceptedByRule?.[rule] ?? 0)) } : {});
  const rules = catalogue.rules.map((r) => ({ id: r.id, title: localName(r.title, locale), dimension: r.dimension, sections: r.sections, count: counts.get(r.id)?.length ?? 0, ...acceptedOf(r.id), docsUrl: r.docsUrl }));
  const coverage = {
    filesScanned: sum(folders.map((f) => f.report.coverage.filesScanned)),
    filesSkipped: sum(folders.map((f) => f.report.coverage.filesSkipped)),
    skipped: folders.flatMap((f) => f.report.coverage.skipped.map((s) => ({ file: s.file, reason: String(s.reason) }))),
    languages: folders.reduce<Record<string, number>>((acc, f) => {
      for (const [lang, n] of Object.entries(f.report.coverage.languages)) acc[lang] = (acc[lang] ?? 0) + n;
      return acc;
    }, {}),
    durationMs: sum(folders.map((f) => f.report.coverage.durationMs)),
    notes: sum(folders.map((f) => f.report.coverage.notes?.length ?? 0)),
    noteList: folders.flatMap((f) =>
      (f.report.coverage.notes ?? []).map((n) => ({ where: [multiRoot && n.file ? `${f.root}/${n.file}` : n.file, n.line].filter((x) => x !== undefined && x !== "").join(":"), message: `${n.rule ? `${n.rule}: ` : ""}${n.message}` })),
    ),
  };
  const topFiles = [...bucket(findings, (f) => fileLabel(f, multiRoot))]
    .map(([file, list]) => ({ file, count: list.length }))
    .sort((a, b) => b.count - a.count || a.file.localeCompare(b.file))
    .slice(0, 10);
  const inventory = folders.flatMap((f) => f.report.inventory);
  return {
    locale,
    totals,
    dimensions,
    rules,
    baseline: baselines.length ? { accepted: sum(baselines.map((b) => b.accepted)), new: sum(baselines.map((b) => b.new)), file: baselines.map((b) => b.file).join(", ") } : undefined,
    suppressed: sum(folders.map((f) => f.report.suppressed?.length ?? 0)),
    coverage,
    topFiles,
    inventory: { calls: inventory.length, providers: [...bucket(inventory, (i) => i.provider)].map(([provider, list]) => ({ provider, calls: list.length })).sort((a, b) => b.calls - a.calls) },
    folders: folders.map((f) => f.root),
    finishedAt: folders.map((f) => f.finishedAt).sort().pop() ?? "",
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
