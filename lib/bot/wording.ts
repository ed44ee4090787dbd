import type { SiteLanguage } from '@/lib/schemas/site';
import { EUROPEAN_WORDING } from './wording-european';

/** Everything the bot says in its own words (not from intents or articles), per site language. */
export const WORDING = {
  en: {
    noAnswer: "Sorry, I don't know the answer to that.",
    pickOne: 'Did you mean one of these?',
    talkToHuman: 'Talk to a human',
    leaveEmail: 'Leave my email',
    quoteIntro: (title: string) => `Here is what our help article "${title}" says:`,
    stillNoAnswer: "Sorry, I'm still not able to help with that.",
    offerHuman: 'Would you like to talk to a member of our team?',
    offerEmail:
      "Nobody from our team is online right now, but you can leave your email and we'll get back to you.",
    handoffRequested: 'Sure.',
    handoffUpset: "I'm sorry about this.",
    // Where the visitor stands with the team: never "connecting you" while nobody is online.
    // With nobody online the widget's offline panel says so and asks for an email; the bot only adds that it keeps helping.
    connecting: "I'm connecting you with a member of our team.",
    inQueue:
      "You're in the queue: a member of our team will be with you shortly. Meanwhile, I'm happy to answer what I can.",
    nobodyOnline: "Until someone from our team gets back to you, I'm happy to answer what I can.",
    slotNotFound: "Sorry, I couldn't find that in your message.",
    slotGaveUp: "Sorry, I still couldn't find it, so I can't help with this here.",
    actionFailed: "Sorry, I couldn't check that right now.",
  },
  zh: {
    noAnswer: '抱歉，我不知道这个问题的答案。',
    pickOne: '您是想问以下哪一个？',
    talkToHuman: '转人工客服',
    leaveEmail: '留下邮箱',
    quoteIntro: (title: string) => `我们的帮助文章《${title}》中写道：`,
    stillNoAnswer: '抱歉，这个问题我还是无法解答。',
    offerHuman: '需要为您转接人工客服吗？',
    offerEmail: '目前没有客服在线，您可以留下邮箱，我们会尽快回复您。',
    handoffRequested: '好的。',
    handoffUpset: '非常抱歉给您带来不便。',
    connecting: '正在为您转接人工客服。',
    inQueue: '您已在排队中，客服很快就会为您服务。在此期间，我可以继续回答您的问题。',
    nobodyOnline: '在客服回复您之前，我可以继续回答您的问题。',
    slotNotFound: '抱歉，我没有在您的消息中找到。',
    slotGaveUp: '抱歉，我还是没有找到，暂时无法在这里处理。',
    actionFailed: '抱歉，我现在无法查询这个信息。',
  },
  ...EUROPEAN_WORDING,
} satisfies Record<SiteLanguage, unknown>;

export type Wording = (typeof WORDING)['en'];

/** Handoff reasons, shown to agents in the inbox. */
export const HANDOFF_REASON = {
  requested: 'The visitor asked for a human',
  intent: (intent: string) => `The visitor's message matched "${intent}", which goes to a human`,
  upset: 'The visitor sounds upset',
  fallbacks: (count: number) => `The bot could not answer ${count} times in a row`,
} as const;

const MATCHED_INTENT = /^The visitor's message matched "(.+)", which goes to a human$/;
const REPEATED_FALLBACKS = /^The bot could not answer \d+ times in a row$/;

/**
 * The kind of a stored handoff reason, for counting alike reasons together: one kind per intent
 * that goes to a person, repeated fallbacks whatever their number, and any other reason as it is.
 */
export function handoffKind(reason: string | null): string {
  if (reason === null) return 'An agent took over';
  if (reason === HANDOFF_REASON.requested) return 'Asked for a person';
  if (reason === HANDOFF_REASON.upset) return 'Sounded upset';
  if (REPEATED_FALLBACKS.test(reason)) return 'Repeated fallbacks';
  const intent = MATCHED_INTENT.exec(reason)?.[1];
  return intent ? `Intent “${intent}”` : reason;
}
