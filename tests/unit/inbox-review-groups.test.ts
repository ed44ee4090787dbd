import { describe, expect, it } from 'vitest';
import { groupReviewItems } from '@/lib/conversations/group-review-items';
import type { ReviewItem } from '@/lib/schemas/inbox';

const item = (
  messageId: string,
  body: string,
  siteId = 's1',
  botIntent: string | null = null,
  botConfidence = 0.6,
): ReviewItem => ({
  messageId,
  conversationId: `c${messageId}`,
  siteId,
  body,
  createdAt: '2026-01-01T00:00:00.000Z',
  botIntent,
  botConfidence,
});

const ids = (groups: ReturnType<typeof groupReviewItems>) =>
  groups.map((group) => group.items.map((i) => i.messageId).sort());

describe('review queue grouping', () => {
  const items = [
    item('1', 'I want a refund for my order', 's1', 'refund'),
    item('2', 'i want a refund for the order please', 's1', 'refund'),
    item('3', 'want refund for my ordr', 's1', null),
    item('4', 'what time do you open on sunday', 's1', 'opening_hours'),
    item('5', 'do you ship to japan', 's1'),
    item('6', 'do you ship to norway', 's1'),
    item('7', 'asdf', 's1'),
  ];

  it('puts messages that say the same thing together, biggest group first, whatever the order', () => {
    const expected = [['1', '2', '3'], ['5', '6'], ['4'], ['7']];
    for (const order of [
      items,
      [...items].reverse(),
      [items[2], items[6], items[0], items[5], items[1], items[3], items[4]],
    ]) {
      const groups = groupReviewItems(order, () => 'en');
      expect(ids(groups).slice(0, 2)).toEqual(expected.slice(0, 2));
      expect(ids(groups).slice(2).sort()).toEqual(expected.slice(2).sort());
    }
  });

  it('suggests the intent the bot guessed most in the group', () => {
    expect(groupReviewItems(items, () => 'en')[0].suggestedIntent).toBe('refund');
  });

  it('suggests no label from guesses the bot gave less than even odds', () => {
    const unsure = [
      item('1', 'asdkjh qwe', 's1', 'greeting', 0.15),
      item('2', 'asdkjh qwe!', 's1', 'greeting', 0.2),
    ];
    expect(groupReviewItems(unsure, () => 'en')[0].suggestedIntent).toBeNull();
  });

  it('never mixes sites: their intents differ', () => {
    const groups = groupReviewItems(
      [item('a', 'refund please', 's1'), item('b', 'refund please', 's2')],
      () => 'en',
    );
    expect(groups).toHaveLength(2);
  });

  it('groups Chinese messages too', () => {
    const groups = groupReviewItems(
      [item('z1', '我要退款'), item('z2', '我想退款可以吗'), item('z3', '你们几点开门')],
      () => 'zh',
    );
    expect(ids(groups)[0]).toEqual(['z1', 'z2']);
  });
});
