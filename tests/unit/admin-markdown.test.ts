import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownPreview } from '@/components/admin/markdown-preview';

const render = (source: string) => renderToStaticMarkup(createElement(MarkdownPreview, { source }));

describe('article markdown preview', () => {
  it('renders headings, lists, emphasis, code and safe links', () => {
    const html = render(
      '# Returns\n\nSend it back within **30 days** with `code`.\n\n- one\n- two\n\n[policy](https://x.io/p)',
    );
    expect(html).toContain('<h2 class="text-xl font-semibold">Returns</h2>');
    expect(html).toContain('<strong>30 days</strong>');
    expect(html).toContain('<li>one</li><li>two</li>');
    expect(html).toContain('href="https://x.io/p"');
  });

  it('shows HTML in an article as text and drops script links', () => {
    const html = render(
      '<script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('click');
  });
});
