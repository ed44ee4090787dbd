// What the widget costs a site's page, measured in Chromium on a plain host page that holds only
// the embed tag, cold cache, bytes as served (gzip): the budget of issue 15 (README, "Widget weight").
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../helpers/app';
import { startWidgetHost, type WidgetHost } from '../helpers/widget-host';

const KB = 1024;
const BEFORE_INTERACTION_BUDGET = 15 * KB;
const OPENING_BUDGET = 80 * KB;
const USABLE_WITHIN_MS = 1_000;

let widgetHost: WidgetHost;
let app: RunningApp;
let hostUrl: string;
let browser: Browser;

beforeAll(async () => {
  widgetHost = await startWidgetHost(
    (appUrl) =>
      `<!doctype html><html lang="en"><head><title>Plain page</title></head><body>` +
      `<script src="${appUrl}/widget.js" data-site-key="demo-site" async></script></body></html>`,
    {
      args: [
        // The chat's iframe in the page's process, so the page's DevTools session sees (and
        // throttles) its requests too; what goes over the network is the same.
        '--disable-site-isolation-trials',
        '--disable-features=IsolateOrigins,site-per-process',
      ],
    },
  );
  ({ app, hostUrl, browser } = widgetHost);
}, 180_000);

afterAll(() => widgetHost?.close());

/** Every response's bytes on the wire (headers and gzipped body), and the WebSockets opened. */
async function recordTraffic(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  const traffic = {
    bytes: 0,
    requests: [] as string[],
    webSockets: 0,
    uncompressed: [] as string[],
  };
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => urls.set(requestId, request.url));
  cdp.on('Network.responseReceived', ({ response }) => {
    const type = String(response.headers['content-type'] ?? response.headers['Content-Type']);
    const encoding = response.headers['content-encoding'] ?? response.headers['Content-Encoding'];
    if (/javascript|css|html|json/.test(type) && !encoding && response.encodedDataLength > 1_000)
      traffic.uncompressed.push(response.url);
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const url = urls.get(requestId) ?? '';
    // The host page is the site's own; everything else is the widget's.
    if (url.startsWith(hostUrl)) return;
    traffic.bytes += encodedDataLength;
    traffic.requests.push(url.replace(app.url, ''));
  });
  cdp.on('Network.webSocketCreated', () => (traffic.webSockets += 1));
  return { cdp, traffic };
}

function widget(page: Page) {
  return {
    launcher: page.locator('[data-hearth] button'),
    input: page.frameLocator('[data-hearth] iframe').getByLabel('Your message'),
  };
}

/** Clicks the launcher and waits until the text box has the focus; the milliseconds it took. */
async function openUntilUsable(page: Page): Promise<number> {
  const { launcher, input } = widget(page);
  const clicked = Date.now();
  await launcher.click();
  await expect
    .poll(() => input.evaluate((box) => box === document.activeElement).catch(() => false), {
      timeout: 30_000,
      interval: 10,
    })
    .toBe(true);
  return Date.now() - clicked;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1_000);
}

async function throttle(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

describe('the widget’s weight on a plain page', () => {
  it('costs at most 15 KB and no WebSocket before the visitor interacts', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { traffic } = await recordTraffic(page);
    await page.goto(hostUrl);
    await widget(page).launcher.waitFor({ state: 'visible', timeout: 30_000 });
    await settle(page);
    console.log(
      `before interaction: ${traffic.requests.length} requests, ${(traffic.bytes / KB).toFixed(1)} KB`,
      traffic.requests,
    );
    expect(traffic.webSockets).toBe(0);
    expect(await page.locator('[data-hearth] iframe').count()).toBe(0);
    expect(traffic.uncompressed).toEqual([]);
    expect(traffic.bytes).toBeLessThanOrEqual(BEFORE_INTERACTION_BUDGET);
    await context.close();
  });

  it('costs at most 80 KB more to open, and the text box is usable within 1 s on loopback', async () => {
    // The best of three cold opens: the machine is shared, and the budget is the widget's, not the load's.
    const openings: { ms: number; bytes: number; requests: number }[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const { traffic } = await recordTraffic(page);
      await page.goto(hostUrl);
      await widget(page).launcher.waitFor({ state: 'visible', timeout: 30_000 });
      await settle(page);
      const before = { bytes: traffic.bytes, requests: traffic.requests.length };
      const ms = await openUntilUsable(page);
      await settle(page);
      openings.push({
        ms,
        bytes: traffic.bytes - before.bytes,
        requests: traffic.requests.length - before.requests,
      });
      // Opening is what the chat needs: its page, bundle, session and socket are all in it.
      expect(traffic.requests).toEqual(expect.arrayContaining(['/api/widget/session']));
      expect(traffic.uncompressed).toEqual([]);
      await context.close();
    }
    console.log('opening:', openings);
    expect(Math.max(...openings.map((opening) => opening.bytes))).toBeLessThanOrEqual(
      OPENING_BUDGET,
    );
    expect(Math.min(...openings.map((opening) => opening.ms))).toBeLessThanOrEqual(
      USABLE_WITHIN_MS,
    );
  });

  it('reports the timings on a slow phone (1.6 Mbps, 150 ms, 4× slower CPU)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { cdp } = await recordTraffic(page);
    await throttle(cdp);
    const started = Date.now();
    await page.goto(hostUrl);
    await widget(page).launcher.waitFor({ state: 'visible', timeout: 60_000 });
    const launcherMs = Date.now() - started;
    await settle(page);
    const usableMs = await openUntilUsable(page);
    // Reported, not judged (README): a throttled time on a shared machine is no pass/fail number.
    console.log(
      `throttled: launcher after ${launcherMs} ms; text box usable ${usableMs} ms after the click`,
    );
    await context.close();
  });
});
