// Accessibility in the real browser (issue 10): the accessible mirror of the canvas read by
// axe-core (WCAG 2.1 A and AA) on every screen of the coordinator and of the agency; a complete
// plan made and exported with the keyboard alone, without one pointer or touch event; and
// Chromium's own accessibility tree (what a screen reader gets), read through CDP.
//   node --test a11y.test.mjs   (in tests/e2e; needs build/wasm/site and the server)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repo, startSyncServer, launch, waitReady, appState, tap, typeInto, settle, shot } from './harness.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const demoPlan = path.join(repo, 'tests/data/dendermonde_igs.json');

let server;
const contexts = [];
before(async () => { server = await startSyncServer([], { seedDemo: true }); });
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (server) await server.stop();
});

async function open(opts = { width: 1280, height: 800 }) {
  const t = await launch(opts);
  contexts.push(t.context);
  await t.page.goto(server.base + '/');
  await waitReady(t.page);
  return t;
}

// axe-core over the whole page at WCAG 2.1 A and AA; returns the violations as text.
async function axe(page) {
  await settle(page, 150);
  const result = await page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source);
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} - ${v.nodes.slice(0, 3).map((n) => n.html.slice(0, 120)).join(' | ')}`);
  }, axeSource);
  return result;
}

async function activeKey(page) {
  return page.evaluate(() => document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key || '' : '');
}

// Presses Tab (Shift+Tab) until the widget `key` holds the keyboard focus.
async function tabTo(page, key, { back = false, max = 200 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await activeKey(page) === key) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await settle(page, 20);
  }
  throw new Error(`Tab did not reach ${key}; the focus is on ${await activeKey(page)}`);
}

// The keyboard's way to another screen: Tab to the selected tab, arrows to the wanted one, Enter.
async function openScreen(page, label) {
  const selected = await page.evaluate(() => document.querySelector('#mirror [role=tab][aria-selected=true]').dataset.key);
  await tabTo(page, selected);
  for (let i = 0; i < 12 && await activeKey(page) !== `nav.${label}`; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await activeKey(page), `nav.${label}`);
  await page.keyboard.press('Enter');
  await settle(page, 150);
}

// Types into a text field reached with Tab: its editor opens with the text selected.
async function typeField(page, key, text) {
  await tabTo(page, key);
  await page.waitForFunction((k) => document.activeElement.classList.contains('overlay-editor') && document.activeElement.dataset.key === k, key);
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
  await settle(page, 60);
}

test('axe-core finds no WCAG 2.1 A or AA violation on any screen', async () => {
  const { page } = await open();
  // The check can fail: a button without a name put into the mirror is found.
  await page.evaluate(() => { const b = document.createElement('button'); b.id = 'unnamed'; document.querySelector('#mirror main').appendChild(b); });
  assert.ok((await axe(page)).some((v) => v.startsWith('button-name')), 'axe reads the mirror');
  await page.evaluate(() => document.getElementById('unnamed').remove());
  const found = {};
  found['Plannen (leeg)'] = await axe(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, 'plans.import')]);
  await chooser.setFiles(demoPlan);
  await settle(page, 300);
  assert.equal((await appState(page)).plan_open, true);
  for (const screen of ['Plannen', 'Aanvrager', 'Acties', 'Doelen', 'Controle', 'Resultaten', 'Indienen', 'Server']) {
    await tap(page, `nav.${screen}`);
    found[screen] = await axe(page);
  }
  // The agency's screens, signed in with the demo token.
  const agency = (await open()).page;
  await tap(agency, 'nav.Server');
  await typeInto(agency, 'sync.token', server.tokens.abb);
  await tap(agency, 'sync.toggle');
  await agency.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())).sync.role === 'agency', null, { timeout: 15000 });
  await settle(agency, 500);
  for (const screen of ['Alle plannen', 'Overzicht', 'Toewijzing', 'Server']) {
    await tap(agency, `nav.${screen}`);
    await settle(agency, 800);
    found[`ABB ${screen}`] = await axe(agency);
  }
  await tap(agency, 'nav.Alle plannen');
  await tap(agency, 'dossiers[0]');
  await settle(agency, 800);
  found['ABB Beoordelen'] = await axe(agency);
  // A second tab of the same profile: the app is open elsewhere (one tab at a time).
  const second = await agency.context().newPage();
  await second.goto(server.base + '/');
  await waitReady(second);
  await second.waitForFunction(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())).other_tab === 1, null, { timeout: 5000 });
  found['Ander tabblad'] = await axe(second);
  await second.close();
  const failing = Object.entries(found).filter(([, v]) => v.length > 0);
  assert.deepEqual(failing, [], failing.map(([k, v]) => `${k}:\n  ${v.join('\n  ')}`).join('\n'));
});

test('a complete plan is made, checked and exported with the keyboard alone', async () => {
  const { page } = await open();
  // Not one pointer or touch event from here on.
  await page.evaluate(() => {
    window.pointerEvents = 0;
    for (const type of ['pointerdown', 'mousedown', 'touchstart', 'wheel']) window.addEventListener(type, () => window.pointerEvents++, true);
  });
  await tabTo(page, 'plans.new');
  await page.keyboard.press('Enter');
  await settle(page, 200);
  let s = await appState(page);
  assert.equal(s.plan_open, true);
  assert.equal(s.screen, 1, 'the applicant screen');

  await typeField(page, 'title', 'Actieplan Gent');
  await typeField(page, 'applicant.lead.name', 'Gent');
  await typeField(page, 'applicant.lead.nis_code', '44021');
  await typeField(page, 'applicant.lead.non_eu14_residents', '85000');
  await typeField(page, 'contact.name', 'Eline Vercruysse');
  await typeField(page, 'contact.phone', '09 266 00 00');
  await typeField(page, 'contact.email', 'samenleven@stad.gent');
  await typeField(page, 'iban', 'BE68 5390 0754 7034');
  s = await appState(page);
  assert.equal(s.plan.title, 'Actieplan Gent');
  assert.deepEqual(s.plan.contact, { name: 'Eline Vercruysse', phone: '09 266 00 00', email: 'samenleven@stad.gent' });
  assert.equal(s.plan.applicant.lead.non_eu14_residents, 85000);

  // The focus ring is drawn by the app around the widget with the focus.
  await tabTo(page, 'applicant.kind.municipality', { back: true });
  await shot(page, 'a11y-01-keyboard-focus-1280x800');

  await openScreen(page, 'Acties');
  await tabTo(page, 'actions[5].adult_learners');
  await page.keyboard.press('Space');
  await settle(page, 150);
  assert.equal((await appState(page)).plan.rows.length, 1, 'Space chose the action');

  await openScreen(page, 'Doelen');
  await typeField(page, 'rows[0].current_reach', '400');
  await typeField(page, 'rows[0].planned[2022]', '1000');
  await typeField(page, 'rows[0].planned[2023]', '1200');
  await typeField(page, 'rows[0].planned[2024]', '1500');
  await typeField(page, 'rows[0].activities', 'Taalcafés en oefenwandelingen in de wijken');
  await typeField(page, 'rows[0].partners', 'Huis van het Nederlands, bibliotheek');
  s = await appState(page);
  assert.deepEqual(s.plan.rows[0].planned, { 2022: 1000, 2023: 1200, 2024: 1500 });
  assert.equal(s.budget_text.flemish_total, '€ 222.000,00', '3,700 x € 60');
  const errors = s.findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors, [], 'the plan has no errors');

  // Controle: the screen says so; Escape and the arrows do not trap the focus.
  await openScreen(page, 'Controle');
  const text = await page.textContent('#mirror main');
  assert.match(text, /Geen fouten of waarschuwingen|waarschuwing/);

  await openScreen(page, 'Indienen');
  await tabTo(page, 'export.json');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const saved = path.join(fs.mkdtempSync('/tmp/samenleven-a11y-'), download.suggestedFilename());
  await download.saveAs(saved);
  const exported = JSON.parse(fs.readFileSync(saved, 'utf8'));
  assert.equal(exported.title, 'Actieplan Gent');
  assert.equal(exported.rows[0].action, 5);

  // No keyboard trap: Tab goes on past the last widget, out of the app.
  let left = false;
  for (let i = 0; i < 120 && !left; i++) {
    await page.keyboard.press('Tab');
    left = await page.evaluate(() => !document.getElementById('mirror').contains(document.activeElement) && !document.activeElement.classList.contains('overlay-editor'));
  }
  assert.ok(left, 'Tab leaves the app after its last widget');
  assert.equal(await page.evaluate(() => window.pointerEvents), 0, 'no pointer or touch event was used');
});

test('a click through the accessibility API opens a confirmation; Escape closes it and the focus comes back', async () => {
  const { page } = await open();
  await tabTo(page, 'plans.new');
  await page.keyboard.press('Enter');
  await settle(page, 200);
  await openScreen(page, 'Plannen');
  await tabTo(page, 'plans[0].delete');
  // Activated through the accessibility API (the node's click, as a screen reader does it).
  await page.evaluate(() => document.querySelector('#mirror [data-key="plans[0].delete"]').click());
  await settle(page, 200);
  assert.equal(await activeKey(page), 'plans[0].cancel_delete', 'the focus is in the confirmation');
  await page.keyboard.press('Escape');
  await settle(page, 200);
  assert.equal(await activeKey(page), 'plans[0].delete');
  assert.equal((await appState(page)).stored_plans.length, 1, 'nothing was deleted');
});

test('the accessibility tree holds the budget total, each finding and each field by a name of its own', async () => {
  const { page, context } = await open();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, 'plans.import')]);
  await chooser.setFiles(demoPlan);
  await settle(page, 300);
  const cdp = await context.newCDPSession(page);
  const tree = async () => (await cdp.send('Accessibility.getFullAXTree')).nodes.filter((n) => !n.ignored);
  const named = (nodes, role) => nodes.filter((n) => n.role && n.role.value === role).map((n) => (n.name ? n.name.value : ''));

  await tap(page, 'nav.Doelen');
  let nodes = await tree();
  // The budget total of the demo plan (DOMAIN.md: € 335.300,00 over three years).
  assert.ok(named(nodes, 'StaticText').includes('Vlaamse subsidie (3 projectjaren): € 335.300,00'),
    'the total is in the tree');
  const fields = named(nodes, 'textbox');
  const s = await appState(page);
  assert.ok(fields.length >= 4 * s.plan.rows.length, `a field per row and year: ${fields.length}`);
  assert.equal(new Set(fields).size, fields.length, `every field has a name of its own: ${fields.join(' | ')}`);
  assert.ok(fields.includes('Extra bereik 2022-2023, actie 5 (Oefenkansen Nederlands)'), fields.join(' | '));
  assert.ok(fields.every((f) => !/rows\[|\[\d/.test(f)), 'no machine path in a name');

  await tap(page, 'nav.Aanvrager');
  nodes = await tree();
  const applicant = named(nodes, 'textbox');
  assert.equal(new Set(applicant).size, applicant.length, `every applicant field has a name of its own: ${applicant.join(' | ')}`);

  // Each finding of the plan, as a button that leads to its field.
  await tap(page, 'nav.Controle');
  nodes = await tree();
  const buttons = named(nodes, 'button');
  const findings = (await appState(page)).findings;
  assert.ok(findings.length > 0, 'the demo plan has findings');
  for (const f of findings) {
    const head = f.severity === 'error' ? 'Fout' : 'Waarschuwing';
    assert.ok(buttons.some((b) => b.startsWith(head) && b.endsWith(': ' + f.message)), `finding in the tree: ${f.message}`);
  }
});
