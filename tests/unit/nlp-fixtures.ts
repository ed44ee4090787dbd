import type { TrainingExampleInput } from '@/lib/nlp';

/** A small customer-service intent set, varied enough to learn from in milliseconds. */
const TEMPLATES: Record<string, string[]> = {
  greeting: ['hi there', 'hello', 'good morning', 'hey, anyone here?', 'hello, good afternoon'],
  refund: [
    'I want a refund',
    'can I get my money back',
    'refund my purchase please',
    'how do I request a refund',
    'I was charged and want the money returned',
  ],
  order_status: [
    'where is my order',
    'my package has not arrived',
    'track my order',
    'when will my parcel be delivered',
    'order still not here',
  ],
  cancel_order: [
    'cancel my order',
    'I do not want the order anymore, cancel it',
    'please cancel the purchase',
    'stop my order before it ships',
    'how can I cancel an order',
  ],
  talk_to_human: [
    'let me talk to a person',
    'I want a human agent',
    'connect me to support staff',
    'can I speak with someone real',
    'get me a real agent please',
  ],
};
const SUFFIXES = ['', ' please', ' now', ' thanks', ' asap', ' today', ' quickly'];
const OUT_OF_SCOPE = [
  'what is the weather in paris',
  'tell me a joke',
  'who won the football game',
  'how tall is mount everest',
  'play some music',
  'what is the capital of peru',
  'recommend a good movie',
  'how do I bake bread',
  'translate hello into german',
  'what time is it in tokyo',
];

export function customerServiceExamples(
  perIntent = 14,
  withOutOfScope = false,
): TrainingExampleInput[] {
  const examples: TrainingExampleInput[] = [];
  for (const [intent, texts] of Object.entries(TEMPLATES)) {
    for (let i = 0; i < perIntent; i++) {
      examples.push({ intent, text: texts[i % texts.length] + SUFFIXES[i % SUFFIXES.length] });
    }
  }
  if (withOutOfScope) {
    for (const text of OUT_OF_SCOPE) examples.push({ intent: 'oos', text });
  }
  return examples;
}
