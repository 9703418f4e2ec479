// Real-browser tests of sync against the real server (build/native/server/samenleven_server
// serving the app with --site, so the app talks to its own origin): a plan made offline
// reaches the server when the network returns; two tablets edit the same plan offline, the
// second gets the conflict, chooses per field through pointer events, and nothing is lost.
//   npm test   (in tests/e2e; needs build/wasm/site and build/native/server/samenleven_server)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSyncServer, launch, waitReady, appState, settle, tap, typeInto, waitSaved, shot } from './harness.mjs';

let server, base, token;
const contexts = [];

before(async () => {
  server = await startSyncServer([['42006', 'Dendermonde']]);
  ({ base } = server);
  token = server.tokens['42006'];
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  if (server) await server.stop();
});

test('the app served by the server starts under its Content-Security-Policy, with no violation', async () => {
  const t = await launch();
  contexts.push(t.context);
  const violations = [];
  t.page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
  const response = await t.page.goto(base + '/');
  const csp = response.headers()['content-security-policy'] || '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  await waitReady(t.page);
  const state = await appState(t.page);
  assert.ok(state, 'the app runs');
  assert.deepEqual(violations, []);
});

async function api(route) {
  const r = await fetch(base + route, { headers: { Authorization: 'Bearer ' + token } });
  return { status: r.status, body: await r.json() };
}

async function tablet() {
  const t = await launch();
  contexts.push(t.context);
  await t.page.goto(base + '/');
  await waitReady(t.page);
  return t;
}

