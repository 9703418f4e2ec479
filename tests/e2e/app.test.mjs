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
  repo, site, siteBuilt, startServer, launch, waitReady, appState, settle, tap, typeInto, waitSaved, shot, widget, visibleWidget,
} from './harness.mjs';

const cli = process.env.SAMENLEVEN_CLI || path.join(repo, 'build/native/cli/samenleven');
const haveCli = fs.existsSync(cli);
const data = path.join(repo, 'tests/data');

let server;
before(async () => {
  assert.ok(siteBuilt(), `build the app first: ${site} has no app`);
  server = await startServer();
});
after(async () => { if (server) await server.close(); });

// A new plan "Bewaard plan", saved on the device, with the plans screen open: what an
// import must leave as it was.
async function startSavedPlan(page) {
  await page.goto(server.url);
  await waitReady(page);
  await tap(page, 'plans.new');
  await typeInto(page, 'title', 'Bewaard plan');
  await tap(page, 'nav.Plannen');
  await waitSaved(page);
}

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
    await startSavedPlan(page);
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
    // A row without a split: opening it shows the governments but changes nothing.
    await tap(page, 'rows[0].split');  // folded again
    await visibleWidget(page, 'rows[1]');
    await tap(page, 'rows[1].split');
    await visibleWidget(page, 'rows[1].split[3].planned[2024]');
    await shot(page, '08c-igs-split-derived-1280x800');
    const looked = await appState(page);
    assert.deepEqual(looked.plan, s.plan, 'looking at a split does not change the plan');
    assert.equal(looked.can_undo, false, 'and takes no undo step');
    assert.equal(looked.save_due, false, 'and saves nothing');
  } finally {
    await context.close();
  }
});

// Picks `file` through the real file chooser; resolves with the app's state once the pick has
// been answered (an error, or another plan opened) and the milliseconds that took.
async function pickFile(page, file) {
  const before = await appState(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, 'plans.import')]);
  const started = Date.now();
  await chooser.setFiles(file);
  await page.waitForFunction((b) => {
    const s = JSON.parse(Module.UTF8ToString(Module._app_test_state()));
    return s.errors.length > b.errors || (s.plan_open && s.plan.id !== b.id);
  }, { errors: before.errors.length, id: before.plan_open ? before.plan.id : '' }, { timeout: 20000 });
  const ms = Date.now() - started;
  await settle(page);
  return { s: await appState(page), ms };
}

// What the page holds in memory: the wasm heap and V8's JS heap (CDP, exact).
async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return { wasm: await page.evaluate(() => Module.HEAPU8.length), js: usedSize };
}

