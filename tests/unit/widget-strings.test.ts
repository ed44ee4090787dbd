import { describe, expect, it } from 'vitest';
import { pickLanguage, WIDGET_STRINGS } from '@/components/widget/strings';

describe('widget strings', () => {
  it('say the same things in every language', () => {
    const keys = (value: object): string[] =>
      Object.entries(value).flatMap(([key, inner]) =>
        inner && typeof inner === 'object' ? keys(inner).map((child) => `${key}.${child}`) : [key],
      );
    expect(keys(WIDGET_STRINGS.zh).sort()).toEqual(keys(WIDGET_STRINGS.en).sort());
  });

  it('follow the browser’s preferred language the widget speaks, else the site’s', () => {
    expect(pickLanguage('zh-CN,zh;q=0.9,en;q=0.8', 'en')).toBe('zh');
    expect(pickLanguage('fr-FR,fr;q=0.9,zh-TW;q=0.5,en;q=0.7', 'zh')).toBe('fr');
    expect(pickLanguage('nl-NL,nl;q=0.9,zh-TW;q=0.5,en;q=0.7', 'zh')).toBe('en');
    expect(pickLanguage('en;q=0.2,zh-Hant;q=0.8', 'en')).toBe('zh');
    expect(pickLanguage('de-DE', 'zh')).toBe('de');
    expect(pickLanguage('ja-JP', 'zh')).toBe('zh');
    expect(pickLanguage(null, 'en')).toBe('en');
    expect(pickLanguage('zh;q=0, en', 'zh')).toBe('en');
  });
});
