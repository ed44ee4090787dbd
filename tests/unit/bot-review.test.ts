import { describe, expect, it } from 'vitest';
import { botWasUnsure } from '@/lib/bot/review';

describe('what goes to the review queue', () => {
  it('holds what the bot could not place, not what it recognized', () => {
    expect(botWasUnsure({ decision: 'fallback' })).toBe(true);
    expect(botWasUnsure({ decision: 'clarify', intent: 'shipping' })).toBe(true);
    // Handed over after repeated fallbacks: no intent it was sure of.
    expect(botWasUnsure({ decision: 'handoff' })).toBe(true);
    // "I want to complain" recognized as the complaint intent, which goes to a human.
    expect(botWasUnsure({ decision: 'handoff', intent: 'complaint' })).toBe(false);
    expect(botWasUnsure({ decision: 'answer', intent: 'shipping' })).toBe(false);
  });
});
