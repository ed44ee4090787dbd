import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { botAnswers } from '@/lib/bot/bot-answers';
import { pickedChoice, quickReplyChoices } from '@/lib/bot/choices';
import { humanAvailability, humanChoice } from '@/lib/bot/handoff';
import { upsetness } from '@/lib/bot/sentiment';
import { intentLabel } from '@/lib/bot/intent-label';
import type { SiteIntent } from '@/lib/bot/site-intents';
import type { BotTurn } from '@/lib/bot/types';
import type { Choice } from '@/lib/schemas/message';
import { BotSettingsSchema, type SiteLanguage } from '@/lib/schemas/site';

function complaints(language: SiteLanguage): string[] {
  return readFileSync(`tests/fixtures/complaints.${language}.txt`, 'utf8')
    .split('\n')
    .filter((line) => line.trim());
}

// Questions with a problem in them, asked calmly: none of them is for a person.
const NEUTRAL: [string, SiteLanguage][] = [
  ['I lost my card', 'en'],
  ['cancel alarm', 'en'],
  ['Why is my withdrawal still pending?', 'en'],
  ['My parcel still has not arrived, can you check?', 'en'],
  ['I want to cancel my order', 'en'],
  ['How do I close my account?', 'en'],
  ['There is a payment I do not recognise, is it fraud?', 'en'],
  ['Can I get a refund for a damaged item?', 'en'],
  ['The code does not work, what should I do?', 'en'],
  ['I was charged twice for the same order', 'en'],
  ['How many times can I change my delivery date?', 'en'],
  ['tell me a joke', 'en'],
  ['Can I switch to a different currency?', 'en'],
  ['what happens if my card is stolen', 'en'],
  ['我的快递还没到，能帮我查一下吗', 'zh'],
  ['怎么取消订单', 'zh'],
  ['我想退款', 'zh'],
  ['垃圾分类怎么做', 'zh'],
  ['帮我找妈妈的电话号码', 'zh'],
  ['下载愤怒的小鸟', 'zh'],
  ['操作步骤是什么', 'zh'],
];

describe('the upset-visitor check', () => {
  it('catches at least 90% of the complaints we wrote, in English and Chinese', () => {
    for (const language of ['en', 'zh'] as const) {
      const lines = complaints(language);
      expect(lines.length).toBeGreaterThanOrEqual(100);
      const caught = lines.filter((line) => upsetness(line, language) !== 'calm').length;
      expect(caught / lines.length).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('leaves calm questions about problems to the bot', () => {
    const flagged = NEUTRAL.filter(([text, language]) => upsetness(text, language) !== 'calm');
    expect(flagged).toEqual([]);
  });

  it('reads a Chinese complaint on an English site', () => {
    expect(upsetness('你们的服务太差了', 'en')).toBe('upset');
    expect(upsetness('我要投诉', 'en')).toBe('upset');
  });
});

const intent = (name: string, extra: Partial<SiteIntent> = {}): SiteIntent => ({
  name,
  description: null,
  buttonLabel: null,
  handoff: false,
  rephrase: false,
  quickReplies: [],
  responses: ['ok'],
  slots: [],
  action: null,
  ...extra,
});

function turn(
  body: string,
  options: Partial<BotTurn> & { offered?: Choice[]; choice?: Choice } = {},
) {
  const { offered = [], choice, ...rest } = options;
  return {
    site: { id: 's', language: 'en', botSettings: BotSettingsSchema.parse({}) },
    conversation: { id: 'c', fallbackCount: 0 },
    visitorMessage: { id: 'm', body, choice },
    history: [
      { sender: 'visitor', body: 'hello' },
      { sender: 'bot', body: 'Did you mean one of these?', choices: offered },
    ],
    signal: new AbortController().signal,
    ...rest,
  } satisfies BotTurn;
}

describe('choices', () => {
  const offered: Choice[] = [
    { label: 'Business info', intent: 'business_info' },
    { label: 'Talk to a human', action: 'human' },
  ];

  it('acts on a clicked choice only when the last bot message offered it', () => {
    const clicked = offered[0];
    expect(pickedChoice(turn('Business info', { offered, choice: clicked }))).toEqual(clicked);
    const forged = { label: 'Business info', intent: 'refund_everything' };
    expect(pickedChoice(turn('Business info', { offered, choice: forged }))).toEqual(clicked);
    expect(
      pickedChoice(turn('Refund', { offered, choice: { label: 'Refund', intent: 'x' } })),
    ).toBeNull();
  });

  it('maps typed text equal to an offered label to that choice', () => {
    expect(pickedChoice(turn('  business INFO ', { offered }))).toEqual(offered[0]);
    expect(pickedChoice(turn('business info please', { offered }))).toBeNull();
  });

  it('labels intents as the admin wants, never with the raw name', () => {
    expect(intentLabel(intent('business_info'))).toBe('Business info');
    expect(intentLabel(intent('business_info', { buttonLabel: 'Opening hours & address' }))).toBe(
      'Opening hours & address',
    );
  });

  it("points an admin's quick reply that names another intent at that intent", () => {
    const intents = new Map([
      ['returns', intent('returns', { buttonLabel: 'Send something back' })],
      ['shipping', intent('shipping')],
    ]);
    expect(quickReplyChoices(['returns', 'Shipping', 'Thanks!'], intents)).toEqual([
      { label: 'Send something back', intent: 'returns' },
      { label: 'Shipping', intent: 'shipping' },
      { label: 'Thanks!' },
    ]);
  });
});

describe('handoff', () => {
  it('keeps the bot answering while the visitor waits for a person nobody has taken', () => {
    expect(botAnswers({ status: 'bot', assigneeId: null })).toBe(true);
    expect(botAnswers({ status: 'open', assigneeId: null })).toBe(true);
    expect(botAnswers({ status: 'open', assigneeId: 'agent' })).toBe(false);
    expect(botAnswers({ status: 'resolved', assigneeId: null })).toBe(false);
    expect(botAnswers({ status: 'pending', assigneeId: null })).toBe(false);
  });

  it('never says "connecting you" while nobody is online', () => {
    const offline = turn('human', { agentsOnline: false });
    // The widget's offline panel says nobody is online and asks for an email; the bot does not repeat it.
    expect(humanAvailability(offline)).toBe(
      "Until someone from our team gets back to you, I'm happy to answer what I can.",
    );
    expect(humanChoice(offline)).toEqual([{ label: 'Leave my email', action: 'human' }]);
    const waitingOffline = turn('human', {
      agentsOnline: false,
      conversation: { id: 'c', fallbackCount: 0, waitingForHuman: true },
    });
    expect(humanAvailability(waitingOffline)).toBe(humanAvailability(offline));
    expect(humanChoice(waitingOffline)).toEqual([]);
    const waiting = turn('human', {
      agentsOnline: true,
      conversation: { id: 'c', fallbackCount: 0, waitingForHuman: true },
    });
    expect(humanAvailability(waiting)).toMatch(/in the queue/);
    expect(humanAvailability(turn('human', { agentsOnline: true }))).toMatch(/connecting you/);
  });
});
