// What reaches the browser from the product's own server (issue 19): the bytes Chromium
// counts on the wire for every request of a visit, the page's and the service worker's
// (CDP Network.loadingFinished encodedDataLength: headers and body as received), and a
// visit under the tablet profile of Lighthouse's mobile run (4x CPU slowdown, 150 ms round
// trip, 1.6 Mbps down, 750 kbps up). Used by bench.mjs and delivery.test.mjs.
import { chromium } from 'playwright-core';
import { chromiumArgs } from './harness.mjs';

// Lighthouse 12's mobile profile (its constants.js, throttling.mobileSlow4G), in CDP's units.
export const tablet = {
  cpuSlowdown: 4,
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1024 * 1024) / 8,
  uploadBytesPerSecond: (750 * 1024) / 8,
};

// A fresh browser with a profile of its own. `gzipOnly`: every request says
// "Accept-Encoding: gzip, deflate" (a client without brotli). `throttle`: the tablet profile
// on the page (CPU and network) and on the service worker (network). requests() lists what
// came over the wire so far: { url, status, encoding, cacheControl, bytes, from: 'page' | 'service worker' }.
export async function openBrowser({ gzipOnly = false, throttle = false, width = 1280, height = 800, dpr = 1 } = {}) {
  // A browser of its own (launch makes it a new profile); the second visit is a reload in it.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const done = [];
  const network = async (send) => {
    await send('Network.enable', {});
    if (throttle) {
      await send('Network.emulateNetworkConditions', {
        offline: false, latency: tablet.latencyMs,
        downloadThroughput: tablet.downloadBytesPerSecond, uploadThroughput: tablet.uploadBytesPerSecond,
      });
    }
  };
  // Each target's requests by id: the response's status and encoding, then the bytes.
  const track = (from) => {
    const seen = new Map();
    return {
      response: ({ requestId, response }) => {
        const header = (name) => (Object.entries(response.headers).find(([k]) => k.toLowerCase() === name) || [])[1] || '';
        seen.set(requestId, {
          url: response.url, status: response.status, encoding: header('content-encoding'), cacheControl: header('cache-control'),
        });
      },
      finished: ({ requestId, encodedDataLength }) => {
        // The worker's own script is fetched before its target starts: only its bytes are seen.
        const r = seen.get(requestId) || { url: from === 'page' ? '(unknown)' : '(the service worker\'s script)', status: 0, encoding: '' };
        done.push({ ...r, bytes: encodedDataLength, from });
      },
    };
  };

  // Gzip only: every request of the browser, the page's and the service worker's, is held
  // and sent on with that Accept-Encoding (the browser's session sees them all).
  if (gzipOnly) {
    const browserCdp = await browser.newBrowserCDPSession();
    browserCdp.on('Fetch.requestPaused', ({ requestId, request }) => {
      const headers = Object.entries(request.headers).filter(([k]) => k.toLowerCase() !== 'accept-encoding')
        .map(([name, value]) => ({ name, value }));
      headers.push({ name: 'Accept-Encoding', value: 'gzip, deflate' });
      browserCdp.send('Fetch.continueRequest', { requestId, headers }).catch(() => {});
    });
    await browserCdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
  }
  const cdp = await context.newCDPSession(page);
  const pageTrack = track('page');
  cdp.on('Network.responseReceived', pageTrack.response);
  cdp.on('Network.loadingFinished', pageTrack.finished);
  await network((method, params) => cdp.send(method, params));
  if (throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: tablet.cpuSlowdown });

  // The service worker is a target of its own, attached through the page's session as it
  // starts (paused until its network is set up); its messages come wrapped (non-flat mode).
  let id = 1;
  const workers = new Map();  // sessionId -> { track, pending }
  const toWorker = (sessionId, method, params) => new Promise((resolve) => {
    const msgId = id++;
    workers.get(sessionId).pending.set(msgId, resolve);
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: msgId, method, params }) }).catch(() => resolve());
  });
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
    workers.set(sessionId, { track: track('service worker'), pending: new Map() });
    if (targetInfo.type === 'service_worker') await network((method, params) => toWorker(sessionId, method, params));
    await toWorker(sessionId, 'Runtime.runIfWaitingForDebugger', {});
  });
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const w = workers.get(sessionId);
    if (!w) return;
    const m = JSON.parse(message);
    if (m.id && w.pending.has(m.id)) { w.pending.get(m.id)(m.result); w.pending.delete(m.id); }
    if (m.method === 'Network.responseReceived') w.track.response(m.params);
    if (m.method === 'Network.loadingFinished') w.track.finished(m.params);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });

  return { context, page, requests: () => done.slice(), close: () => browser.close() };
}

// Waits until the app has drawn its first frame and returns the app's startup figures. With
// `quietMs` the page is first left alone that long: Playwright's polling injects its own
// script into a page that is starting, which would be timed with the app.
export async function appStarted(page, { quietMs = 0, timeout = 60000 } = {}) {
  if (quietMs) await new Promise((r) => setTimeout(r, quietMs));
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.Module && Module._app_test_state,
    null, { timeout, polling: 250 });
  return page.evaluate(() => {
    const s = JSON.parse(Module.UTF8ToString(Module._app_test_state()));
    return { firstFrameMs: s.first_frame_at_ms, mainMs: s.main_at_ms, fontMs: s.font_ms };
  });
}

// Waits until the service worker controls the page and its install has fetched what it caches.
export async function serviceWorkerInstalled(page, timeout = 60000) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout, polling: 100 });
  await page.waitForTimeout(500);  // the last answers' loadingFinished
}

// A first visit to `url` (a fresh profile): the app started, the service worker installed.
// Returns the requests over the wire and their bytes in all.
export async function firstVisitBytes(url, { gzipOnly = false } = {}) {
  const b = await openBrowser({ gzipOnly });
  try {
    await b.page.goto(url);
    await appStarted(b.page);
    await serviceWorkerInstalled(b.page);
    const requests = b.requests();
    return { requests, bytes: requests.reduce((sum, r) => sum + r.bytes, 0) };
  } finally {
    await b.close();
  }
}
