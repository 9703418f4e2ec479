// Real-browser tests of the programme's year (issue 8) against the real server
// (build/native/server/samenleven_server serving the app with --site): a coordinator's tablet
// submits, the agency confirms the targets on a desktop, the tablet learns of it by opening
// the app, reports its results offline and they arrive when the network returns; the agency
// sends a plan back with a remark; a second tablet receives a colleague's change by pull.
//   node --test cycle.test.mjs   (in tests/e2e; needs build/wasm/site and build/native/server/samenleven_server)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repo, startSyncServer, launch, waitReady, appState, settle, tap, typeInto, waitSaved, shot } from './harness.mjs';

let server, base, token, agencyToken, planDir;
const contexts = [];

// Devices: the coordinator's portrait tablet (touch) and the agency's desktop (pointer).
const TABLET = { touch: true, width: 800, height: 1280 };
const T = { touch: true };
const DESKTOP = { width: 1280, height: 800 };

before(async () => {
  server = await startSyncServer([['42006', 'Dendermonde'], ['abb', 'Agentschap Binnenlands Bestuur', true]]);
  ({ base } = server);
  token = server.tokens['42006'];
  agencyToken = server.tokens.abb;
  planDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenleven-cycle-plans-'));
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (server) await server.stop();
  if (planDir) fs.rmSync(planDir, { recursive: true, force: true });
});

async function api(route, tok = token) {
  const r = await fetch(base + route, { headers: { Authorization: 'Bearer ' + tok } });
  return { status: r.status, body: await r.json() };
}

// The IGS plan of tests/data without any results (a draft has none), under its own id, so
// that each test has a plan of its own on the server. It has no error findings.
function planFile(id, title) {
  const plan = JSON.parse(fs.readFileSync(path.join(repo, 'tests/data/dendermonde_igs.json'), 'utf8'));
  plan.id = id;
  plan.title = title;
  for (const row of plan.rows) delete row.results;
  const file = path.join(planDir, `${id}.json`);
  fs.writeFileSync(file, JSON.stringify(plan, null, 2));
  return file;
}

async function device(opts) {
  const t = await launch(opts);
  contexts.push(t.context);
  await t.page.goto(base + '/');
  await waitReady(t.page);
  return t;
}

async function reopen(page) {
  await page.reload();
  await waitReady(page);
}

// Waits until the app's state satisfies `check` (polled through the test API).
async function until(page, check, what, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await appState(page);
    if (check(s)) return s;
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}: sync ${JSON.stringify(s.sync)} notice ${JSON.stringify(s.notice)} ` +
        `errors ${JSON.stringify(s.errors)} review ${JSON.stringify({ ...s.review, plan: undefined })}`);
    }
    await settle(page, 100);
  }
}

// Polls the server until `check` holds for the plan's view.
async function serverUntil(id, check, what, tok = token, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const got = await api(`/api/v1/plans/${id}`, tok);
    if (got.status === 200 && check(got.body)) return got.body;
    if (Date.now() > end) throw new Error(`timed out waiting on the server for ${what}: ${got.status} ${JSON.stringify({ ...got.body, plan: undefined, findings: undefined })}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ps = (s, id) => s.sync.plans[id] || {};

async function importPlan(page, file, opts = {}) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, 'plans.import', opts)]);
  await chooser.setFiles(file);
  const s = await until(page, (x) => x.plan_open, 'the imported plan is open');
  assert.deepEqual(s.findings.filter((f) => f.severity === 'error'), [], 'the plan has no error findings');
  await waitSaved(page);
  return s.plan.id;
}

async function turnSyncOn(page, tok, opts = {}) {
  await tap(page, 'nav.Server', opts);
  await typeInto(page, 'sync.token', tok, opts);
  await tap(page, 'sync.toggle', opts);
  assert.equal((await appState(page)).sync.enabled, true);
}

