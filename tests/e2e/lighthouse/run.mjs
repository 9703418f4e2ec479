// Lighthouse's mobile performance run (its default: a Moto G Power's screen, simulated 4x CPU
// slowdown and slow 4G) on the app as the product's server delivers it, with Debian's
// Chromium. Prints each run's total blocking time, main-thread work and the long tasks, and
// the medians. Not part of the test command: `npm run lighthouse` in tests/e2e installs
// Lighthouse into this folder first (it is needed for this measurement only).
//   LIGHTHOUSE_RUNS=5 (default)   SAMENLEVEN_SITE / SAMENLEVEN_SERVER: another build
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startServer, chromiumArgs, site } from '../harness.mjs';

const runs = Number(process.env.LIGHTHOUSE_RUNS || 5);
const server = await startServer();
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;
const results = [];
console.log(`site: ${site}, Lighthouse ${JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'node_modules/lighthouse/package.json'))).version}`);
try {
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', ...chromiumArgs] });
    try {
      const { lhr } = await lighthouse(server.url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
      const a = lhr.audits;
      const r = {
        tbt: a['total-blocking-time'].numericValue, work: a['mainthread-work-breakdown'].numericValue,
        fcp: a['first-contentful-paint'].numericValue, lcp: a['largest-contentful-paint'].numericValue,
        tti: a.interactive.numericValue, score: lhr.categories.performance.score,
      };
      results.push(r);
      const tasks = (a['long-tasks'].details?.items || []).map((t) => `${path.basename(String(t.url))} ${ms(t.startTime)}+${ms(t.duration)}`);
      const work = (a['mainthread-work-breakdown'].details?.items || []).map((t) => `${t.groupLabel} ${ms(t.duration)}`);
      console.log(`run ${i + 1}: total blocking time ${ms(r.tbt)}, main-thread work ${ms(r.work)} (${work.join(', ')}), ` +
                  `FCP ${ms(r.fcp)}, LCP ${ms(r.lcp)}, TTI ${ms(r.tti)}, score ${r.score}; long tasks (simulated): ${tasks.join(', ') || 'none'}`);
      if (process.env.LIGHTHOUSE_REPORT) fs.writeFileSync(`${process.env.LIGHTHOUSE_REPORT}-${i + 1}.json`, JSON.stringify(lhr));
    } finally {
      await chrome.kill();
    }
  }
  const m = (k) => median(results.map((r) => r[k]));
  console.log(`Lighthouse mobile, median of ${runs}: total blocking time ${ms(m('tbt'))} (goal < 600 ms), main-thread work ${ms(m('work'))}, ` +
              `FCP ${ms(m('fcp'))}, LCP ${ms(m('lcp'))}, TTI ${ms(m('tti'))}`);
} finally {
  await server.close();
}
