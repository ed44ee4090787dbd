import { describe, expect, it } from 'vitest';
import { Bm25Index } from '@/lib/knowledge/bm25';
import { articleWords } from '@/lib/knowledge/chinese-words';

// The words a segmenter gives the articles (电子 发票, 快递 单号).
const index = new Bm25Index([
  ['申请', '电子', '发票', '邮箱'],
  ['快递', '单号', '寄回', '仓库'],
]);

describe('Chinese question words re-cut into the articles’ words', () => {
  it('finds the article word a question was cut across ("开发票" → 开发 + 票)', () => {
    expect(articleWords(['开发', '票'], index)).toEqual(['发票']);
  });

  it('keeps a word the articles never use, so the question still says what they lack', () => {
    expect(articleWords(['快递', '放到', '驿站'], index)).toEqual(['快递', '放到', '驿站']);
    expect(articleWords(['开发', '票', '驿站'], index)).toEqual(['发票', '驿站']);
  });

  it('leaves runs of known words, and words in other scripts, as they are', () => {
    expect(articleWords(['快递', '单号'], index)).toEqual(['快递', '单号']);
    expect(articleWords(['paypal', '开发', '票'], index)).toEqual(['paypal', '发票']);
  });
});
