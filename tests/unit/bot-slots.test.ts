import { describe, expect, it } from 'vitest';
import { resolveClarifyReply } from '@/lib/bot/resolve-clarify-reply';
import type { SiteIntent } from '@/lib/bot/site-intents';
import {
  askForMissingSlot,
  continueFromBotState,
  stateAfterAnswer,
  stateAfterReply,
} from '@/lib/bot/continue-conversation';
import { readSlotValue } from '@/lib/bot/slots';
import type { BotTurn } from '@/lib/bot/types';
import type { Understanding } from '@/lib/bot/understand';
import { WORDING } from '@/lib/bot/wording';
import { BotSettingsSchema } from '@/lib/schemas/site';
import type { BotState } from '@/lib/schemas/bot-state';

describe('reading the value the bot asked for', () => {
  it('reads an order number in the site pattern, or a bare code with a digit when one was asked for', () => {
    expect(readSlotValue('it is #AB-12345', 'orderNumber')).toBe('AB-12345');
    expect(readSlotValue('12345678', 'orderNumber')).toBe('12345678');
    expect(readSlotValue('sure, it is x9k22', 'orderNumber')).toBe('X9K22');
    expect(readSlotValue("I don't have it", 'orderNumber')).toBeNull();
    expect(readSlotValue('我的订单号是JN-104522', 'orderNumber')).toBe('JN-104522');
    expect(readSlotValue('订单号：12345678', 'orderNumber')).toBe('12345678');
    expect(readSlotValue('我找不到订单号', 'orderNumber')).toBeNull();
    // Not a date's or an email's digits.
    expect(readSlotValue('I ordered on 2026-03-12', 'orderNumber')).toBeNull();
    expect(readSlotValue('mail me at ann2@example.com', 'orderNumber')).toBeNull();
  });

  it("reads one of the site's own entities by its list values, synonyms, lookups or patterns", () => {
    const definitions = [
      {
        name: 'city',
        values: [{ value: 'Paris', synonyms: ['paname'] }],
        lookup: ['Lyon'],
        patterns: [],
      },
      { name: 'ticket', values: [], lookup: [], patterns: ['TK-\\d{4}'] },
    ];
    expect(readSlotValue('to Paname please', 'city', {}, definitions)).toBe('Paris');
    expect(readSlotValue('lyon', 'city', {}, definitions)).toBe('Lyon');
    expect(readSlotValue('it is tk-1234', 'ticket', {}, definitions)).toBe('tk-1234');
    // Another entity's value is not this one's.
    expect(readSlotValue('TK-1234', 'city', {}, definitions)).toBeNull();
    expect(readSlotValue('Berlin', 'city', {}, definitions)).toBeNull();
    expect(readSlotValue('Paris', 'city')).toBeNull();
  });

  it('reads other entity types only as the extractor finds them', () => {
    expect(readSlotValue('ann@example.com please', 'email')).toBe('ann@example.com');
    expect(readSlotValue('no email, sorry', 'email')).toBeNull();
    expect(readSlotValue('call +1 415 555 0100', 'phone')).toBe('+14155550100');
  });
});

describe('which offered option a reply picks', () => {
  const labels = ['Order status', 'Returns and refunds'];

  it.each([
    ['the first one', 0],
    ['First', 0],
    ['1', 0],
    ['option 2', 1],
    ['the second one please', 1],
    ['2nd', 1],
    ['the last one', 1],
    ['yes', 0],
    ['Yes, the second', 1],
    ['returns and refunds', 1],
    ['I meant order status', 0],
    ['第一个', 0],
    ['第二个', 1],
    ['选第二个吧', 1],
    ['后者', 1],
    ['最后一个', 1],
    ['是的', 0],
    ['对', 0],
  ])('%s → %s', (reply, expected) => {
    expect(resolveClarifyReply(reply, labels)).toBe(expected);
  });

  it.each(['no', 'neither', 'where is my parcel?', 'the third', 'first or second', '第三个', ''])(
    '%s picks nothing',
    (reply) => {
      expect(resolveClarifyReply(reply, labels)).toBeNull();
    },
  );

  it('picks a Chinese label by its text, and a single-letter label by the letter', () => {
    expect(resolveClarifyReply('我想问退货', ['订单查询', '退货'])).toBe(1);
    expect(resolveClarifyReply('B', ['A', 'B'])).toBe(1);
  });
});

