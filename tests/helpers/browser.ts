import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Debian's Chromium, headless and as root, as every end-to-end test drives it. */
export function launchChromium({ args = [], ...options }: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    ...options,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      ...args,
    ],
  });
}
