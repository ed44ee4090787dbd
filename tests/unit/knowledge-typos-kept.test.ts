import { beforeEach, expect, it, vi } from 'vitest';

// An unknown query term is compared with the whole vocabulary once per index: the same unknown
// word in later messages ("bench", a product name the articles do not use) costs a lookup.
const compared = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/lib/nlp', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/nlp')>();
  return {
    ...original,
    typoDistance: (...args: Parameters<typeof original.typoDistance>) => {
      compared.count += 1;
      return original.typoDistance(...args);
    },
  };
});

const { Bm25Index } = await import('@/lib/knowledge/bm25');
const { correctTypos } = await import('@/lib/knowledge/typos');

const build = () =>
  new Bm25Index([
    ['warranty', 'furniture', 'defect'],
    ['gift', 'wrap', 'paypal', 'warranty'],
  ]);

beforeEach(() => {
  compared.count = 0;
});

it('corrects an unknown term once per index, the same way every time', () => {
  const index = build();
  const query = ['warrenti', 'furnitre', 'bench', 'gift'];
  const corrected = ['warranty', 'furniture', 'bench', 'gift'];
  expect(correctTypos(query, index)).toEqual(corrected);
  const once = compared.count;
  expect(once).toBeGreaterThan(0);
  expect(correctTypos(query, index)).toEqual(corrected);
  expect(correctTypos(['bench', 'warrenti'], index)).toEqual(['bench', 'warranty']);
  expect(compared.count).toBe(once);
  // A new index (the site's articles changed) is asked again.
  expect(correctTypos(query, build())).toEqual(corrected);
  expect(compared.count).toBe(2 * once);
});