test('an import hands the file\'s bytes to the core: the CLI\'s error for invalid UTF-8 and 1e400; over 1 MiB refused unread', async () => {
  const { context, page } = await launch({ width: 1280, height: 800 });
  const tmp = fs.mkdtempSync('/tmp/samenleven-import-');
  try {
    await startSavedPlan(page);
    const stored = await storedFiles(page);
    const open = (await appState(page)).plan;

    // The same answer as the CLI: code and path from the core reading the file's own bytes
    // (a browser that decoded them first would import "Leb\uFFFD\uFFFDke").
    const expected = {
      'invalid_utf8.json': { code: 'json.encoding', path: 'applicant.members[1].name' },
      'reach_1e400.json': { code: 'json.number_too_large', path: 'rows[1].planned[2023]' },
    };
    for (const [file, want] of Object.entries(expected)) {
      const { s } = await pickFile(page, path.join(data, file));
      assert.equal(s.errors.length, 1, `${file}: refused, not imported (open plan: ${s.plan && s.plan.title})`);
      const e = s.errors[0];
      assert.equal(e.code, want.code, `${file}: ${JSON.stringify(e)}`);
      assert.equal(e.path, want.path);
      assert.match(e.title, new RegExp(file.replace('.', '\\.')));
      if (haveCli) {
        const r = spawnSync(cli, ['validate', path.join(data, file)], { encoding: 'utf8' });
        assert.equal(r.status, 2);
        assert.ok(r.stderr.includes(`${e.path}: ${e.message} [${e.code}]`), `the CLI says the same: ${r.stderr}`);
      } else {
        console.log(`CLI ${cli} not built: CLI comparison skipped`);
      }
      if (file === 'invalid_utf8.json') await shot(page, '07b-import-invalid-utf8-1280x800');
      await waitSaved(page);
      assert.deepEqual(await storedFiles(page), stored, `${file}: nothing stored changed`);
      assert.deepEqual(s.plan, open, `${file}: the open plan is unchanged`);
      await tap(page, 'error.close');
    }

    // One byte over the limit: a valid plan padded with spaces is refused by its size.
    const limit = 1024 * 1024;
    const plan = fs.readFileSync(path.join(data, 'dendermonde_igs.json'));
    const over = path.join(tmp, 'net-te-groot.json');
    fs.writeFileSync(over, Buffer.concat([plan, Buffer.alloc(limit + 1 - plan.length, 0x20)]));
    let { s } = await pickFile(page, over);
    assert.equal(s.errors.length, 1, `refused (open plan: ${s.plan && s.plan.title})`);
    assert.equal(s.errors[0].code, 'import.too_large');
    assert.match(s.errors[0].message, /1\.048\.577 bytes/, 'names the file\'s size');
    assert.match(s.errors[0].message, /1\.048\.576 bytes/, 'names the limit');
    await shot(page, '07c-import-too-large-1280x800');
    await tap(page, 'error.close');

    // A large file is refused before it is read: quickly, and the page's memory does not grow
    // by the file's size (a read would put all of it into the JS heap and the wasm heap).
    const big = path.join(tmp, 'veel-te-groot.json');
    const bigSize = 64 * limit;
    fs.writeFileSync(big, '');
    fs.truncateSync(big, bigSize);
    const cdp = await context.newCDPSession(page);
    const m0 = await memory(page, cdp);
    let ms;
    ({ s, ms } = await pickFile(page, big));
    const m1 = await memory(page, cdp);
    console.log(`64 MiB pick: refused in ${ms} ms; wasm heap ${m0.wasm} -> ${m1.wasm} bytes, JS heap ${m0.js} -> ${m1.js} bytes`);
    assert.equal(s.errors[0].code, 'import.too_large');
    assert.match(s.errors[0].message, /64,0 MB \(67\.108\.864 bytes\)/);
    assert.equal(m1.wasm, m0.wasm, 'the wasm heap did not grow');
    assert.ok(m1.js - m0.js < bigSize / 8, `the JS heap did not take the file (${m1.js - m0.js} bytes more)`);
    assert.ok(ms < 3000, `refused at once (${ms} ms)`);
    await waitSaved(page);
    assert.deepEqual(await storedFiles(page), stored, 'nothing stored changed');
  } finally {
    await context.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('an import error is readable on a portrait tablet (800x1280)', async () => {
  const { context, page } = await launch({ width: 800, height: 1280, touch: true, dpr: 2 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    const { s } = await pickFile(page, path.join(data, 'reach_1e400.json'));
    assert.equal(s.errors[0].path, 'rows[1].planned[2023]');
    const [x, y, w, h] = await widget(page, 'error.path');
    assert.ok(x >= 0 && y >= 0 && x + w <= 800 && y + h <= 1280, 'the path is on screen');
    await shot(page, '07d-import-error-800x1280');
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
    const mirrorTops = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#mirror [data-key]')]
      .map((el) => [el.dataset.key, parseFloat(el.style.top)])));
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
    // The accessible mirror moved with the list (while only positions change, only the
    // rectangles go to the page): each node of a widget inside the panel lies over it.
    const placed = await page.evaluate((tops) => {
      const s = JSON.parse(Module.UTF8ToString(Module._app_test_state()));
      const [px, py, pw, ph] = s.widgets['panel.content'];
      const checked = [], off = [];
      for (const el of document.querySelectorAll('#mirror [data-key]')) {
        const w = s.widgets[el.dataset.key];
        if (!w || w[1] < py || w[1] + w[3] > py + ph || w[0] < px || w[0] + w[2] > px + pw) continue;
        const dom = ['left', 'top', 'width', 'height'].map((k) => parseFloat(el.style[k]));
        checked.push(el.dataset.key);
        if (dom.some((v, i) => !(Math.abs(v - w[i]) <= 1))) off.push(`${el.dataset.key}: ${dom} over ${w}`);
      }
      return { checked, off, moved: checked.filter((k) => !(Math.abs(tops[k] - s.widgets[k][1]) <= 1)).length };
    }, mirrorTops);
    assert.ok(placed.checked.length >= 2 && placed.moved >= 1, `mirror nodes inside the panel, moved: ${JSON.stringify(placed)}`);
    assert.deepEqual(placed.off, [], 'mirror nodes not over their widget after the drag');
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
    // The mirror: the budget total as text, the IBAN field invalid with its finding.
    const total = await page.textContent('#mirror [data-key="budget.flemish_total"]');
    assert.match(total, /^Vlaamse subsidie \(3 projectjaren\): € 0,00$/);
    const iban = await page.$('#mirror [data-key="iban"]');
    assert.equal(await iban.getAttribute('aria-invalid'), 'true');
    const described = await page.textContent('#' + await iban.getAttribute('aria-describedby'));
    assert.equal(described, s.findings[i].message);
  } finally {
    await context.close();
  }
});

test('a newcomer opens the example plan on a fresh profile, offline, without a token, and sees the next step', async () => {
  const { context, page } = await launch({ width: 800, height: 1280, touch: true });
  try {
    await page.goto(server.url);
    await waitReady(page);
    await shot(page, '15-first-visit-800x1280');
    await context.setOffline(true);
    await tap(page, 'plans.example', { touch: true });
    const s = await appState(page);
    assert.equal(s.plan_open, true);
    assert.equal(s.plan.title, 'Voorbeeld: IGS Dendermonde - Lebbeke - Buggenhout - Hamme');
    assert.equal(s.budget_text.flemish_total, '€ 335.300,00');
    assert.equal(s.sync.enabled, false, 'no token, no sync');
    const files = Object.keys(await storedFiles(page)).filter((n) => n.startsWith('plan-'));
    assert.deepEqual(files, [`plan-${s.plan.id}.json`], 'a copy stored on the device');
    assert.match(s.plan.id, /^voorbeeld-/);
    // The strip of steps: all done but the submission, which it leads to.
    assert.equal(await page.textContent('#mirror [data-key="steps.Indienen"]'), 'Stap 5 van 5: Indienen, volgende stap');
    await shot(page, '16-example-plan-800x1280');
    await page.setViewportSize({ width: 1280, height: 800 });
    await settle(page, 300);
    await shot(page, '17-example-plan-1280x800');
  } finally {
    await context.close();
  }
});

test('a lost WebGL context (a tablet reclaiming its GPU) is restored and the app draws again', async () => {
  const { context, page } = await launch({ width: 1280, height: 800 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    await tap(page, 'plans.example');
    await settle(page, 300);
    const before = await page.screenshot();
    // What the browser does when it takes the GPU back, and gives it again.
    await page.evaluate(() => { window.loseGl = Module.canvas.getContext('webgl2').getExtension('WEBGL_lose_context'); window.loseGl.loseContext(); });
    await settle(page, 300);
    const lost = await page.screenshot();
    assert.ok(!lost.equals(before), 'the lost context shows nothing of the app');
    await page.evaluate(() => window.loseGl.restoreContext());
    await settle(page, 600);
    const after = await page.screenshot();
    assert.ok(after.equals(before), 'the same picture as before the loss');
    // And it goes on drawing what changes.
    await tap(page, 'nav.Doelen');
    await settle(page, 300);
    assert.ok(!(await page.screenshot()).equals(before), 'the next screen is drawn');
    assert.equal((await appState(page)).screen, 3);
  } finally {
    await context.close();
  }
});

test('a second tab of the same profile says the app is open elsewhere; taking over stops the first one saving', async () => {
  const { context, page: first } = await launch({ width: 1280, height: 800 });
  const stateOf = (page) => page.evaluate(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())));
  const mirrorText = (page) => page.evaluate(() => document.getElementById('mirror').textContent);
  try {
    await first.goto(server.url);
    await waitReady(first);
    await tap(first, 'plans.new');
    await typeInto(first, 'title', 'Eerste tabblad');
    await waitSaved(first);

    const second = await context.newPage();
    await second.goto(server.url);
    await waitReady(second);
    await second.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())).other_tab === 1, null, { timeout: 5000 });
    await settle(second, 200);
    assert.match(await mirrorText(second), /Plan Samenleven is al open in een ander tabblad of venster van deze browser\./);
    assert.ok((await appState(second)).widgets['othertab.takeover'], 'the way to take over');
    await shot(second, 'other-tab-01-already-open-1280x800');

    // The first tab goes on and saves as before.
    await typeInto(first, 'title', 'Eerste tabblad, verder');
    await waitSaved(first);
    assert.equal((await stateOf(first)).other_tab, 0);

    // Taken over: the second loads again with what the first saved; the first stops saving.
    const [x, y, w, h] = await visibleWidget(second, 'othertab.takeover');
    await Promise.all([second.waitForEvent('load'), second.mouse.click(x + w / 2, y + h / 2)]);  // the page loads again
    await waitReady(second);
    const s = await stateOf(second);
    assert.equal(s.other_tab, 0);
    const titles = Object.entries(await storedFiles(second)).filter(([n]) => n.startsWith('plan-')).map(([, t]) => JSON.parse(t).title);
    assert.deepEqual(titles, ['Eerste tabblad, verder']);
    await first.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())).other_tab === 2, null, { timeout: 5000 });
    assert.equal(await first.evaluate(() => Module.SL.hasLock), false);
    await settle(first, 200);
    assert.match(await mirrorText(first), /Plan Samenleven werkt nu in een ander tabblad\./);
    await shot(first, 'other-tab-02-taken-over-1280x800');
    // A save asked of the first tab now stays out of the storage.
    await first.evaluate(() => Module.SL.sync());
    assert.equal(await first.evaluate(() => Module.SL.syncing), false);
  } finally {
    await context.close();
  }
});