// A coordinator's tablet with the plan imported and synced (revision 1, a draft).
// `sid`: the id the server gave the plan (its own choice; the tablet keeps its id).
async function coordinatorWithPlan(id, title) {
  const t = await device(TABLET);
  assert.equal(await importPlan(t.page, planFile(id, title), T), id);
  await turnSyncOn(t.page, token, T);
  const s = await until(t.page, (x) => ps(x, id).status === 'gesynchroniseerd' && ps(x, id).server_status === 'draft' &&
    x.sync.outbox === 0 && x.sync.role === 'government', 'the plan synced as a draft');
  t.sid = ps(s, id).server_id;
  assert.notEqual(t.sid, id, 'the server chose the id');
  return t;
}

// Indienen -> "Indienen bij ABB" -> "Ja, indienen"; waits until the server took it.
async function submit(page, id, screenshot) {
  await tap(page, 'nav.Indienen', T);
  await tap(page, 'submit', T);
  await until(page, (x) => x.widgets['submit.yes'] && x.widgets['submit.cancel'], 'the submit confirmation');
  if (screenshot) await shot(page, screenshot);
  await tap(page, 'submit.yes', T);
  return until(page, (x) => ps(x, id).server_status === 'submitted' && x.sync.outbox === 0 &&
    ps(x, id).status === 'gesynchroniseerd', 'the submission acknowledged');
}

// The agency's desktop with its list of plans loaded (showing `id`).
async function agencyDesk(id) {
  const t = await device(DESKTOP);
  await turnSyncOn(t.page, agencyToken);
  await until(t.page, (x) => x.sync.role === 'agency' && x.widgets['nav.Alle plannen'] && x.widgets['nav.Beoordelen'] &&
    x.sync.server_plans.includes(id), 'the agency\'s list with the plan');
  return t;
}

async function openReview(page, id) {
  await tap(page, 'nav.Alle plannen');
  await tap(page, 'dossiers.refresh');
  let s = await until(page, (x) => x.sync.server_plans.includes(id) && !x.sync.in_flight, 'the list');
  await tap(page, `dossiers[${s.sync.server_plans.indexOf(id)}].open`);
  s = await until(page, (x) => x.review.open_id === id && x.review.loaded && !x.sync.in_flight &&
    x.widgets['review.rows[0]'], 'the plan under review');
  return s;
}

// Tapping a field of a locked plan opens no editor and changes nothing.
async function assertLocked(page, key) {
  const before = (await appState(page)).plan;
  await tap(page, key, T);
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key || '' : '');
  assert.notEqual(focused, key, `${key} of a submitted plan cannot be edited`);
  const s = await appState(page);
  assert.equal(s.edit_key, '', 'no field is being edited');
  assert.deepEqual(s.plan, before);
}

