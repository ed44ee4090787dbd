import type { LauncherAppearance } from '@/lib/schemas/events';
import type { WidgetSettings } from '@/lib/schemas/site';
import type { WidgetStrings } from './strings';

/** What the loader draws before the chat loads: the site's colours and words, in one language. */
export function launcherAppearance(
  settings: WidgetSettings,
  strings: WidgetStrings,
): LauncherAppearance {
  return {
    color: settings.color,
    textColor: readableOn(settings.color),
    text: settings.launcherText,
    label: strings.openChat,
    title: settings.title,
    position: settings.position,
    unreadOne: strings.unreadOne,
    unreadMany: strings.unreadMany,
  };
}

/** Black or white, whichever reads better on the site's colour (WCAG relative luminance). */
export function readableOn(hex: string): string {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#111827' : '#ffffff';
}
