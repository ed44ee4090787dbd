import { describe, expect, it } from 'vitest';
import { typoDistance } from '@/lib/nlp';
import { matchCustomEntities, withEntityTerms } from '@/lib/nlp/custom-entities';
import type { CustomEntity } from '@/lib/schemas/entity';

const entities: CustomEntity[] = [
  {
    name: 'account_type',
    values: [
      { value: 'credit', synonyms: ['credit card account', 'credit account'] },
      { value: 'savings', synonyms: ['savings account'] },
    ],
    lookup: [],
    patterns: [],
  },
  { name: 'vendor', values: [], lookup: ['Starbucks', 'Café Central', 'Target'], patterns: [] },
  { name: 'account_number', values: [], lookup: [], patterns: [String.raw`\b\d{10,12}\b`] },
  {
    name: 'producto',
    values: [{ value: 'portátil', synonyms: ['ordenador'] }],
    lookup: [],
    patterns: [],
  },
  { name: 'city', values: [{ value: '北京', synonyms: ['北平'] }], lookup: [], patterns: [] },
];

const found = (text: string) =>
  matchCustomEntities(text, entities).map(({ type, text: written, value, via }) => [
    type,
    written,
    value,
    via,
  ]);

describe('custom entities', () => {
  it('finds list values through their synonyms, longest first', () => {
    expect(found('what is on my Credit Card Account?')).toEqual([
      ['account_type', 'Credit Card Account', 'credit', 'list'],
    ]);
  });

  it('tolerates typos in list values but not in lookups or short words', () => {
    expect(found('balance of my savigns account')).toEqual([
      ['account_type', 'savigns account', 'savings', 'fuzzy'],
    ]);
    expect(found('coffee at Starbuks')).toEqual([]);
    expect(found('coffee at starbucks and cafe central')).toEqual([
      ['vendor', 'starbucks', 'Starbucks', 'lookup'],
      ['vendor', 'cafe central', 'Café Central', 'lookup'],
    ]);
  });

  it('matches regexes and ignores accents, and finds Chinese values without spaces', () => {
    expect(found('send it to 1234567890 now')).toEqual([
      ['account_number', '1234567890', '1234567890', 'regex'],
    ]);
    expect(found('quiero un portatil nuevo')).toEqual([
      ['producto', 'portatil', 'portátil', 'list'],
    ]);
    expect(found('我要去北平')).toEqual([['city', '北平', '北京', 'list']]);
  });

  it('counts a swap of two letters as one typo', () => {
    expect(typoDistance('savigns', 'savings', 2)).toBe(1);
    expect(typoDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('adds one e: term per kind of entity', () => {
    const counts = withEntityTerms(new Map([['w:send', 1]]), ['money', 'person', 'money']);
    expect([...counts]).toEqual([
      ['w:send', 1],
      ['e:money', 1],
      ['e:person', 1],
    ]);
  });
});
