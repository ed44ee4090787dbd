import { describe, expect, it } from 'vitest';
import { countOf } from '@/components/ui/count';

describe('counts in the admin', () => {
  it('puts the noun in the number the count needs', () => {
    expect(countOf(1, 'chunk')).toBe('1 chunk');
    expect(countOf(0, 'chunk')).toBe('0 chunks');
    expect(countOf(3, 'rating')).toBe('3 ratings');
    expect(countOf(1, 'new entity', 'new entities')).toBe('1 new entity');
    expect(countOf(2, 'new entity', 'new entities')).toBe('2 new entities');
  });
});
