import type { SiteLanguage } from '@/lib/schemas/site';

/** Everything the bot says in its own words (not from intents or articles), per site language. */
export const WORDING = {
  en: {
    noAnswer: "Sorry, I don't know the answer to that.",
    pickOne: 'Did you mean one of these?',
    orHuman: 'I can connect you with a member of our team.',
    talkToHuman: 'Talk to a human',
    quoteIntro: (title: string) => `Here is what our help article "${title}" says:`,
    handoffAfterFallbacks:
      "I'm not able to help with this, so I'm passing you to a member of our team.",
    handoffUpset:
      "I'm sorry about this. I'm passing you to a member of our team who can sort it out.",
    handoffRequested: "Sure, I'm connecting you with a member of our team.",
  },
  zh: {
    noAnswer: '抱歉，我不知道这个问题的答案。',
    pickOne: '您是想问以下哪一个？',
    orHuman: '我也可以为您转接人工客服。',
    talkToHuman: '转人工客服',
    quoteIntro: (title: string) => `我们的帮助文章《${title}》中写道：`,
    handoffAfterFallbacks: '这个问题我暂时无法解答，正在为您转接人工客服。',
    handoffUpset: '非常抱歉给您带来不便，正在为您转接人工客服。',
    handoffRequested: '好的，正在为您转接人工客服。',
  },
} satisfies Record<SiteLanguage, unknown>;

export type Wording = (typeof WORDING)['en'];

/** Handoff reasons, shown to agents in the inbox. */
export const HANDOFF_REASON = {
  requested: 'The visitor asked for a human',
  intent: (intent: string) => `The visitor's message matched "${intent}", which goes to a human`,
  upset: 'The visitor sounds upset',
  fallbacks: (count: number) => `The bot could not answer ${count} times in a row`,
} as const;
