// Shared pieces of the browser tests: the product's own server (samenleven_server) serving
// build/wasm/site on 127.0.0.1, so that what is tested is what is delivered; Debian's
// Chromium through playwright-core, and helpers that read the app's state back (the wasm
// test API) and act through real pointer and keyboard events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const site = process.env.SAMENLEVEN_SITE || path.join(repo, 'build/wasm/site');
export const shots = path.join(here, 'screenshots');

export const serverBin = process.env.SAMENLEVEN_SERVER || path.join(repo, 'build/native/server/samenleven_server');

// The app's files by their names in the site (app/browser/make_site.cmake gives each a hash of its
// content): { wasm: 'app.0123456789abcdef.wasm', js: ..., font: ..., boot: ..., icon: ... }.
export function siteFiles(root = site) {
  const names = fs.existsSync(root) ? fs.readdirSync(root) : [];
  const find = (re) => names.find((n) => re.test(n));
  return {
    wasm: find(/^app\.[0-9a-f]{16}\.wasm$/), js: find(/^app\.[0-9a-f]{16}\.js$/),
    font: find(/^DejaVuSans\.[0-9a-f]{16}\.ttf$/), boot: find(/^boot\.[0-9a-f]{16}\.js$/),
    icon: find(/^icon\.[0-9a-f]{16}\.svg$/),
  };
}

// Whether the app is built: the page and its WebAssembly are in the site.
export function siteBuilt(root = site) {
  return fs.existsSync(path.join(root, 'index.html')) && !!siteFiles(root).wasm;
}

// Starts `samenleven_server serve` on 127.0.0.1 (a free port, or `port`) over dataDir,
// serving `root`; resolves with the process and its address once it listens.
async function spawnServer(dataDir, root, port = 0) {
  const server = spawn(serverBin, ['serve', '--data', dataDir, '--port', String(port), '--host', '127.0.0.1', '--site', root],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    setTimeout(() => reject(new Error('server did not start')), 10000);
  });
  const stop = async () => {
    if (server.exitCode === null) { server.kill('SIGTERM'); await new Promise((r) => server.once('exit', r)); }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { base, process: server, stop };
}

