// Measures the web app against its goals and prints the figures:
//   - gzip size of app.wasm + app.js (goal <= 350 KB); the first visit's whole transfer (goal < 500 KB)
//   - time to first frame on localhost, navigation start to the first drawn frame (goal < 400 ms)
//   - CPU time of one frame with a full 10-member IGS plan open on "Doelen" (goal < 2 ms)
// Run: node tests/e2e/bench.mjs   (after building build/wasm/site)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { site, repo, startServer, launch, waitReady, appState, tap, settle } from './harness.mjs';

const kb = (n) => (n / 1024).toFixed(1);
const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(site, f)), { level: 9 }).length;
const wasm = gz('app.wasm'), js = gz('app.js');
console.log(`gzip: app.wasm ${kb(wasm)} KB + app.js ${kb(js)} KB = ${kb(wasm + js)} KB (goal <= 350 KB)`);

// A 10-member IGS with every subsidised action and target group, split over the members.
function bigPlan() {
  const cat = JSON.parse(fs.readFileSync(path.join(repo, 'shared/data/catalogue_2022.json'), 'utf8'));
  const plan = JSON.parse(fs.readFileSync(path.join(repo, 'tests/data/dendermonde_igs.json'), 'utf8'));
  plan.id = 'bench-igs-10';
  plan.title = 'IGS met 10 leden (bench)';
  plan.applicant.lead = { nis_code: '11002', name: 'Antwerpen', non_eu14_residents: 150000 };
  plan.applicant.members = Array.from({ length: 10 }, (_, i) => ({
    nis_code: String(11010 + i), name: `Gemeente ${i + 1}`, non_eu14_residents: 1000 + 100 * i,
  }));
  const keys = ['11002', ...plan.applicant.members.map((m) => m.nis_code)];
  plan.rows = [];
  for (const a of cat.actions) {
    if (a.funding !== 'per_unit') continue;
    for (const g of a.target_groups) {
      const planned = { 2022: 11, 2023: 11, 2024: 11 };
      plan.rows.push({
        action: a.number, target_group: g.code, current_reach: 5, planned, priority: plan.rows.length + 1,
        activities: 'Activiteiten', partners: 'Partners',
        split: keys.map((k) => ({ member: k, planned: { 2022: 1, 2023: 1, 2024: 1 } })),
      });
    }
  }
  return plan;
}

const server = await startServer();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samenleven-bench-'));
const planFile = path.join(tmp, 'igs10.json');
fs.writeFileSync(planFile, JSON.stringify(bigPlan(), null, 2));

// Time to first frame: three fresh profiles (first visit), then a second visit (cached).
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const cold = [];
const fetched = new Set();  // what the first visit loads, by path
for (let i = 0; i < 3; i++) {
  const run = await launch({ width: 1280, height: 800 });
  if (i === 0) run.page.on('requestfinished', (r) => fetched.add(new URL(r.url()).pathname));
  await run.page.goto(server.url);
  await waitReady(run.page);
  if (i === 0) await run.page.waitForTimeout(1500);  // the service worker's own downloads too
  const s = await appState(run.page);
  cold.push(s.first_frame_at_ms);
  if (i === 0) console.log(`  (main() at ${s.main_at_ms.toFixed(0)} ms, font atlas ${s.font_ms.toFixed(0)} ms)`);
  await run.context.close();
}
{
  const files = [...fetched].map((p) => (p.endsWith('/') ? p + 'index.html' : p).slice(1)).filter((f) => fs.existsSync(path.join(site, f)));
  const unique = [...new Set(files)];
  const total = unique.reduce((sum, f) => sum + gz(f), 0);
  console.log(`first visit transfer (each file gzip -9 once, as a server compresses it): ${kb(total)} KB in ${unique.length} files ` +
    `(${unique.map((f) => `${f} ${kb(gz(f))}`).join(', ')}) (goal < 500 KB)`);
}
console.log(`time to first frame, first visit: median ${median(cold).toFixed(0)} ms of ` +
            `[${cold.map((x) => x.toFixed(0)).join(', ')}] (goal < 400 ms)`);
const { context, page } = await launch({ width: 1280, height: 800 });
try {
  await page.goto(server.url);
  await waitReady(page);
  await page.evaluate(() => navigator.serviceWorker && navigator.serviceWorker.ready);
  await page.reload();
  await waitReady(page);
  console.log(`time to first frame, second visit (service worker): ${(await appState(page)).first_frame_at_ms.toFixed(0)} ms`);

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, 'plans.import')]);
  await chooser.setFiles(planFile);
  await page.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())).plan_open);
  const s = await appState(page);
  if (s.errors.length) throw new Error(JSON.stringify(s.errors));
  console.log(`plan: ${s.plan.applicant.members.length} members, ${s.plan.rows.length} rows, ` +
              `${s.findings.length} findings, budget ${s.budget_text.flemish_total}`);
  for (const screen of ['nav.Doelen', 'nav.Aanvrager', 'nav.Resultaten']) {
    await tap(page, screen);
    await settle(page);
    await page.evaluate(() => Module._app_test_frame_time(20));  // warm up
    const ms = await page.evaluate(() => Module._app_test_frame_time(200));
    const ui = await page.evaluate(() => Module._app_test_ui_time(200));
    console.log(`frame CPU time, ${screen.slice(4)} screen: ${ms.toFixed(3)} ms per frame (goal < 2 ms; ` +
                `includes the WebGL calls, here into SwiftShader); UI code alone ${ui.toFixed(3)} ms`);
  }
} finally {
  await context.close();
  await server.close();
}
