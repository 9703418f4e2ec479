// Issue 19: the app as the product's own server delivers it (build/native/server/samenleven_server
// serving build/wasm/site). The page loads the app's files by their hashed names, brotli-
// compressed and cached as immutable; the first visit's bytes on the wire, as Chromium counts
// them (page and service worker), stay under the goal with brotli and with gzip only; a
// second visit takes nothing big from the network; offline the app still starts. Times are
// not asserted here: they are the bench's (bench.mjs, BENCHMARKS.md).
//   node --test delivery.test.mjs   (in tests/e2e; needs build/wasm/site and the server)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { site, siteBuilt, siteFiles, startServer, settle, tap } from './harness.mjs';
import { openBrowser, appStarted, serviceWorkerInstalled, firstVisitBytes } from './delivery.mjs';

// The goals of issue 19 for a first visit, in bytes (1 KB = 1,000 bytes).
const goalBrotli = 330_000, goalGzip = 400_000;

let server;
before(async () => {
  assert.ok(siteBuilt(), `build the app first: ${site} has no app`);
  server = await startServer();
});
after(async () => { if (server) await server.close(); });

const pathOf = (r) => (URL.canParse(r.url) ? new URL(r.url).pathname : r.url);
const total = (requests) => requests.reduce((sum, r) => sum + r.bytes, 0);
const list = (requests) => requests.map((r) => `${r.from} ${pathOf(r)} ${r.status} ${r.encoding} ${r.bytes}`).join('\n');

test('first visit with brotli: the hashed files, immutable, under 330 KB on the wire; the second visit and offline from the service worker', async () => {
  const names = siteFiles();
  for (const key of ['wasm', 'js', 'font', 'boot', 'icon']) assert.ok(names[key], `the site has no hashed ${key} file`);
  const b = await openBrowser();
  try {
    await b.page.goto(server.url);
    await appStarted(b.page);
    await serviceWorkerInstalled(b.page);
    const first = b.requests();
    const page = first.filter((r) => r.from === 'page');
    // What the page loads: the page itself, then its files under their hashed names.
    const loaded = new Set(page.map(pathOf));
    for (const key of ['wasm', 'js', 'font', 'boot']) assert.ok(loaded.has('/' + names[key]), `${names[key]} not loaded:\n${list(first)}`);
    for (const plain of ['/app.wasm', '/app.js', '/DejaVuSans.ttf', '/boot.js']) assert.ok(!loaded.has(plain), `${plain} loaded`);
    for (const r of page) {
      assert.equal(r.status, 200, `${pathOf(r)}: ${r.status}`);
      assert.equal(r.encoding, 'br', `${pathOf(r)} came without brotli`);
      const hashed = /\.[0-9a-f]{16}\.[a-z]+$/.test(pathOf(r));
      assert.equal(r.cacheControl, hashed ? 'public, max-age=31536000, immutable' : 'no-cache', pathOf(r));
    }
    // Each hashed file crosses the wire once: the service worker caches what the page loaded
    // from the browser's HTTP cache (and the page the icon the worker fetched first).
    const crossings = {};
    for (const r of first.filter((x) => x.bytes > 0 && /\.[0-9a-f]{16}\./.test(pathOf(x)))) crossings[pathOf(r)] = (crossings[pathOf(r)] || 0) + 1;
    for (const [p, n] of Object.entries(crossings)) assert.equal(n, 1, `${p} came over the wire ${n} times:\n${list(first)}`);
    const bytes = total(first);
    console.log(`first visit, brotli: ${bytes} bytes on the wire in ${first.length} requests`);
    assert.ok(bytes <= goalBrotli, `${bytes} bytes on the wire (goal ${goalBrotli}):\n${list(first)}`);

    // Second visit: everything big from the service worker (at most a few revalidations).
    await b.page.reload();
    await appStarted(b.page);
    const second = b.requests().slice(first.length);
    assert.ok(total(second) < 5_000, `second visit: ${total(second)} bytes on the wire:\n${list(second)}`);

    // Offline after the first visit: the app still starts.
    await b.context.setOffline(true);
    await b.page.reload();
    await appStarted(b.page);
    const state = await b.page.evaluate(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())));
    assert.ok(state.frames > 0 && state.errors.length === 0, 'the app starts offline');
  } finally {
    await b.close();
  }
});

test('first visit of a client without brotli: gzip for every file, under 400 KB on the wire', async () => {
  const { requests, bytes } = await firstVisitBytes(server.url, { gzipOnly: true });
  for (const r of requests.filter((x) => x.bytes > 0 && x.status === 200 && x.from === 'page'))
    assert.equal(r.encoding, 'gzip', `${pathOf(r)} came as '${r.encoding}'`);
  console.log(`first visit, gzip only: ${bytes} bytes on the wire in ${requests.length} requests`);
  assert.ok(bytes <= goalGzip, `${bytes} bytes on the wire (goal ${goalGzip}):\n${list(requests)}`);
});

test('frames that would show the same picture are not drawn again: at start once, a change draws', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(server.url);
    await appStarted(b.page);
    await settle(b.page, 500);
    const state = () => b.page.evaluate(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())));
    let s = await state();
    // ImGui settles over several frames after the start; they show what the first one drew.
    assert.ok(s.frames > 1, `${s.frames} frames at start`);
    assert.ok(s.frames_drawn >= 1 && s.frames_drawn < s.frames, `${s.frames_drawn} of ${s.frames} frames drawn at start`);
    const drawn = s.frames_drawn;
    await tap(b.page, 'plans.new');  // the applicant screen: another picture
    s = await state();
    assert.equal(s.plan_open, true);
    assert.ok(s.frames_drawn > drawn, 'the new screen was drawn');
  } finally {
    await b.close();
  }
});
