import Bowser from 'bowser';

/**
 * "Chrome 131 on macOS 10.15, desktop" from a user-agent string, with bowser (a maintained parser);
 * null when the string says nothing it knows.
 */
export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const { browser, os, platform } = Bowser.parse(userAgent);
  const name = [browser.name, browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const system = [os.name, os.versionName ?? os.version].filter(Boolean).join(' ');
  const parts = [name, system && `on ${system}`].filter(Boolean).join(' ');
  if (!parts) return null;
  return platform.type ? `${parts}, ${platform.type}` : parts;
}
