// Zoom (issue 10, item 4; WCAG 2.1 1.4.4 and 1.4.10): the page lets the person zoom, the app
// reflows to the CSS size and pixel ratio of a browser zoom up to 200 %, and a second finger
// is the browser's pinch zoom, not a tap or drag in the app.
//   node --test --test-concurrency=1 zoom.test.mjs   (in tests/e2e; needs build/wasm/site)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { site, siteBuilt, startServer, launch, waitReady, appState, settle, shot, widget, tap } from './harness.mjs';

let server;
before(async () => {
  assert.ok(siteBuilt(), `build the app first: ${site} has no app`);
  server = await startServer();
});
after(async () => { if (server) await server.close(); });

// Every navigation tab lies inside the viewport's CSS width and height.
async function assertTabsFit(page, width, height) {
  const s = await appState(page);
  const tabs = Object.entries(s.widgets).filter(([key]) => key.startsWith('nav.'));
  assert.ok(tabs.length >= 4, `the navigation is drawn (${tabs.length} tabs)`);
  for (const [key, [x, y, w, h]] of tabs) {
    assert.ok(x >= 0 && x + w <= width + 0.5, `${key} fits the ${width} CSS px width: x ${x}, w ${w}`);
    assert.ok(y >= 0 && y + h <= height + 0.5, `${key} fits the ${height} CSS px height: y ${y}, h ${h}`);
    assert.ok(h >= 44 - 0.5, `${key} stays a 44 CSS px touch target (${h})`);
  }
  return s;
}

async function waitScale(page, scale) {
  await page.waitForFunction((want) => JSON.parse(Module.UTF8ToString(Module._app_test_state())).scale === want, scale,
    { timeout: 5000 });
  await settle(page);
}

test('the page lets the person zoom: no maximum-scale or user-scalable=no, pinch zoom on the canvas', async () => {
  const { context, page } = await launch({ width: 1280, height: 800 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    const meta = await page.$eval('meta[name=viewport]', (m) => m.content);
    assert.doesNotMatch(meta, /user-scalable\s*=\s*(no|0)/i, `viewport meta: ${meta}`);
    const max = meta.match(/maximum-scale\s*=\s*([\d.]+)/i);
    assert.ok(!max || Number(max[1]) >= 5, `viewport meta allows zooming in: ${meta}`);
    assert.equal(await page.$eval('#canvas', (c) => getComputedStyle(c).touchAction), 'pinch-zoom');
    await shot(page, '30-zoom-100-1280x800');
  } finally {
    await context.close();
  }
});

test('at 200 % zoom (640x400 CSS px, devicePixelRatio 2) the app reflows: the tabs fit, scale 2', async () => {
  const { context, page } = await launch({ width: 640, height: 400, dpr: 2 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    const s = await assertTabsFit(page, 640, 400);
    assert.equal(s.scale, 2);
    assert.deepEqual(await page.$eval('#canvas', (c) => [c.width, c.height]), [1280, 800], 'the canvas has device pixels');
    const [x, , w] = await widget(page, 'plans.new');
    assert.ok(x >= 0 && x + w <= 640, `"Nieuw plan" fits (${x}, ${w})`);
    await shot(page, '31-zoom-200-640x400');
    await page.mouse.click(x + w / 2, (await widget(page, 'plans.new'))[1] + 20);
    await settle(page);
    assert.equal((await appState(page)).plan_open, true, 'a click at 200 % hits the button');
    await assertTabsFit(page, 640, 400);
    await shot(page, '32-zoom-200-640x400-plan');
  } finally {
    await context.close();
  }
});

test('a zoom that changes only the pixel ratio (no resize event) reflows too; Ctrl + to 200 % reflows to 640 CSS px', async () => {
  const { context, page } = await launch({ width: 1280, height: 800 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    assert.equal((await appState(page)).scale, 1);
    await page.evaluate(() => { window.__resized = 0; window.addEventListener('resize', () => { window.__resized++; }); });
    assert.equal(await page.evaluate(() => Module.SL.pixelRatioQuery.media), '(resolution: 1dppx)');
    const cdp = await context.newCDPSession(page);
    // The same CSS size at twice the pixels: the ratio's media query, not resize, tells the app.
    // Chromium's device-metrics emulation changes devicePixelRatio but fires neither resize nor
    // the query's change event (a real zoom or a move to another screen fires the change), so
    // the test fires the change as the browser would.
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 2, mobile: false });
    await settle(page);
    assert.equal(await page.evaluate(() => [devicePixelRatio, Module.SL.pixelRatioQuery.matches].join()), '2,false');
    await page.evaluate(() => Module.SL.pixelRatioQuery.dispatchEvent(new Event('change')));
    await waitScale(page, 2);
    assert.equal(await page.evaluate(() => window.__resized), 0, 'no resize event: the media query told the app');
    assert.equal(await page.evaluate(() => Module.SL.pixelRatioQuery.media), '(resolution: 2dppx)', 'watching the new ratio');
    assert.deepEqual(await page.$eval('#canvas', (c) => [c.width, c.height]), [2560, 1600]);
    await assertTabsFit(page, 1280, 800);
    // The browser's 200 % at a 1280x800 window: 640x400 CSS px at ratio 2.
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 640, height: 400, deviceScaleFactor: 2, mobile: false });
    await settle(page, 200);
    const s = await assertTabsFit(page, 640, 400);
    assert.equal(s.scale, 2);
    assert.deepEqual(await page.$eval('#canvas', (c) => [c.width, c.height]), [1280, 800]);
    // And back to 100 %.
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });
    await waitScale(page, 1);
    await assertTabsFit(page, 1280, 800);
  } finally {
    await context.close();
  }
});