describe('continuing from the bot state', () => {
  const orderStatus: SiteIntent = {
    name: 'order_status',
    description: null,
    buttonLabel: null,
    handoff: false,
    rephrase: false,
    quickReplies: [],
    responses: ['Order {orderNumber} is on its way.'],
    slots: [{ entity: 'orderNumber', prompt: 'What is your order number?' }],
    action: null,
  };
  const hours: SiteIntent = { ...orderStatus, name: 'hours', slots: [], responses: ['9 to 5.'] };
  const intents = new Map([
    [orderStatus.name, orderStatus],
    [hours.name, hours],
  ]);
  const asked: BotState = {
    collected: {},
    pendingSlot: { intent: 'order_status', entity: 'orderNumber', asks: 1 },
    offered: [],
  };

  function turn(body: string, botState: BotState, lastSender: 'bot' | 'agent' = 'bot'): BotTurn {
    return {
      site: { id: 's', language: 'en', botSettings: BotSettingsSchema.parse({}) },
      conversation: {
        id: 'c',
        fallbackCount: 0,
        waitingForHuman: false,
        botState,
      },
      visitorMessage: { id: 'm', body },
      history: [
        { sender: 'visitor', body: 'where is my order?', choices: [] },
        { sender: lastSender, body: 'What is your order number?', choices: [] },
      ],
      agentsOnline: true,
      signal: new AbortController().signal,
    };
  }
  function reading(
    intent: string | null,
    decision: Understanding['decision'],
    confidence = 0.3,
  ): Understanding {
    return {
      classification: {
        intent,
        confidence,
        ranking: [],
        decision: decision ?? 'fallback',
        candidates: null,
        entities: [],
      },
      decision,
      entities: [],
    };
  }

  it('fills the slot from the answer and goes on with the waiting intent', () => {
    const next = continueFromBotState(
      turn('it is 55512345', asked),
      intents,
      reading(null, 'fallback'),
    );
    expect('understanding' in next && next.understanding.classification?.intent).toBe(
      'order_status',
    );
    if (!('understanding' in next)) throw new Error('expected a reading');
    expect(next.understanding.decision).toBe('answer');
    // Certain: an article cannot outbid the intent the visitor is answering for.
    expect(next.understanding.classification?.confidence).toBe(1);
    expect(next.understanding.entities[0]).toMatchObject({
      type: 'orderNumber',
      value: '55512345',
    });
    expect(next.botState).toEqual({
      collected: { orderNumber: '55512345' },
      pendingSlot: null,
      offered: [],
    });
  });

  it('asks again once, then gives up and offers a person', () => {
    const again = continueFromBotState(turn('hmm', asked), intents, reading(null, 'fallback'));
    if (!('reply' in again)) throw new Error('expected the bot to ask again');
    expect(again.reply.text).toBe(`${WORDING.en.slotNotFound} What is your order number?`);
    expect(again.reply.botState?.pendingSlot?.asks).toBe(2);

    const givenUp = continueFromBotState(
      turn('no idea', again.reply.botState!),
      intents,
      reading(null, 'fallback'),
    );
    if (!('reply' in givenUp)) throw new Error('expected the bot to give up');
    expect(givenUp.reply.decision).toBe('fallback');
    expect(givenUp.reply.text).toBe(`${WORDING.en.slotGaveUp} ${WORDING.en.offerHuman}`);
    expect(givenUp.reply.choices).toEqual([{ label: WORDING.en.talkToHuman, action: 'human' }]);
    expect(givenUp.reply.botState?.pendingSlot).toBeNull();
  });

  it('drops the question when the visitor confidently asks something else, or asks for a person', () => {
    const moved = continueFromBotState(
      turn('when are you open?', asked),
      intents,
      reading('hours', 'answer', 0.95),
    );
    expect('understanding' in moved && moved.understanding.classification?.intent).toBe('hours');
    expect('understanding' in moved && moved.botState.pendingSlot).toBeNull();
    const human = continueFromBotState(
      turn('talk to a human', asked),
      intents,
      reading(null, 'fallback'),
    );
    expect('understanding' in human).toBe(true);
  });

  it('keeps asking when the reply only loosely sounds like another intent', () => {
    const next = continueFromBotState(
      turn('i cannot find it', asked),
      intents,
      reading('hours', 'answer', 0.5),
    );
    expect('reply' in next && next.reply.text).toBe(
      `${WORDING.en.slotNotFound} What is your order number?`,
    );
  });

  it('forgets a question an agent answered after it', () => {
    const next = continueFromBotState(
      turn('hmm', asked, 'agent'),
      intents,
      reading(null, 'fallback'),
    );
    expect('understanding' in next && next.understanding.decision).toBe('fallback');
  });

  it('answers the offered intent the visitor picks, and remembers what "did you mean" offered', () => {
    const clarified = stateAfterReply(turn('x', { ...asked, pendingSlot: null }), {
      decision: 'clarify',
      text: 'Did you mean one of these?',
      choices: [
        { label: 'Order status', intent: 'order_status' },
        { label: 'Opening hours', intent: 'hours' },
        { label: 'Talk to a human', action: 'human' },
      ],
      citations: [],
    });
    expect(clarified.offered).toEqual([
      { intent: 'order_status', label: 'Order status' },
      { intent: 'hours', label: 'Opening hours' },
    ]);
    const picked = continueFromBotState(
      turn('第二个', clarified),
      intents,
      reading(null, 'fallback'),
    );
    expect('understanding' in picked && picked.understanding.classification?.intent).toBe('hours');
    expect('understanding' in picked && picked.understanding.decision).toBe('answer');
  });

  it("asks for one of the site's own entities, fills it from the answer, and keeps it", () => {
    const city = {
      name: 'city',
      values: [{ value: 'Paris', synonyms: ['paname'] }],
      lookup: [],
      patterns: [],
    };
    const delivery: SiteIntent = {
      ...orderStatus,
      name: 'delivery',
      responses: ['We deliver to {city} on Mondays.'],
      slots: [{ entity: 'city', prompt: 'Which city?' }],
    };
    const withDelivery = new Map([...intents, [delivery.name, delivery]]);
    const read = { ...reading('delivery', 'answer', 0.9), entityDefinitions: [city] };
    const question = askForMissingSlot(delivery, read, { ...asked, pendingSlot: null });
    expect(question).toEqual({
      text: 'Which city?',
      botState: {
        collected: {},
        pendingSlot: { intent: 'delivery', entity: 'city', asks: 1 },
        offered: [],
      },
    });
    const answered = continueFromBotState(turn('to paname', question!.botState!), withDelivery, {
      ...reading(null, 'fallback'),
      entityDefinitions: [city],
    });
    if (!('understanding' in answered)) throw new Error('expected a reading');
    expect(answered.understanding.classification?.intent).toBe('delivery');
    expect(answered.understanding.customEntities?.[0]).toMatchObject({
      type: 'city',
      value: 'Paris',
      via: 'collected',
    });
    expect(answered.botState.collected).toEqual({ city: 'Paris' });
    // Answered, it is not asked again: the collected value counts as given.
    expect(askForMissingSlot(delivery, answered.understanding, answered.botState)).toBeNull();
    expect(stateAfterAnswer(delivery, answered.understanding, answered.botState).collected).toEqual(
      { city: 'Paris' },
    );
    // A city found in the message itself needs no question either.
    const found = {
      ...read,
      customEntities: [
        { type: 'city', text: 'Paris', value: 'Paris', start: 0, end: 5, via: 'list' as const },
      ],
    };
    expect(askForMissingSlot(delivery, found, asked)).toBeNull();
  });

  it('keeps the intents a fallback offered, but not the quick replies under an answer', () => {
    const choices = [
      { label: 'Order status', intent: 'order_status' },
      { label: 'Talk to a human', action: 'human' as const },
    ];
    const fresh = turn('x', { ...asked, pendingSlot: null });
    const reply = { text: '', choices, citations: [] };
    expect(stateAfterReply(fresh, { ...reply, decision: 'fallback' }).offered).toEqual([
      { intent: 'order_status', label: 'Order status' },
    ]);
    expect(stateAfterReply(fresh, { ...reply, decision: 'answer' }).offered).toEqual([]);
  });
});
