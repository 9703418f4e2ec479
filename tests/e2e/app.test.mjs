// Real-browser tests of the web app (Debian chromium through playwright-core, headless,
// WebGL by SwiftShader). Input goes through page.mouse / page.keyboard / touch events; the
// wasm test API only reads state back and tells where widgets are.
//   npm test   (in tests/e2e; needs build/wasm/site and, for the CLI checks, build/native/cli/samenleven)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  repo, site, startServer, launch, waitReady, appState, settle, tap, typeInto, waitSaved, shot, widget, visibleWidget,
} from './harness.mjs';

const cli = process.env.SAMENLEVEN_CLI || path.join(repo, 'build/native/cli/samenleven');
const haveCli = fs.existsSync(cli);
const data = path.join(repo, 'tests/data');

let server;
before(async () => {
  assert.ok(fs.existsSync(path.join(site, 'app.wasm')), `build the app first: ${site}/app.wasm is missing`);
  server = await startServer();
});
after(async () => { if (server) await server.close(); });

async function storedFiles(page) {
  return page.evaluate(() => {
    const out = {};
    for (const name of Module.FS.readdir('/plans')) {
      if (name === '.' || name === '..') continue;
      out[name] = Module.FS.readFile('/plans/' + name, { encoding: 'utf8' });
    }
    return out;
  });
}

// Fills a plan that passes validation: a municipality with one subsidised action.
async function fillPlan(page, opts = {}) {
  await tap(page, 'plans.new', opts);
  let s = await appState(page);
  assert.equal(s.plan_open, true);
  await typeInto(page, 'title', 'Actieplan Gent', opts);
  await typeInto(page, 'applicant.lead.name', 'Gent', opts);
  await typeInto(page, 'applicant.lead.nis_code', '44021', opts);
  await typeInto(page, 'applicant.lead.non_eu14_residents', '85000', opts);
  // Contact fields with Tab from one to the next, as on a keyboard.
  await tap(page, 'contact.name', opts);
  await page.keyboard.type('Eline Vercruysse');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.key === 'contact.phone');
  await page.keyboard.type('09 266 00 00');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.key === 'contact.email');
  await page.keyboard.type('samenleven@stad.gent');
  await page.keyboard.press('Enter');
  await settle(page);
  await typeInto(page, 'iban', 'BE68 5390 0754 7034', opts);
  s = await appState(page);
  assert.equal(s.plan.applicant.lead.name, 'Gent');
  assert.deepEqual(s.plan.contact, { name: 'Eline Vercruysse', phone: '09 266 00 00', email: 'samenleven@stad.gent' });
  assert.equal(s.plan.applicant.lead.non_eu14_residents, 85000);

  await tap(page, 'nav.Acties', opts);
  await tap(page, 'actions[5].adult_learners', opts);
  if (!opts.touch) {
    await tap(page, 'objectives[7].jump', opts);
    await shot(page, '02a-actions-1280x800');
  }
  await tap(page, 'nav.Doelen', opts);
  await typeInto(page, 'rows[0].current_reach', '400', opts);
  await typeInto(page, 'rows[0].planned[2022]', '1000', opts);
  await typeInto(page, 'rows[0].planned[2023]', '1200', opts);
  await typeInto(page, 'rows[0].planned[2024]', '1500', opts);
  await typeInto(page, 'rows[0].activities', 'Taalcafés en oefenwandelingen in de wijken', opts);
  await typeInto(page, 'rows[0].partners', 'Huis van het Nederlands, bibliotheek', opts);
  s = await appState(page);
  assert.deepEqual(s.plan.rows[0].planned, { 2022: 1000, 2023: 1200, 2024: 1500 });
  return s;
}

