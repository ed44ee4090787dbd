import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// libphonenumber is asked only about messages that could hold a number (enough digits), and once
// per text and country: a turn reads its conversation's earlier visitor messages again.
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('libphonenumber-js/max', async (importOriginal) => {
  const original = await importOriginal<typeof import('libphonenumber-js/max')>();
  return {
    ...original,
    findPhoneNumbersInText: (...args: Parameters<typeof original.findPhoneNumbersInText>) => {
      reads.count += 1;
      return original.findPhoneNumbersInText(...args);
    },
  };
});

const { extractEntities, PHONE_MIN_DIGITS } = await import('@/lib/nlp/entities');

const phones = (text: string, phoneCountry?: string) =>
  extractEntities(text, { phoneCountry, now: new Date('2025-03-10T15:00:00Z') })
    .filter((entity) => entity.type === 'phone')
    .map((entity) => entity.value);

beforeEach(() => {
  reads.count = 0;
});

describe('phone numbers', () => {
  it('no country plan has a valid number shorter than the digits a message needs', () => {
    const metadata = createRequire(import.meta.url)('libphonenumber-js/metadata.max.json') as {
      countries: Record<string, unknown[]>;
      nonGeographic?: Record<string, unknown[]>;
    };
    const plans = [
      ...Object.values(metadata.countries),
      ...Object.values(metadata.nonGeographic ?? {}),
    ];
    const shortest = Math.min(
      ...plans.flatMap((plan) => (Array.isArray(plan[3]) ? (plan[3] as number[]) : [])),
    );
    expect(shortest).toBeGreaterThanOrEqual(PHONE_MIN_DIGITS);
    // The shortest plans still read: Niue's four-digit numbers.
    expect(phones('call 4002 please', 'NU')).toEqual(['+6834002']);
    expect(phones('call ٤٠٠٢ please', 'NU')).toEqual(['+6834002']);
  });

  it('does not ask libphonenumber about a message with fewer digits', () => {
    expect(phones('bench 3', 'US')).toEqual([]);
    expect(phones('I am 42 and have 3 cards', 'US')).toEqual([]);
    expect(reads.count).toBe(0);
    expect(phones('call (415) 555-2671', 'US')).toEqual(['+14155552671']);
    expect(reads.count).toBe(1);
  });

  it('reads a text once per country, the same numbers each time', () => {
    const text = 'call +44 20 7946 0958 or (415) 555-2671 (12.3)';
    expect(phones(text)).toEqual(['+442079460958']);
    expect(phones(text)).toEqual(['+442079460958']);
    expect(reads.count).toBe(1);
    expect(phones(text, 'US')).toEqual(['+442079460958', '+14155552671']);
    expect(phones(text, 'US')).toEqual(['+442079460958', '+14155552671']);
    expect(reads.count).toBe(2);
  });
});