// Waits until the app's state satisfies `check` (polled through the test API).
async function until(page, check, what, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await appState(page);
    if (check(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s.sync)}`);
    await settle(page, 100);
  }
}

const planStatus = (s, id) => (s.sync.plans[id] || {}).status;

async function turnSyncOn(page) {
  await tap(page, 'nav.Server');
  await typeInto(page, 'sync.token', token);
  await tap(page, 'sync.toggle');
  const s = await appState(page);
  assert.equal(s.sync.enabled, true);
}

async function newPlan(page, title) {
  await tap(page, 'nav.Plannen');
  await tap(page, 'plans.new');
  await typeInto(page, 'title', title);
  await typeInto(page, 'applicant.lead.name', 'Dendermonde');
  await typeInto(page, 'applicant.lead.nis_code', '42006');
  await typeInto(page, 'applicant.lead.non_eu14_residents', '9000');
  await waitSaved(page);
  return (await appState(page)).plan.id;
}

test('a plan made offline reaches the server when the network returns', async () => {
  const { context, page } = await tablet();
  await turnSyncOn(page);
  await context.setOffline(true);
  await until(page, (s) => !s.sync.online, 'offline');
  const id = await newPlan(page, 'Gemaakt zonder netwerk');
  let s = await until(page, (x) => planStatus(x, id) === 'offline: wordt later verstuurd', 'offline status');
  assert.equal(s.sync.outbox, 1);
  assert.equal((await api(`/api/v1/plans/${id}`)).status, 404);
  await shot(page, 'sync-01-offline-1280x800');

  await context.setOffline(false);
  s = await until(page, (x) => planStatus(x, id) === 'gesynchroniseerd', 'synced after the network returned');
  assert.equal(s.sync.outbox, 0);
  const sid = s.sync.plans[id].server_id;  // the server chose the id; the tablet keeps its own
  assert.notEqual(sid, id);
  const got = await api(`/api/v1/plans/${sid}`);
  assert.equal(got.status, 200);
  assert.equal(got.body.plan.title, 'Gemaakt zonder netwerk');
  assert.equal(got.body.revision, 1);
  await context.close();
});

test('two tablets edit the same plan offline: the second chooses per field, nothing is lost', async () => {
  const a = await tablet();
  await turnSyncOn(a.page);
  const id = await newPlan(a.page, 'Plan van de werkgroep');
  await typeInto(a.page, 'contact.phone', '052 00 00 00');
  await waitSaved(a.page);
  const synced = await until(a.page, (x) => planStatus(x, id) === 'gesynchroniseerd' && x.sync.outbox === 0, 'tablet A synced');
  const sid = synced.sync.plans[id].server_id;  // B knows the plan by the server's id
  const shared = (await api(`/api/v1/plans/${sid}`)).body.revision;  // the revision both tablets start from

  // Tablet B takes the plan from the server.
  const b = await tablet();
  await turnSyncOn(b.page);
  await tap(b.page, 'sync.now');
  let s = await until(b.page, (x) => x.sync.server_plans.includes(sid), 'server plan list on B');
  const i = s.sync.server_plans.indexOf(sid);
  await tap(b.page, `sync.server[${i}].fetch`);
  await until(b.page, (x) => planStatus(x, sid) === 'gesynchroniseerd', 'plan fetched on B');
  await tap(b.page, `sync.server[${i}].open`);
  s = await appState(b.page);
  assert.equal(s.plan.id, sid);
  assert.equal(s.plan.contact.phone, '052 00 00 00');

  // Both offline; both change the title and the phone differently.
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await tap(a.page, 'nav.Aanvrager');
  await typeInto(a.page, 'title', 'Titel van tablet A');
  await typeInto(a.page, 'contact.phone', '052 11 11 11');
  await waitSaved(a.page);
  await tap(b.page, 'nav.Aanvrager');
  await typeInto(b.page, 'title', 'Titel van tablet B');
  await typeInto(b.page, 'contact.phone', '052 22 22 22');
  await waitSaved(b.page);

  // A comes back first and wins revision 2; B comes back and gets the conflict.
  await a.context.setOffline(false);
  await until(a.page, (x) => planStatus(x, id) === 'gesynchroniseerd' && x.sync.outbox === 0, 'tablet A sent');
  assert.equal((await api(`/api/v1/plans/${sid}`)).body.revision, shared + 1);
  await b.context.setOffline(false);
  s = await until(b.page, (x) => planStatus(x, sid) === 'conflict: kies een versie', 'conflict on B');
  assert.equal(s.plan.title, 'Titel van tablet B');  // B's version is still here
  await shot(b.page, 'sync-02-conflict-banner-1280x800');

  await tap(b.page, 'banner.conflict');
  s = await until(b.page, (x) => x.screen === 7 && x.sync.differences.length === 2, 'conflict view');
  await shot(b.page, 'sync-03-conflict-view-1280x800');
  const title = s.sync.differences.indexOf('title');
  const phone = s.sync.differences.indexOf('contact.phone');
  assert.ok(title >= 0 && phone >= 0, JSON.stringify(s.sync.differences));
  assert.deepEqual(s.sync.take_mine, [false, false]);  // default: the server's
  await tap(b.page, `conflict[${title}].mine`);  // keep B's title, A's phone
  s = await appState(b.page);
  assert.equal(s.sync.take_mine[title], true);
  assert.equal(s.sync.take_mine[phone], false);
  await shot(b.page, 'sync-04-conflict-chosen-1280x800');
  await tap(b.page, 'conflict.merge');
  s = await until(b.page, (x) => planStatus(x, sid) === 'gesynchroniseerd' && x.sync.outbox === 0, 'merge sent');
  assert.equal(s.plan.title, 'Titel van tablet B');
  assert.equal(s.plan.contact.phone, '052 11 11 11');
  assert.equal(s.can_undo, true);
  await shot(b.page, 'sync-05-merged-1280x800');

  const got = await api(`/api/v1/plans/${sid}`);
  assert.equal(got.body.revision, shared + 2);
  assert.equal(got.body.plan.title, 'Titel van tablet B');
  assert.equal(got.body.plan.contact.phone, '052 11 11 11');
  // B's own version, as it was before the merge, is kept on the server as a conflict copy.
  const conflicts = await api(`/api/v1/plans/${sid}/conflicts`);
  assert.equal(conflicts.status, 200);
  const copy = conflicts.body.conflicts.find((c) => c.plan.title === 'Titel van tablet B');
  assert.ok(copy, JSON.stringify(conflicts.body));
  assert.equal(copy.plan.contact.phone, '052 22 22 22');
  assert.equal(copy.base_revision, shared);
  assert.equal(copy.server_revision, shared + 1);
  // And A's version is in the history.
  const rev2 = await api(`/api/v1/plans/${sid}/revisions/${shared + 1}`);
  assert.equal(rev2.body.plan.title, 'Titel van tablet A');
});