test('a second finger is the browser\'s pinch: the app gets no tap from it; one finger taps and drags', async () => {
  const { context, page } = await launch({ width: 800, height: 1280, touch: true, dpr: 2 });
  try {
    await page.goto(server.url);
    await waitReady(page);
    const cdp = await context.newCDPSession(page);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
    const centre = ([x, y, w, h]) => ({ x: x + w / 2, y: y + h / 2 });
    await page.evaluate(() => {
      window.__cancels = 0;
      Module.canvas.addEventListener('pointercancel', () => { window.__cancels++; });
    });
    const button = centre(await widget(page, 'plans.new'));
    const empty = { x: 400, y: 1100 };
    // Finger one on empty space, finger two on "Nieuw plan", both lift without moving (the
    // browser cancels nothing): the second finger ended the app's pointer, no plan is made.
    await touch('touchStart', [{ ...empty, id: 1 }]);
    await touch('touchStart', [{ ...empty, id: 1 }, { ...button, id: 2 }]);
    await settle(page, 50);
    assert.equal(await page.evaluate(() => Module.SL.pointerId), null, 'the app follows no pointer during the gesture');
    await touch('touchEnd', [{ ...empty, id: 1 }]);
    await touch('touchEnd', []);
    await settle(page);
    let s = await appState(page);
    assert.equal(s.plan_open, false, 'a two-finger touch made no tap');
    assert.equal(await page.evaluate(() => Module.SL.pinching), false, 'the gesture ended with the last finger');
    const cancelsAfterTouch = await page.evaluate(() => window.__cancels);

    // One finger taps as before, and drags the list.
    await page.touchscreen.tap(button.x, button.y);
    await settle(page);
    s = await appState(page);
    assert.equal(s.plan_open, true, 'a one-finger tap opens a new plan');
    await tap(page, 'nav.Acties', { touch: true });
    const yBefore = (await widget(page, 'actions[7]'))[1];
    await touch('touchStart', [{ x: 300, y: 700 }]);
    for (let y = 650; y >= 400; y -= 50) {
      await touch('touchMove', [{ x: 300, y }]);
      await page.waitForTimeout(16);
    }
    await touch('touchEnd', []);
    await settle(page);
    s = await appState(page);
    const yAfter = s.widgets['actions[7]'][1];
    assert.ok(yBefore - yAfter > 200, `one finger drags the list (${yBefore} -> ${yAfter})`);

    // A real pinch (finger two on the "Plannen" tab, the fingers move apart): the browser
    // zooms the page and cancels both pointers; the app neither taps nor scrolls.
    const tab = centre(s.widgets['nav.Plannen']);
    const screen = s.screen;
    await touch('touchStart', [{ ...empty, id: 1 }]);
    await touch('touchStart', [{ ...empty, id: 1 }, { ...tab, id: 2 }]);
    await touch('touchMove', [{ x: empty.x, y: empty.y + 60, id: 1 }, { x: tab.x, y: tab.y - 20, id: 2 }]);
    await touch('touchEnd', []);
    await settle(page);
    const after = await appState(page);
    assert.equal(after.screen, screen, 'the pinch did not tap the tab');
    assert.equal(after.widgets['actions[7]'][1], yAfter, 'the pinch did not scroll the list');
    assert.equal(await page.evaluate(() => Module.SL.pinching), false);
    const zoomed = await page.evaluate(() => visualViewport.scale);
    assert.ok(zoomed > 1.01, `the browser zoomed the page (visual viewport scale ${zoomed})`);
    console.log(`pointercancel events: ${cancelsAfterTouch} for the two-finger touch, ` +
      `${await page.evaluate(() => window.__cancels) - cancelsAfterTouch} for the pinch; pinch zoom to ${zoomed.toFixed(3)}`);
    await shot(page, '36-pinch-zoomed-800x1280');
  } finally {
    await context.close();
  }
});

test('screenshots: 1280x800, 800x1280 and 200 % of 1280x800 on the targets screen', async () => {
  for (const [w, h, dpr, name] of [[1280, 800, 1, '33-targets-1280x800'], [800, 1280, 1, '34-targets-800x1280'],
    [640, 400, 2, '35-targets-200pct-640x400']]) {
    const { context, page } = await launch({ width: w, height: h, dpr });
    try {
      await page.goto(server.url);
      await waitReady(page);
      await tap(page, 'plans.new');
      await tap(page, 'nav.Acties');
      await tap(page, 'actions[5].adult_learners');
      await shot(page, name.replace('targets', 'actions'));
      await tap(page, 'nav.Doelen');
      await assertTabsFit(page, w, h);
      assert.equal((await appState(page)).plan.rows.length, 1);
      await shot(page, name);
    } finally {
      await context.close();
    }
  }
});
