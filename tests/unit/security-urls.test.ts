import { describe, expect, it } from 'vitest';
import { ArticleInputSchema } from '@/lib/knowledge/schemas';
import { VisitorSessionRequestSchema } from '@/lib/schemas/events';
import { CitationSchema } from '@/lib/schemas/message';
import { WidgetSettingsSchema } from '@/lib/schemas/site';

const HOSTILE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  'file:///etc/passwd',
  '//evil.example/x',
  '/\\evil.example',
];

describe('URLs that enter the product', () => {
  it("take only http(s) for the visitor's page", () => {
    const session = (currentUrl: string) =>
      VisitorSessionRequestSchema.safeParse({
        siteKey: 'k',
        hostOrigin: 'https://a.b',
        currentUrl,
      });
    expect(session('https://shop.example/cart?x=1').success).toBe(true);
    for (const url of [...HOSTILE, '/relative']) expect(session(url).success).toBe(false);
  });

  it('take http(s) or a path on the site for citations and article sources', () => {
    const citation = (url: string) =>
      CitationSchema.safeParse({ articleId: 'a', title: 'T', url }).success;
    const article = (url: string) =>
      ArticleInputSchema.safeParse({ title: 'T', body: 'B', url }).success;
    for (const ok of ['https://help.example/returns', '/help/returns']) {
      expect(citation(ok)).toBe(true);
      expect(article(ok)).toBe(true);
    }
    for (const url of HOSTILE) {
      expect(citation(url)).toBe(false);
      expect(article(url)).toBe(false);
    }
  });

  it('take only http(s) for the widget avatar', () => {
    const avatar = (avatarUrl: string) => WidgetSettingsSchema.safeParse({ avatarUrl }).success;
    expect(avatar('https://cdn.example/a.png')).toBe(true);
    for (const url of [...HOSTILE, '/a.png']) expect(avatar(url)).toBe(false);
  });
});
