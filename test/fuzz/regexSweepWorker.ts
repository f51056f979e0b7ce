// Runs the adversarial inputs of each regular expression in a worker thread, so that the test
// can stop one that backtracks without end (synchronous regex matching blocks its thread).
import { parentPort, workerData } from "node:worker_threads";
import { attacksFor, build, growth, matcherFor, nonLinear, type RegexSite } from "./adversarial";

export interface SweepReport {
  /** Index of the expression about to be checked (progress, for the hang guard). */
  checking?: number;
  problem?: { where: string; source: string; attack: string; why: string };
  attacks?: number;
  done?: boolean;
}

const sites = (workerData as { sites: RegexSite[] }).sites;
let attacks = 0;
sites.forEach((site, index) => {
  parentPort!.postMessage({ checking: index } satisfies SweepReport);
  const run = matcherFor(site.source, site.flags);
  for (const attack of attacksFor(site.source, site.flags)) {
    attacks++;
    const why = nonLinear(growth((n) => build(attack, n), run));
    if (why) {
      const shown = `${JSON.stringify(attack.prefix)} + ${JSON.stringify(attack.pump)} x N + ${JSON.stringify(attack.suffix)}`;
      parentPort!.postMessage({ problem: { where: site.where, source: site.source, attack: shown, why } } satisfies SweepReport);
      break;
    }
  }
});
parentPort!.postMessage({ attacks, done: true } satisfies SweepReport);
