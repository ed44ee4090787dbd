import { afterAll, expect, it } from 'vitest';
import { sendInChat, startWidgetHost, type WidgetHost } from '../helpers/widget-host';

const hostPage = (appUrl: string) => `<!doctype html><html lang="en"><body><h1>A shop</h1>
<script src="${appUrl}/widget.js" data-site-key="demo-site" async></script></body></html>`;

let host: WidgetHost | undefined;
afterAll(() => host?.close());

// Chromium keeps a connection it opened and has not used yet; the server counted it as busy until
// its headers timed out, and the shutdown ended in the forced exit (code 1, 15 s).
it('drains and exits on SIGTERM while a visitor has the chat open', async () => {
  // The chat's open connections are closed after 1 s rather than 5 s.
  host = await startWidgetHost(hostPage, undefined, { HTTP_DRAIN_MS: '1000' });
  const page = await (await host.browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(host.hostUrl);
  const launcher = page.locator('[data-hearth] button');
  await launcher.waitFor({ timeout: 30_000 });
  await launcher.click();
  const frame = page.frameLocator('[data-hearth] iframe');
  const input = frame.getByLabel('Your message');
  await input.waitFor({ timeout: 30_000 });
  await frame.getByText('Connecting…').waitFor({ state: 'hidden', timeout: 30_000 });
  await sendInChat(input, 'how long is standard delivery');
  await frame.locator('li[data-sender="bot"]').first().waitFor({ timeout: 30_000 });

  const started = Date.now();
  const code = await host.app.stop();
  expect(code).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(host.app.output()).toContain('SIGTERM: shutting down');
}, 180_000);
