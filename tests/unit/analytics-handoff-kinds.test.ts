import { describe, expect, it } from 'vitest';
import { HANDOFF_REASON, handoffKind } from '@/lib/bot/wording';

describe('handoff reasons in the analytics', () => {
  it('counts alike reasons together, one kind per intent, and keeps others as they are', () => {
    expect(handoffKind(HANDOFF_REASON.fallbacks(2))).toBe('Repeated fallbacks');
    expect(handoffKind(HANDOFF_REASON.fallbacks(3))).toBe('Repeated fallbacks');
    // Two intents' reasons share their first 25 characters; they stay apart.
    expect(handoffKind(HANDOFF_REASON.intent('complaint'))).toBe('Intent “complaint”');
    expect(handoffKind(HANDOFF_REASON.intent('human_handoff'))).toBe('Intent “human_handoff”');
    expect(handoffKind(HANDOFF_REASON.requested)).toBe('Asked for a person');
    expect(handoffKind(HANDOFF_REASON.upset)).toBe('Sounded upset');
    expect(handoffKind(null)).toBe('An agent took over');
    expect(handoffKind('The bot failed three times')).toBe('The bot failed three times');
  });
});
