import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '@/components/ui/markdown';

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe('markdown (article preview, bot answers in the widget and the inbox)', () => {
  it('renders headings, lists, emphasis, code and safe links', () => {
    const html = render(
      '# Returns\n\nSend it back within **30 days** with `code`.\n\n- one\n- two\n\n[policy](https://x.io/p) [help](/help/returns) [mail](mailto:help@x.io)',
    );
    expect(html).toContain('<h2 class="text-lg font-semibold">Returns</h2>');
    expect(html).toContain('<strong>30 days</strong>');
    expect(html).toMatch(/<li>one<\/li>\s*<li>two<\/li>/);
    expect(html).toContain('href="https://x.io/p"');
    expect(html).toContain('href="/help/returns"');
    expect(html).toContain('href="mailto:help@x.io"');
  });

  it('renders no HTML from the source and drops script, data and off-site relative links', () => {
    const html = render(
      '<script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) [data](data:text/html,hi) [away](//evil.example/x) [slash](/\\evil.example) ![px](javascript:alert(4))',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('data:');
    expect(html).not.toMatch(/href="(\/\/|\/\\|[a-z]+:\/\/evil)/);
    expect(html).not.toContain('<img');
    expect(html).toContain('click');
    expect(html).toContain('away');
  });
});