test('the whole year: submit on the tablet, confirm on the desktop, results reported offline reach the server and the figures', async () => {
  const id = 'cycle-jaar';
  // Coordinator: has the plan, turns sync on, submits.
  const coord = await coordinatorWithPlan(id, 'Samenleven in de regio Dendermonde');
  const sid = coord.sid;
  let s = await submit(coord.page, id, 'cycle-01-submit-confirm-800x1280');
  let got = await api(`/api/v1/plans/${sid}`);
  assert.equal(got.body.status, 'submitted');
  assert.equal(s.editable, false, 'the submitted plan is read-only');
  assert.ok(s.widgets['banner.cycle.text'], 'the cycle banner is drawn');
  await tap(coord.page, 'nav.Aanvrager', T);
  s = await until(coord.page, (x) => x.widgets.title, 'the applicant screen');
  assert.ok(s.widgets['banner.cycle.text'], 'the banner shows on the other screens too');
  await assertLocked(coord.page, 'title');
  await shot(coord.page, 'cycle-02-submitted-banner-800x1280');
  const submittedRevision = got.body.revision;

  // Agency: opens the plan, changes one confirmed target, confirms.
  const agency = await agencyDesk(sid);
  await shot(agency.page, 'cycle-03-agency-list-1280x800');
  s = await openReview(agency.page, sid);
  assert.equal(s.review.status, 'submitted');
  assert.ok(s.widgets['review.rows[0].confirmed[2022]'], 'a target to confirm per row and year');
  await shot(agency.page, 'cycle-04-agency-review-1280x800');
  await agency.page.setViewportSize({ width: 800, height: 1280 });
  await settle(agency.page, 300);
  await until(agency.page, (x) => x.widgets['review.rows[0].confirmed[2022]'], 'the review in portrait');
  await shot(agency.page, 'cycle-05-agency-review-800x1280');
  await agency.page.setViewportSize({ width: 1280, height: 800 });
  await settle(agency.page, 300);
  const planned = got.body.plan.rows[0].current_reach + got.body.plan.rows[0].planned['2022'];  // 400 + 600
  await typeInto(agency.page, 'review.rows[0].confirmed[2022]', '900');
  await tap(agency.page, 'review.confirm');
  await tap(agency.page, 'review.confirm.yes');
  s = await until(agency.page, (x) => x.review.status === 'confirmed' && x.sync.outbox === 0, 'the confirmation sent');
  assert.equal(s.review.plan.rows[0].results['2022'].confirmed_target, 900);
  got = await api(`/api/v1/plans/${sid}`);
  assert.equal(got.body.status, 'confirmed');
  assert.equal(got.body.revision, submittedRevision + 1);
  const rows = got.body.plan.rows;
  assert.equal(rows[0].results['2022'].confirmed_target, 900, 'the changed target');
  assert.equal(rows[0].results['2023'].confirmed_target, rows[0].current_reach + rows[0].planned['2023'], 'the others as planned');
  assert.equal(rows[1].results['2022'].confirmed_target, rows[1].current_reach + rows[1].planned['2022']);
  assert.notEqual(planned, 900);

  // Coordinator: only opens the app again; the pull at start brings the confirmed plan.
  await reopen(coord.page);
  s = await until(coord.page, (x) => x.plan_open && x.plan.id === id && ps(x, id).server_status === 'confirmed' &&
    x.plan.rows[0].results['2022'] && x.plan.rows[0].results['2022'].confirmed_target === 900, 'the confirmed plan pulled at start');
  assert.equal(ps(s, id).status, 'gesynchroniseerd');
  assert.equal(ps(s, id).server_revision, submittedRevision + 1);
  assert.match(s.notice, /Nieuwe versie/);
  assert.equal(s.editable, false);
  await tap(coord.page, 'nav.Resultaten', T);
  s = await until(coord.page, (x) => x.widgets['rows[0].results[2022].interim_reach'] && x.widgets['results.yearly'], 'the results screen');
  assert.ok(s.widgets['rows[0].results[2022].confirmed_target'], 'the confirmed target is shown read-only');
  await shot(coord.page, 'cycle-06-results-confirmed-800x1280');

  // Offline: the interim report, then the yearly report with a missed target.
  await coord.context.setOffline(true);
  await until(coord.page, (x) => !x.sync.online, 'offline');
  await typeInto(coord.page, 'rows[0].results[2022].interim_reach', '300', T);
  await tap(coord.page, 'results.interim', T);
  s = await until(coord.page, (x) => x.sync.outbox === 1, 'the interim report queued');
  assert.deepEqual(s.errors, []);
  await typeInto(coord.page, 'rows[0].results[2022].final_reach', '850', T);
  await until(coord.page, (x) => x.widgets['rows[0].results[2022].reason'], 'reason and recovery plan for a missed target');
  await typeInto(coord.page, 'rows[0].results[2022].reason', 'De taalcafés startten pas in januari.', T);
  await typeInto(coord.page, 'rows[0].results[2022].recovery_plan', 'Twee extra taalcafés per maand in 2023-2024.', T);
  await waitSaved(coord.page);
  await tap(coord.page, 'results.yearly', T);
  s = await until(coord.page, (x) => x.sync.outbox === 2, 'the yearly report queued');
  assert.deepEqual(s.errors, []);
  assert.equal(ps(s, id).status, 'offline: wordt later verstuurd');
  assert.equal(ps(s, id).results_unsent, true);
  await waitSaved(coord.page);
  got = await api(`/api/v1/plans/${sid}`);
  assert.equal(got.body.status, 'confirmed', 'nothing reached the server yet');
  assert.equal(got.body.revision, submittedRevision + 1);
  assert.equal(got.body.plan.rows[0].results['2022'].interim_reach, undefined);
  assert.equal(got.body.plan.rows[0].results['2022'].final_reach, undefined);

  // Online again: both reports go.
  await coord.context.setOffline(false);
  got = await serverUntil(sid, (b) => b.status === 'reported' && b.plan.rows[0].results['2022'].final_reach === 850,
    'the reported results');
  const r2022 = got.plan.rows[0].results['2022'];
  assert.equal(r2022.confirmed_target, 900);
  assert.equal(r2022.interim_reach, 300);
  assert.equal(r2022.reason, 'De taalcafés startten pas in januari.');
  assert.equal(r2022.recovery_plan, 'Twee extra taalcafés per maand in 2023-2024.');
  assert.equal(got.revision, submittedRevision + 3, 'one revision per report');
  s = await until(coord.page, (x) => x.sync.outbox === 0 && ps(x, id).status === 'gesynchroniseerd', 'the outbox empty');
  assert.equal(ps(s, id).server_status, 'reported');
  assert.equal(ps(s, id).results_unsent, false);

  // Agency: sees the results in its plan view and in the figures.
  s = await openReview(agency.page, sid);
  s = await until(agency.page, (x) => x.review.status === 'reported' && x.review.plan.rows[0].results['2022'].final_reach === 850,
    'the results in the agency\'s view');
  assert.equal(s.review.plan.rows[0].results['2022'].interim_reach, 300);
  assert.equal(s.review.plan.rows[0].results['2022'].reason, 'De taalcafés startten pas in januari.');
  await shot(agency.page, 'cycle-07-agency-review-results-1280x800');
  const agg = await api('/api/v1/aggregate?year=2022', agencyToken);
  assert.equal(agg.status, 200);
  // This file's first test: the only plan past draft on the server.
  assert.equal(agg.body.plans, 1);
  assert.equal(agg.body.per_year['2022'].reached, 850, JSON.stringify(agg.body.per_year));
  const group = agg.body.per_target_group.find((g) => g.action === 5 && g.target_group === 'adult_learners');
  assert.ok(group, JSON.stringify(agg.body.per_target_group));
  assert.equal(group.reached, 850);
  assert.equal(group.planned, 900, 'the confirmed target counts as planned');
  const action = agg.body.per_action.find((a) => a.action === 5);
  assert.equal(action.years['2022'].reached, 850);
  // Drawn, not only read: once the app has drawn what it read (the frames after the answer,
  // then idle), row 0's card holds four more lines (reach on 31 March and on 30 September,
  // reason, recovery plan) than row 1's, which has no results.
  const drawnBy = Date.now() + 5000;
  let drawn = await appState(agency.page);
  while (Date.now() < drawnBy && drawn.widgets['review.rows[0]'][3] === drawn.widgets['review.rows[1]'][3]) {
    await settle(agency.page, 200);
    drawn = await appState(agency.page);
  }
  const [card0, card1] = [drawn.widgets['review.rows[0]'], drawn.widgets['review.rows[1]']];
  assert.ok(card0[3] >= card1[3] + 3 * 18,
    `the reported results are drawn in the agency's card of row 0 (${card0[3]} px high; row 1 without results: ${card1[3]} px)`);
  await coord.context.close();
  await agency.context.close();
});

