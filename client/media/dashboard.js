// The dashboard page. Everything shown is set as text (never as HTML), so names and messages from
// analysed code stay inert; charts are SVG drawn here, from local data only.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById("dashboard");
  const SVG = "http://www.w3.org/2000/svg";
  const SEVERITIES = ["error", "warning", "information", "hint"];

  /** @param {string} tag @param {Record<string, string>} [attrs] @param {(Node|string)[]} [children] */
  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const child of children) node.append(typeof child === "string" ? document.createTextNode(child) : child);
    return node;
  }

  /** @param {string} tag @param {Record<string, string|number>} attrs */
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  }

  function button(label, type, extra = {}) {
    const b = el("button", { type: "button" }, [label]);
    b.addEventListener("click", () => vscode.postMessage({ type, ...extra }));
    return b;
  }

  /** Horizontal stacked bars: one row per dimension, split by severity. */
  function dimensionChart(dimensions, labels) {
    const width = 520;
    const rowHeight = 26;
    const labelWidth = 210;
    const max = Math.max(1, ...dimensions.map((d) => d.count));
    const chart = svg("svg", { width, height: dimensions.length * rowHeight + 8, role: "img", "aria-label": labels.dimensions, class: "chart" });
    dimensions.forEach((d, i) => {
      const y = i * rowHeight + 4;
      const name = svg("text", { x: 0, y: y + 16, class: "chart-label" });
      name.textContent = d.name;
      chart.append(name);
      let x = labelWidth;
      for (const s of SEVERITIES) {
        const w = ((width - labelWidth - 40) * d.bySeverity[s]) / max;
        if (w > 0) {
          const rect = svg("rect", { x, y: y + 4, width: w, height: 16, class: `bar bar-${s}` });
          const title = svg("title", {});
          title.textContent = `${d.name}: ${d.bySeverity[s]} ${s}`;
          rect.append(title);
          chart.append(rect);
          x += w;
        }
      }
      const count = svg("text", { x: x + 6, y: y + 16, class: "chart-count" });
      count.textContent = String(d.count);
      chart.append(count);
    });
    return chart;
  }

  function table(headers, rows) {
    return el("table", {}, [el("thead", {}, [el("tr", {}, headers.map((h) => el("th", { scope: "col" }, [h])))]), el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, [c])))))]);
  }

  function render(data, labels) {
    const statusText = { clear: labels.clear, review: labels.review, action: labels.action };
    const header = el("header", {}, [
      el("div", {}, [el("h1", {}, [labels.title]), el("p", { class: "muted" }, [labels.subtitle])]),
      el("div", { class: "actions" }, [button(labels.scanAgain, "scan"), button(labels.export, "export")]),
    ]);
    const totals = el("section", { class: "totals", "data-testid": "totals" }, [
      stat(labels.findings, data.totals.all, "total"),
      stat(labels.errors, data.totals.error, "error"),
      stat(labels.warnings, data.totals.warning, "warning"),
      stat(labels.information, data.totals.information, "information"),
      stat(labels.inventory, data.inventory.calls, "calls"),
    ]);
    const cards = el(
      "section",
      { class: "cards" },
      data.dimensions.map((d) =>
        el("article", { class: `card status-${d.status}`, "data-dimension": d.id }, [el("h3", {}, [d.name]), el("p", { class: "big", "data-count": String(d.count) }, [String(d.count)]), el("p", { class: "status" }, [statusText[d.status]])]),
      ),
    );
    const ruleRows = data.rules
      .filter((r) => r.count > 0 || !r.id.startsWith("SUP"))
      .map((r) => {
        const docs = el("a", { href: "#" }, [r.id]);
        docs.addEventListener("click", (e) => {
          e.preventDefault();
          vscode.postMessage({ type: "openDocs", url: r.docsUrl });
        });
        const cells = [docs, r.title, r.sections.join(", "), el("span", { "data-rule-count": r.id }, [String(r.count)])];
        if (data.baseline) cells.push(String(r.accepted ?? 0));
        return cells;
      });
    const ruleHeaders = [labels.rule, labels.titleColumn, labels.sections, data.baseline ? labels.newCount : labels.count, ...(data.baseline ? [labels.acceptedCount] : [])];
    const baseline = data.baseline
      ? el("p", {}, [`${labels.baseline} (${data.baseline.file}): ${data.baseline.accepted} ${labels.accepted}, ${data.baseline.new} ${labels.newSince}.`])
      : el("p", { class: "muted" }, [labels.noBaseline]);
    const skipped = data.coverage.skipped.length ? table([labels.file, labels.reason], data.coverage.skipped.slice(0, 50).map((s) => [s.file, s.reason])) : el("p", { class: "muted" }, [labels.none]);
    // What the analysis could not resolve, where: a clean report is never a silent blind spot.
    const noteList = data.coverage.noteList ?? [];
    const notes = noteList.length ? [el("h3", {}, [labels.notes]), table([labels.file, labels.reason], noteList.slice(0, 50).map((n) => [n.where || "—", n.message]))] : [];
    const topFiles = data.topFiles.length
      ? table(
          [labels.file, labels.findings],
          data.topFiles.map((f) => {
            const link = el("a", { href: "#" }, [f.file]);
            link.addEventListener("click", (e) => {
              e.preventDefault();
              vscode.postMessage({ type: "openFile", file: data.folders.length === 1 ? `${data.folders[0]}/${f.file}` : f.file });
            });
            return [link, String(f.count)];
          }),
        )
      : el("p", { class: "muted" }, [labels.none]);
    root.replaceChildren(
      header,
      totals,
      el("section", {}, [el("h2", {}, [labels.dimensions]), cards, dimensionChart(data.dimensions, labels)]),
      el("section", {}, [el("h2", {}, [labels.rules]), table(ruleHeaders, ruleRows), baseline, el("p", {}, [`${labels.suppressed}: ${data.suppressed}`])]),
      el("div", { class: "columns" }, [
        el("section", {}, [el("h2", {}, [labels.topFiles]), topFiles]),
        el("section", { "data-testid": "coverage" }, [
          el("h2", {}, [labels.coverage]),
          el("p", {}, [`${labels.filesScanned}: `, el("strong", { "data-files-scanned": String(data.coverage.filesScanned) }, [String(data.coverage.filesScanned)]), ` · ${labels.filesSkipped}: ${data.coverage.filesSkipped} · ${labels.notes}: ${data.coverage.notes} · ${labels.duration}: ${data.coverage.durationMs} ms`]),
          skipped,
          ...notes,
          el("h2", {}, [labels.inventory]),
          table([labels.provider, labels.calls], data.inventory.providers.map((p) => [p.provider, String(p.calls)])),
        ]),
      ]),
      el("footer", { class: "muted" }, [`${labels.lastScan}: ${data.finishedAt}`]),
    );
  }

  function stat(label, value, kind) {
    return el("div", { class: `stat stat-${kind}` }, [el("span", { class: "big", "data-stat": kind }, [String(value)]), el("span", {}, [label])]);
  }

  window.addEventListener("message", (event) => {
    const message = event.data;
    if (message && message.type === "data") render(message.data, message.labels);
  });
  vscode.postMessage({ type: "ready" });
})();