function calc(file) {
  const r = spawnSync(cli, ['calc', file], { encoding: 'utf8' });
  assert.notEqual(r.status, 2, `calc could not read the file: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('the app loads and shows the plans on this device', async () => {
  const { context, page } = await launch({ width: 1280, height: 800 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    const s = await appState(page);
    assert.equal(s.plan_open, false);
    assert.ok(s.widgets['plans.new'], 'the "Nieuw plan" button is drawn');
    const [, , w, h] = s.widgets['plans.new'];
    assert.ok(h >= 44 && w >= 44, `hit target ${w}x${h} is at least 44 CSS px`);
    await shot(page, '01-plans-1280x800');
    // Idle: no frames are drawn while nothing happens.
    await settle(page, 400);
    const before = (await appState(page)).frames;
    await page.waitForTimeout(700);
    assert.equal((await appState(page)).frames, before, 'no frames while idle');
    // A hover (mouse move) draws a few frames, then it stops again.
    await page.mouse.move(300, 300);
    await settle(page, 400);
    const afterMove = (await appState(page)).frames;
    assert.ok(afterMove > before && afterMove - before < 15, `a few frames after a move (${afterMove - before})`);
  } finally {
    await context.close();
  }
});

test('a plan typed through pointer and keyboard: live budget, CLI agrees, reload, offline, undo', async () => {
  const { context, page } = await launch({ width: 1280, height: 800 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    let s = await fillPlan(page);
    // 3,700 additional adult learners at EUR 60 = EUR 222,000.
    assert.equal(s.budget.subsidy_total, 3700 * 6000);
    assert.equal(s.budget.own_contribution, 3700 * 6000);
    assert.equal(s.budget_text.flemish_total, '€ 222.000,00');
    assert.deepEqual(s.findings.filter((f) => f.severity === 'error'), []);
    await shot(page, '02-targets-1280x800');

    await tap(page, 'nav.Aanvrager');
    await shot(page, '03-applicant-1280x800');
    await tap(page, 'nav.Controle');
    await shot(page, '04-findings-1280x800');

    // Export the submission through the real download.
    await tap(page, 'nav.Indienen');
    await shot(page, '05-export-1280x800');
    const [download] = await Promise.all([page.waitForEvent('download'), tap(page, 'export.json')]);
    const exported = path.join(fs.mkdtempSync('/tmp/samenleven-export-'), download.suggestedFilename());
    await download.saveAs(exported);
    const text = fs.readFileSync(exported, 'utf8');
    assert.equal(JSON.parse(text).rows[0].planned['2024'], 1500);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), tap(page, 'export.csv')]);
    const csv = fs.readFileSync(await csvDownload.path());
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a UTF-8 BOM');
    assert.match(csv.toString('utf8'), /Prioriteit;Actie;Actienaam/);

    // The printable summary opens in a new tab.
    const [popup] = await Promise.all([context.waitForEvent('page'), tap(page, 'export.html')]);
    await popup.waitForLoadState();
    assert.match(await popup.textContent('body'), /€ 222\.000,00/);
    await popup.screenshot({ path: path.join(path.dirname(new URL(import.meta.url).pathname), 'screenshots', '05b-summary-page.png') });
    await popup.close();

    if (haveCli) {
      const v = spawnSync(cli, ['validate', exported], { encoding: 'utf8' });
      assert.equal(v.status, 0, `samenleven validate: ${v.stdout} ${v.stderr}`);
      const report = calc(exported);
      assert.equal(report.budget.flemish_total.cents, s.budget.flemish_total);
      assert.equal(report.budget.subsidy_total.cents, s.budget.subsidy_total);
      assert.equal(report.budget.own_contribution.cents, s.budget.own_contribution);
      assert.equal(report.budget.flemish_total.text, s.budget_text.flemish_total);
    } else {
      console.log(`CLI ${cli} not built: CLI comparison skipped`);
    }

    // Reload: the plan comes back exactly, on the screen it was on.
    await waitSaved(page);
    const before = (await appState(page)).plan;
    await page.reload();
    await waitReady(page);
    s = await appState(page);
    assert.equal(s.plan_open, true);
    assert.deepEqual(s.plan, before);
    assert.equal(s.screen, 6, 'the export screen is open again');

    // Offline: the service worker starts the app with the server stopped.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 10000 });
    const port = server.port;
    await server.close();
    try {
      await page.reload();
      await waitReady(page);
      s = await appState(page);
      assert.deepEqual(s.plan, before, 'offline start shows the stored plan');
      await shot(page, '06-offline-reload-1280x800');
    } finally {
      server = await startServer(site, port);
    }

    // Undo restores the previous committed edit; redo brings it back.
    await tap(page, 'nav.Doelen');
    await typeInto(page, 'rows[0].planned[2024]', '2000');
    s = await appState(page);
    const brief = (x) => JSON.stringify({ v: x.plan.rows[0].planned['2024'], undo: x.can_undo, redo: x.can_redo,
      size: x.undo_size, rev: x.revision, edit: x.edit_key, screen: x.screen });
    const typed = brief(s);
    assert.equal(s.plan.rows[0].planned['2024'], 2000);
    await tap(page, 'undo');
    s = await appState(page);
    assert.equal(s.plan.rows[0].planned['2024'], 1500, `undo: before ${typed}, after ${brief(s)}`);
    assert.equal(s.budget.subsidy_total, 3700 * 6000);
    assert.equal(s.can_redo, true, `redo is possible after undo: before ${typed}, after ${brief(s)}`);
    await tap(page, 'redo');
    s = await appState(page);
    assert.equal(s.plan.rows[0].planned['2024'], 2000, `after redo (can_undo ${s.can_undo}, can_redo ${s.can_redo})`);
    await page.keyboard.press('Control+Z');
    await settle(page);
    s = await appState(page);
    assert.equal(s.plan.rows[0].planned['2024'], 1500);
  } finally {
    await context.close();
  }
});

test('a malformed or newer file is refused with its Dutch message; stored plans stay as they were', async () => {
  const { context, page } = await launch({ width: 1280, height: 800 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    await tap(page, 'plans.new');
    await typeInto(page, 'title', 'Bewaard plan');
    await tap(page, 'nav.Plannen');
    await waitSaved(page);
    const stored = await storedFiles(page);
    for (const file of ['malformed_syntax.json', 'newer_schema.json', 'malformed_type.json']) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, 'plans.import')]);
      await chooser.setFiles(path.join(data, file));
      await page.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())).errors.length > 0);
      await settle(page);
      const s = await appState(page);
      assert.ok(s.errors[0].message.length > 0, `${file}: a message`);
      assert.match(s.errors[0].title, new RegExp(file.replace('.', '\\.')));
      if (file === 'malformed_syntax.json') await shot(page, '07-import-error-1280x800');
      await waitSaved(page);
      assert.deepEqual(await storedFiles(page), stored, `${file}: nothing stored changed`);
      await tap(page, 'error.close');
    }
    // A good file is imported as a new plan next to the stored one.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, 'plans.import')]);
    await chooser.setFiles(path.join(data, 'dendermonde_igs.json'));
    await page.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())).plan_open);
    await settle(page);
    const s = await appState(page);
    assert.equal(s.plan.applicant.kind, 'igs');
    await tap(page, 'nav.Doelen');
    await shot(page, '08-igs-targets-1280x800');
    await tap(page, 'rows[0].split');
    await visibleWidget(page, 'rows[0].split[3].planned[2024]');
    await shot(page, '08b-igs-split-1280x800');
  } finally {
    await context.close();
  }
});

test('tablet portrait 800x1280 with touch: taps, typing and drag to scroll', async () => {
  const { context, page } = await launch({ width: 800, height: 1280, touch: true, dpr: 2 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    await shot(page, '09-plans-800x1280');
    const s = await fillPlan(page, { touch: true });
    assert.equal(s.budget.subsidy_total, 3700 * 6000);
    await tap(page, 'nav.Aanvrager', { touch: true });
    await shot(page, '09b-applicant-800x1280');
    await tap(page, 'nav.Doelen', { touch: true });
    assert.equal(s.scale, 2);
    await shot(page, '10-targets-800x1280');

    // Drag up on the actions list: it scrolls, and nothing is chosen by the drag.
    await tap(page, 'nav.Acties', { touch: true });
    await shot(page, '11-actions-800x1280');
    const rowsBefore = (await appState(page)).plan.rows.length;
    const yBefore = (await widget(page, 'actions[7]'))[1];
    const cdp = await context.newCDPSession(page);
    const x = 300;
    const points = [700, 650, 600, 550, 500, 450, 400];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: points[0] }] });
    for (const y of points.slice(1)) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
      await page.waitForTimeout(16);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await settle(page);
    const after = await appState(page);
    const yAfter = after.widgets['actions[7]'][1];
    assert.ok(yBefore - yAfter > 200, `the list scrolled by the drag (${yBefore} -> ${yAfter})`);
    assert.equal(after.plan.rows.length, rowsBefore, 'a drag is not a tap');
    await shot(page, '12-actions-scrolled-800x1280');

    await tap(page, 'nav.Resultaten', { touch: true });
    await typeInto(page, 'rows[0].results[2022].interim_reach', '200', { touch: true });
    await typeInto(page, 'rows[0].results[2022].final_reach', '900', { touch: true });
    await shot(page, '13-results-800x1280');
  } finally {
    await context.close();
  }
});

test('findings jump to their field; the accessible mirror follows the budget', async () => {
  const { context, page } = await launch({ width: 1280, height: 800 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    await tap(page, 'plans.new');
    await tap(page, 'nav.Controle');
    const s = await appState(page);
    const i = s.findings.findIndex((f) => f.path === 'iban');
    assert.ok(i >= 0, 'a finding about the IBAN');
    await tap(page, `findings[${i}]`);
    const t = await appState(page);
    assert.equal(t.screen, 1, 'the applicant screen is open');
    assert.equal(t.focus_path, 'iban');
    await visibleWidget(page, 'iban');
    await shot(page, '14-jump-to-iban-1280x800');
    const mirror = await page.textContent('#a11y-summary');
    assert.match(mirror, /Begroting van Nieuw plan/);
    assert.match(mirror, /fouten/);
  } finally {
    await context.close();
  }
});