test('sent back with a remark: the tablet shows it, the plan is a draft again, changed and submitted again', async () => {
  const id = 'cycle-terug';
  const remark = 'Vul bij actie 15 de partners per gemeente aan.';
  const coord = await coordinatorWithPlan(id, 'Plan dat teruggestuurd wordt');
  const sid = coord.sid;
  await submit(coord.page, id);
  const submitted = await api(`/api/v1/plans/${sid}`);
  assert.equal(submitted.body.status, 'submitted');

  const agency = await agencyDesk(sid);
  await openReview(agency.page, sid);
  await tap(agency.page, 'review.return');
  await typeInto(agency.page, 'review.remark', remark);
  await tap(agency.page, 'review.return.yes');
  let s = await until(agency.page, (x) => x.review.status === 'draft' && x.sync.outbox === 0, 'the plan sent back');
  assert.deepEqual(s.errors, []);
  let got = await api(`/api/v1/plans/${sid}`);
  assert.equal(got.body.status, 'draft');
  assert.equal(got.body.remark, remark);
  const returnedRevision = got.body.revision;

  // Coordinator: opens the app; the pull brings the draft with the remark.
  await reopen(coord.page);
  s = await until(coord.page, (x) => ps(x, id).server_status === 'draft' && ps(x, id).remark === remark,
    'the returned plan pulled at start');
  assert.equal(ps(s, id).server_revision, returnedRevision);
  assert.equal(ps(s, id).status, 'gesynchroniseerd');
  assert.equal(s.editable, true, 'a draft again: editable');
  const banner = s.widgets['banner.cycle.text'];
  assert.ok(banner, 'the sent-back banner is drawn');
  // Title, the quoted remark and the line after it: at least three lines of text.
  assert.ok(banner[3] >= 3 * 18, `the banner holds the remark (${banner[3]} px high)`);
  await shot(coord.page, 'cycle-08-sent-back-banner-800x1280');

  // The coordinator changes a field and submits again.
  await tap(coord.page, 'nav.Aanvrager', T);
  await typeInto(coord.page, 'contact.phone', '052 30 30 30', T);
  await waitSaved(coord.page);
  // (Typing may reach the server as more than one revision: a save runs while the field is open.)
  const changed = await serverUntil(sid, (v) => v.plan.contact.phone === '052 30 30 30', 'the changed phone');
  assert.equal(changed.status, 'draft');
  await until(coord.page, (x) => ps(x, id).status === 'gesynchroniseerd' && x.sync.outbox === 0 &&
    ps(x, id).server_revision === changed.revision, 'the change synced');
  s = await submit(coord.page, id);
  assert.equal(s.editable, false);
  got = await api(`/api/v1/plans/${sid}`);
  assert.equal(got.body.status, 'submitted');
  assert.equal(got.body.revision, changed.revision + 1);
  assert.equal(got.body.plan.contact.phone, '052 30 30 30');
  assert.equal(got.body.remark, '', 'the remark is answered by submitting again');
  const history = await api(`/api/v1/plans/${sid}/revisions`);
  assert.equal(history.status, 200);
  const returned = history.body.revisions.find((r) => r.revision === returnedRevision);
  assert.ok(returned, JSON.stringify(history.body.revisions));
  assert.equal(returned.status, 'draft');
  assert.equal(returned.remark, remark);
  assert.equal(returned.author_name, 'Agentschap Binnenlands Bestuur');
  const statuses = history.body.revisions.map((r) => r.status);
  assert.deepEqual(statuses.slice(0, 3), ['draft', 'submitted', 'draft']);
  assert.equal(statuses[statuses.length - 1], 'submitted');
  assert.ok(history.body.revisions.every((r) => r.revision === returnedRevision || r.remark === ''), 'only the return carries the remark');
  s = await until(coord.page, (x) => ps(x, id).remark === '', 'the remark gone on the tablet');
  await coord.context.close();
  await agency.context.close();
});