// The real sync server (build/native/server/samenleven_server) on a free port of 127.0.0.1,
// with a fresh data folder, serving the app (--site) so that the app syncs with its own
// origin. `governments`: [key, name, agency?] each, added first; their tokens come back in
// `tokens` by key. With `seedDemo` the folder gets the run command's demo data first
// (seed-demo: the Dendermonde plan and the first year in Flanders) and `tokens` its demo
// tokens. stop() ends the server and removes the folder.
export async function startSyncServer(governments, { seedDemo = false } = {}) {
  if (!siteBuilt()) throw new Error(`build the app first: ${site} has no app`);
  if (!fs.existsSync(serverBin)) throw new Error(`build the server first: ${serverBin} is missing`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenleven-e2e-'));
  const tokens = {};
  if (seedDemo) {
    execFileSync(serverBin, ['seed-demo', '--data', dataDir, '--plan', path.join(repo, 'tests/data/dendermonde_igs.json')]);
    for (const line of fs.readFileSync(path.join(dataDir, 'demo-tokens.txt'), 'utf8').split('\n')) {
      const [key, , token] = line.split('\t');
      if (key && !key.startsWith('#') && token) tokens[key] = token;
    }
  }
  for (const [key, name, agency] of governments) {
    const args = ['add-government', '--data', dataDir, '--key', key, '--name', name, ...(agency ? ['--agency'] : [])];
    tokens[key] = execFileSync(serverBin, args).toString().trim().split('\n').pop().trim();
  }
  const { base, stop } = await spawnServer(dataDir, site);
  return { base, tokens, dataDir, stop };
}

// Serves `root` on 127.0.0.1 (a free port, or `port`) with the product's server, on a data
// folder of its own without governments. close() stops it and removes the folder.
export async function startServer(root = site, port = 0) {
  if (!fs.existsSync(serverBin)) throw new Error(`build the server first: ${serverBin} is missing`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenleven-e2e-'));
  const { base, stop } = await spawnServer(dataDir, root, port);
  return { url: `${base}/`, port: Number(new URL(base).port), close: stop };
}

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// A persistent profile (IndexedDB, service worker survive reloads and page re-opens).
export async function launch({ width = 1280, height = 800, touch = false, dpr = 1, userDataDir } = {}) {
  const dir = userDataDir || fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'samenleven-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs,
    viewport: { width, height }, deviceScaleFactor: dpr, hasTouch: touch, isMobile: false,
    acceptDownloads: true,
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
  return { context, page, dir };
}

export async function waitReady(page) {
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.Module && Module._app_test_state, null, { timeout: 20000 });
  await settle(page);
}


// Lets the app draw until it is idle (frames run only on demand).
export async function settle(page, ms = 120) {
  await page.waitForTimeout(ms);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export async function appState(page) {
  return page.evaluate(() => JSON.parse(Module.UTF8ToString(Module._app_test_state())));
}

// The rectangle (CSS px) of a widget by its key, waiting for it to be drawn.
export async function widget(page, key, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await appState(page);
    if (s.widgets[key]) return s.widgets[key];
    if (Date.now() > end) throw new Error(`widget ${key} not drawn; have: ${Object.keys(s.widgets).slice(0, 60).join(', ')}`);
    await settle(page, 50);
  }
}

// Taps or clicks the middle of a widget (scrolled into view first).
export async function tap(page, key, { touch = false } = {}) {
  const [x, y, w, h] = await visibleWidget(page, key);
  const cx = x + w / 2, cy = y + h / 2;
  if (touch) await page.touchscreen.tap(cx, cy);
  else await page.mouse.click(cx, cy);
  await settle(page);
}

// Scrolls the content panel with the mouse wheel until the widget is inside it.
// A widget in a card out of view is not drawn (the app culls such cards): then the card
// (the key's longest drawn prefix, e.g. "rows[1]" of "rows[1].planned[2023]") is scrolled to.
export async function visibleWidget(page, key) {
  for (let i = 0; i < 40; i++) {
    const s = await appState(page);
    let target = key;
    for (let cut = key.lastIndexOf('.'); !s.widgets[target] && cut > 0; cut = key.lastIndexOf('.', cut - 1))
      if (s.widgets[key.slice(0, cut)]) target = key.slice(0, cut);
    const r = s.widgets[target] || await widget(page, key);
    const [x, y, w, h] = r;
    // Content widgets scroll inside the content panel; the bars and the budget are fixed.
    const panel = s.widgets['panel.content'];
    const fixed = !panel || key.startsWith('nav.') || key.startsWith('budget') || key.startsWith('error.') || key.startsWith('banner.') ||
      key === 'undo' || key === 'redo';
    if (fixed) return r;
    const [px, py, pw, ph] = panel;
    if (y >= py && y + h <= py + ph && target === key) return r;
    if (target !== key && y < py + ph && y + h > py) { await settle(page, 60); continue; }  // the card is coming into view
    await page.mouse.move(px + pw / 2, py + ph / 2);
    const delta = y < py ? Math.max(-400, y - py - 40) : Math.min(400, y + h - (py + ph) + 40);
    await page.mouse.wheel(0, delta);
    await settle(page, 60);
  }
  throw new Error(`widget ${key} could not be scrolled into view`);
}

// Types into a field: tap it (the DOM text overlay opens), select all, type, press Enter.
export async function typeInto(page, key, text, opts = {}) {
  await tap(page, key, opts);
  await page.waitForFunction((k) => document.activeElement && document.activeElement.dataset && document.activeElement.dataset.key === k, key, { timeout: 3000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await settle(page);
}

export async function waitSaved(page) {
  await page.waitForFunction(() => {
    const s = JSON.parse(Module.UTF8ToString(Module._app_test_state()));
    return !s.save_due && Module.SL.pendingSync === 0 && !Module.SL.syncing;
  }, null, { timeout: 5000 });
}

export async function shot(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  await settle(page, 50);
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}
