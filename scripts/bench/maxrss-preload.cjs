// Preloaded into the CLI (node --require) by the benchmark: at exit, writes the process's peak
// resident set size (process.resourceUsage().maxRSS, in kB; worker threads included) to the file
// named by GENAI_LINT_BENCH_MAXRSS_FILE.
"use strict";
const file = process.env.GENAI_LINT_BENCH_MAXRSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      require("node:fs").writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, pid: process.pid }) + "\n");
    } catch {
      /* the benchmark reports the figure as missing */
    }
  });
}