test('a second tablet of the same government receives a colleague\'s change by pull, without a conflict', async () => {
  const id = 'cycle-collega';
  const a = await coordinatorWithPlan(id, 'Plan van de werkgroep');
  const sid = a.sid;

  // Tablet B takes the plan from the server's list: it knows it by the server's id.
  const b = await device(TABLET);
  await turnSyncOn(b.page, token, T);
  await tap(b.page, 'sync.now', T);
  let s = await until(b.page, (x) => x.sync.server_plans.includes(sid) && !x.sync.in_flight, 'the server list on B');
  const i = s.sync.server_plans.indexOf(sid);
  await tap(b.page, `sync.server[${i}].fetch`, T);
  await until(b.page, (x) => ps(x, sid).status === 'gesynchroniseerd' && ps(x, sid).server_revision === 1, 'the plan fetched on B');
  await tap(b.page, `sync.server[${i}].open`, T);
  s = await until(b.page, (x) => x.plan_open && x.plan.id === sid, 'the plan open on B');
  assert.equal(s.plan.title, 'Plan van de werkgroep');

  // A changes the title; B gets it when its network comes back.
  await tap(a.page, 'nav.Aanvrager', T);
  await typeInto(a.page, 'title', 'Plan van de werkgroep (herzien)', T);
  await waitSaved(a.page);
  // (Typing may reach the server as more than one revision: a save runs while the field is open.)
  const first = await serverUntil(sid, (v) => v.plan.title === 'Plan van de werkgroep (herzien)', 'A\'s title');
  await until(a.page, (x) => ps(x, id).status === 'gesynchroniseerd' && ps(x, id).server_revision === first.revision &&
    x.sync.outbox === 0, 'A\'s change synced');
  await b.context.setOffline(true);
  await until(b.page, (x) => !x.sync.online, 'B offline');
  await b.context.setOffline(false);
  s = await until(b.page, (x) => x.plan.title === 'Plan van de werkgroep (herzien)' && ps(x, sid).server_revision === first.revision,
    'A\'s change pulled on B when the network returned');
  assert.equal(ps(s, sid).status, 'gesynchroniseerd');
  assert.equal(ps(s, sid).conflict_revision, 0);
  assert.deepEqual(s.sync.differences, []);
  assert.equal(s.sync.outbox, 0, 'B sends nothing back');
  assert.match(s.notice, /Nieuwe versie van "Plan van de werkgroep \(herzien\)"/);
  await shot(b.page, 'cycle-09-pulled-notice-800x1280');

  // A changes a planned count; B gets it by opening the app.
  await tap(a.page, 'nav.Doelen', T);
  await typeInto(a.page, 'rows[1].planned[2023]', '110', T);
  await waitSaved(a.page);
  const second = await serverUntil(sid, (v) => v.plan.rows[1].planned['2023'] === 110, 'A\'s planned count');
  await until(a.page, (x) => ps(x, id).server_revision === second.revision && x.sync.outbox === 0, 'A\'s second change synced');
  await reopen(b.page);
  s = await until(b.page, (x) => x.plan_open && x.plan.rows[1].planned['2023'] === 110 &&
    ps(x, sid).server_revision === second.revision, 'A\'s second change pulled on B at start');
  assert.equal(ps(s, sid).status, 'gesynchroniseerd');
  assert.equal(ps(s, sid).conflict_revision, 0);
  assert.equal(s.sync.outbox, 0);
  assert.match(s.notice, /Nieuwe versie/);
  assert.equal(s.plan.title, 'Plan van de werkgroep (herzien)');
  // Nothing went back from B: the server is still at A's revision.
  const got = await api(`/api/v1/plans/${sid}`);
  assert.equal(got.body.revision, second.revision);
  assert.equal((await api(`/api/v1/plans/${sid}/conflicts`)).body.conflicts.length, 0);
  await a.context.close();
  await b.context.close();
});
