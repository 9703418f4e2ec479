// Real-browser test of the agency's overview (issue 9) against the real server seeded as the
// run command seeds it (the first project year in Flanders): the agency reads the published
// year-1 figures, changes the year, drills down from a figure to a plan, runs an allocation
// under a budget and downloads both CSV exports.
//   node --test overview.test.mjs   (in tests/e2e; needs build/wasm/site and the server)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSyncServer, launch, waitReady, appState, tap, typeInto, settle, shot } from './harness.mjs';

let server;
const contexts = [];

before(async () => {
  server = await startSyncServer([], { seedDemo: true });
  assert.ok(server.tokens.abb, 'the demo tokens hold the agency');
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (server) await server.stop();
});

async function until(page, check, what, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await appState(page);
    if (check(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s.overview)} ${s.sync.role}`);
    await settle(page, 100);
  }
}

// The agency's desktop, signed in with the demo token.
async function agency(opts = { width: 1280, height: 800 }) {
  const t = await launch(opts);
  contexts.push(t.context);
  await t.page.goto(server.base + '/');
  await waitReady(t.page);
  await tap(t.page, 'nav.Server');
  await typeInto(t.page, 'sync.token', server.tokens.abb);
  await tap(t.page, 'sync.toggle');
  await until(t.page, (s) => s.sync.role === 'agency' && s.widgets['nav.Overzicht'], 'the agency screens');
  return t;
}

async function download(page, key) {
  const [file] = await Promise.all([page.waitForEvent('download'), tap(page, key)]);
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'samenleven-overview-')), file.suggestedFilename());
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), text: fs.readFileSync(saved, 'utf8') };
}

test('the agency reads the published year-1 figures, filters, drills down, allocates and exports', async () => {
  const { page } = await agency();
  await tap(page, 'nav.Overzicht');
  let s = await until(page, (x) => x.overview.loaded && x.overview.plans > 0 && x.widgets['overview.headline.dutch_practice'],
    'the figures drawn');
  // The published figures of 2022-2023 (DOMAIN.md), from the demo data of the run command.
  const h = s.overview.headlines;
  assert.equal(s.overview.year, 2022);
  assert.equal(s.overview.plans, 106);
  assert.deepEqual([h.dutch_practice.reached, h.dutch_practice.planned], [118178, 68429]);
  assert.deepEqual([h.youth_culture_sport.reached, h.youth_culture_sport.planned], [72897, 42370]);
  assert.deepEqual([h.work_guidance.reached, h.work_guidance.planned], [2769, 2810]);
  assert.deepEqual([h.education_support.reached, h.education_support.planned], [28399, 22887]);
  assert.equal(h.action_plans.reached, 41);
  assert.equal(h.bystanders.reached, 5601);
  assert.equal(h.social_mix_families.reached, 2665);
  assert.ok(s.overview.governments > 106, `local governments represented: ${s.overview.governments}`);
  await shot(page, 'overview-01-figures-1280x800');

  // The overview's CSV: the figures as published, in the Belgian spreadsheet format.
  const csv = await download(page, 'overview.csv');
  assert.equal(csv.name, 'plan-samenleven-overzicht-2022.csv');
  assert.ok(csv.text.startsWith('\ufeffPlan Samenleven: overzicht;2022-2023\r\n'));
  assert.match(csv.text, /\r\ndutch_practice;oefenkansen Nederlands voor volwassen anderstaligen;68429;\d+;118178;[\d,]+;\d+\r\n/);

  // Another year: the figures follow the filter.
  await tap(page, 'overview.year[1]');
  s = await until(page, (x) => x.overview.loaded && x.overview.year === 2023 && x.overview.headlines.dutch_practice.reached === 0,
    'the figures of 2023-2024');
  await tap(page, 'overview.year[0]');
  await until(page, (x) => x.overview.year === 2022 && x.overview.headlines.dutch_practice.reached === 118178, 'back to 2022-2023');

  // Drill-down: the plans behind the practice opportunities, then one of them.
  await tap(page, 'overview.headline.dutch_practice.plans');
  s = await until(page, (x) => x.overview.drill_loaded && x.overview.drill_plans.length > 0, 'the plans behind the figure');
  assert.equal(s.overview.drill_plans.length, h.dutch_practice.plans);
  await shot(page, 'overview-02-drill-down-1280x800');
  const first = s.overview.drill_plans[0];
  await tap(page, 'overview.plans[0].open');
  s = await until(page, (x) => x.review.loaded && x.review.open_id === first, 'the plan under review');
  assert.equal(s.review.status, 'reported');

  // Allocation under year 1's budget: the requests exceed it, priority decides.
  await tap(page, 'nav.Toewijzing');
  await typeInto(page, 'allocation.budget', '10000000');
  await tap(page, 'allocation.run');
  s = await until(page, (x) => x.overview.allocation_loaded, 'the allocation');
  const a = s.overview.allocation;
  assert.equal(a.budget, 1000000000);
  assert.equal(a.plans, 106);
  assert.ok(a.requested > a.budget, 'year 1 asked more than 10 million');
  assert.equal(a.allocated, a.budget, 'the whole budget is allocated');
  assert.ok(a.partial_priority >= 1);
  await shot(page, 'overview-03-allocation-1280x800');
  const allocation = await download(page, 'allocation.csv');
  assert.equal(allocation.name, 'plan-samenleven-toewijzing-2022.csv');
  assert.ok(allocation.text.startsWith('\ufeffAanvrager;Plan;Prioriteit;Actie;Doelgroep;Gevraagd (EUR);Toegewezen (EUR);Financiering\r\n'));
  assert.match(allocation.text, /\r\nBudget \(EUR\);10000000,00\r\n/);
  assert.match(allocation.text, /;gedeeltelijk\r\n/);
});

test('the overview is readable on a portrait tablet (800x1280)', async () => {
  const { page } = await agency({ width: 800, height: 1280, touch: true });
  await tap(page, 'nav.Overzicht', { touch: true });
  const s = await until(page, (x) => x.overview.loaded && x.overview.plans === 106 && x.widgets['overview.headline.dutch_practice'],
    'the figures drawn');
  const [, , w] = s.widgets['overview.headline.dutch_practice'];
  assert.ok(w <= 800, 'the chart fits the width');
  await shot(page, 'overview-04-figures-800x1280');
});

test('offline after a reload, the agency reads the figures as last read, and when', async () => {
  const { page, context } = await agency({ width: 800, height: 1280, touch: true });
  await tap(page, 'nav.Overzicht', { touch: true });
  await until(page, (x) => x.overview.loaded && x.overview.plans === 106, 'the figures read from the server');
  const kept = await page.evaluate(() => FS.readdir('/plans').filter((n) => n.startsWith('agency-aggregate')));
  assert.deepEqual(kept, ['agency-aggregate-include-drafts-false-year-2022.json']);
  await page.waitForFunction(() => !Module.SL.syncing && !Module.SL.pendingSync, null, { timeout: 10000 });  // in IndexedDB
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 10000 });
  await context.setOffline(true);
  await page.reload();
  await waitReady(page);
  await tap(page, 'nav.Overzicht', { touch: true });
  const s = await until(page, (x) => x.overview.loaded && x.widgets['overview.headline.dutch_practice'], 'the figures kept');
  assert.equal(s.overview.plans, 106);
  assert.equal(s.overview.headlines.dutch_practice.reached, 118178);
  const line = await page.evaluate(() =>
    [...document.querySelectorAll('#mirror *')].map((e) => e.textContent).find((t) => t.startsWith('Offline: de cijfers zoals opgehaald op')));
  assert.match(line || '', /^Offline: de cijfers zoals opgehaald op \d+-\d+-\d{4} om \d\d:\d\d\.$/);
  await shot(page, 'overview-05-offline-800x1280');
  await context.setOffline(false);
});
