// The knowledge-base question sets (tests/fixtures/kb-questions.*.json) and how a bot reply to one is judged.
import { z } from 'zod';
import type { BotReply } from '@/lib/bot';

export const KbQuestionSchema = z.object({
  question: z.string().min(1),
  /** The article that answers it (title); null when no article does. */
  article: z.string().nullable(),
  /** A demo intent whose fixed response also answers it. */
  intent: z.string().optional(),
});
export type KbQuestion = z.infer<typeof KbQuestionSchema>;
export const KbQuestionsSchema = z.array(KbQuestionSchema);

export type KbOutcome = 'correct' | 'wrong' | 'deferred' | 'declined' | 'answeredWrongly';

/**
 * A question is answerable when an article or an intent's response answers it. An answer citing the
 * question's article, or given by its intent, is correct; any other answer is wrong (or, to an
 * unanswerable question, answered wrongly). Clarify, fallback and handoff are deferred (declined).
 */
export function judgeReply(
  question: KbQuestion,
  reply: Pick<BotReply, 'decision' | 'intent' | 'citations'>,
): KbOutcome {
  const answerable = question.article !== null || question.intent !== undefined;
  if (reply.decision !== 'answer') return answerable ? 'deferred' : 'declined';
  if (!answerable) return 'answeredWrongly';
  const cited = reply.citations[0]?.title;
  const right = cited !== undefined ? cited === question.article : reply.intent === question.intent;
  return right ? 'correct' : 'wrong';
}

/** The bench's last line. */
export function tallyOutcomes(outcomes: KbOutcome[]) {
  const count = (outcome: KbOutcome) => outcomes.filter((each) => each === outcome).length;
  return {
    answerable: count('correct') + count('wrong') + count('deferred'),
    correct: count('correct'),
    wrong: count('wrong'),
    deferred: count('deferred'),
    unanswerable: count('declined') + count('answeredWrongly'),
    declined: count('declined'),
    answeredWrongly: count('answeredWrongly'),
  };
}

/** How visitors wrap a question: a greeting before it, or a thanks after it. */
export const COURTESY = {
  en: {
    greeting: ['hi, ', 'Hello! ', 'hey there, ', 'Hi. ', 'good morning, '],
    thanks: [' thanks!', ', thank you', ' thx'],
  },
  zh: {
    greeting: ['你好，', '您好！', '在吗？', '哈喽，', '你好 '],
    thanks: ['，谢谢！', ' 谢谢', '，多谢'],
  },
} as const;
export type Courtesy = keyof (typeof COURTESY)['en'];

/** The questions as visitors often write them: each with a greeting before it (or a thanks after). */
export function withCourtesy(
  questions: readonly KbQuestion[],
  courtesy: Courtesy,
  language: keyof typeof COURTESY,
): KbQuestion[] {
  const phrases = COURTESY[language][courtesy];
  return questions.map((question, i) => {
    const phrase = phrases[i % phrases.length];
    const text = courtesy === 'greeting' ? phrase + question.question : question.question + phrase;
    return { ...question, question: text };
  });
}
