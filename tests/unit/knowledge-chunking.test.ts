import { describe, expect, it } from 'vitest';
import { Bm25Index } from '@/lib/knowledge/bm25';
import { articleHash, chunkArticle } from '@/lib/knowledge/chunk-article';
import { markdownToPlainText } from '@/lib/knowledge/plain-text';
import { retrievalTerms } from '@/lib/knowledge/terms';

describe('markdown to plain text', () => {
  it('drops markup and HTML but keeps the words, links as their text', () => {
    expect(
      markdownToPlainText(
        '## Costs\n**Express** shipping costs _$12_. See [our rates](https://x.example/rates).\n\n- Free over $50\n- `EXPRESS` code <script>alert(1)</script>',
      ),
    ).toBe(
      'Costs. Express shipping costs $12. See our rates. Free over $50. EXPRESS code alert(1).',
    );
  });

  it('adds no full stop after a Chinese sentence that already ends', () => {
    expect(
      markdownToPlainText('## 退款时间\n3–5 个工作日内原路退款。\n\n可以退货吗？\n- 运费'),
    ).toBe('退款时间。 3–5 个工作日内原路退款。 可以退货吗？ 运费。');
    expect(
      chunkArticle({ title: '退换货政策', body: '## 退款时间\n3–5 个工作日内原路退款。' })[0].text,
    ).toBe('退款时间：3–5 个工作日内原路退款。');
  });
});

describe('chunking an article', () => {
  const article = {
    title: 'Shipping and delivery',
    body: '# Shipping and delivery\n\nWe ship from Portland.\n\n## Delivery times\nStandard shipping takes 3-5 business days.\n\n## Costs\nExpress shipping costs $12.',
  };

  it('makes one chunk per section, led by its heading (not the title again)', () => {
    expect(chunkArticle(article).map((chunk) => [chunk.position, chunk.text])).toEqual([
      [0, 'We ship from Portland.'],
      [1, 'Delivery times: Standard shipping takes 3-5 business days.'],
      [2, 'Costs: Express shipping costs $12.'],
    ]);
  });

  it('splits long sections at paragraphs and sentences, never above the limit', () => {
    const sentence = 'Our terracotta planters are handmade and every one is slightly different. ';
    const body = `## Planters\n${sentence.repeat(8)}\n\n${sentence.repeat(8)}\n\n${sentence.repeat(20)}`;
    const chunks = chunkArticle({ title: 'Garden', body });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(700);
      expect(chunk.text).toMatch(/^Planters: Our terracotta/);
      expect(chunk.text).toMatch(/different\.$/);
    }
  });

  it('hashes what the indexes see: same text, same hash; a new title changes every chunk', () => {
    const again = chunkArticle({ ...article });
    const renamed = chunkArticle({ ...article, title: 'Delivery' });
    expect(again.map((chunk) => chunk.contentHash)).toEqual(
      chunkArticle(article).map((chunk) => chunk.contentHash),
    );
    renamed.forEach((chunk, i) => expect(chunk.contentHash).not.toBe(again[i].contentHash));
    expect(articleHash(article)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('BM25 scores', () => {
  const documents = [
    'Express shipping costs $12 and takes 1-2 business days',
    'Refunds reach your card 5-7 business days after we receive the item',
    'Gift cards never expire',
  ].map((text) => retrievalTerms(text, 'en'));
  const index = new Bm25Index(documents);

  it('rank the document that holds the query terms first, normalized to 0..1', () => {
    const scores = index.scores(retrievalTerms('How much does express shipping cost?', 'en'));
    expect(scores[0]).toBeGreaterThan(0.8);
    expect(scores[0]).toBeLessThanOrEqual(1);
    expect(scores[1]).toBe(0);
  });

  it('count words no document contains against the match, so off-topic questions score low', () => {
    const onTopic = index.scores(retrievalTerms('do gift cards expire', 'en'))[2];
    const offTopic = index.scores(
      retrievalTerms('do gift cards work for bicycles and scooters', 'en'),
    )[2];
    expect(onTopic).toBeGreaterThan(0.9);
    expect(offTopic).toBeLessThan(onTopic / 2);
  });

  it('ignore question words: they say nothing about which article answers', () => {
    expect(retrievalTerms('Where can I find how to return it?', 'en')).toEqual(['find', 'return']);
    // In Chinese too: "how" and "use" made the points article match one word of three.
    expect(retrievalTerms('积分怎么用', 'zh')).toEqual(['积分']);
    expect(retrievalTerms('请问你们可以寄到香港吗', 'zh')).toEqual(['寄到', '香港']);
  });
});
