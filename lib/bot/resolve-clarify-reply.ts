/**
 * Which of the options the bot offered ("did you mean A or B?") the visitor's reply picks: by
 * position ("the first one", "2", "第二个"), by agreeing ("yes", "是的": the first offered), or by
 * naming it ("B", its label). Null when the reply picks none, or could mean several.
 */
export function resolveClarifyReply(reply: string, labels: readonly string[]): number | null {
  if (labels.length === 0) return null;
  const text = normalize(reply);
  if (!text) return null;

  const named = labels.map(normalize).flatMap((label, index) => (label === text ? [index] : []));
  if (named.length === 1) return named[0];

  const position = pickedPosition(text, labels.length);
  if (position !== null) return position < labels.length ? position : null;

  // "B please", "I meant opening hours": the reply contains exactly one label.
  const mentioned = labels
    .map(normalize)
    .flatMap((label, index) => (label.length >= 2 && contains(text, label) ? [index] : []));
  return mentioned.length === 1 ? mentioned[0] : null;
}

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whole words in alphabetic scripts; anywhere in Chinese, which has no spaces. */
function contains(text: string, label: string): boolean {
  if (/\p{Script=Han}/u.test(label)) return text.includes(label);
  return ` ${text} `.includes(` ${label} `);
}

const ENGLISH_FILLER = new Set(
  'yes i mean meant want pick choose take go with for the a option choice number no its it s is that this one please thanks thank you ok okay'.split(
    ' ',
  ),
);
const ENGLISH_POSITION: Record<string, number | 'last'> = {
  first: 0,
  '1st': 0,
  '1': 0,
  former: 0,
  top: 0,
  second: 1,
  '2nd': 1,
  '2': 1,
  two: 1,
  latter: 1,
  third: 2,
  '3rd': 2,
  '3': 2,
  three: 2,
  last: 'last',
  bottom: 'last',
};
const ENGLISH_YES =
  /^(?:yes|yeah|yep|yup|sure|correct|right|exactly|that s it|that s right|yes please|ok yes|y)$/;

const CHINESE_POSITION: [RegExp, number | 'last'][] = [
  [/^(?:第一|一|1|前者|前面一?|上面一?|头一)$/, 0],
  [/^(?:第二|二|2|后者|后面一?|下面一?)$/, 1],
  [/^(?:第三|三|3)$/, 2],
  [/^最后一?$/, 'last'],
];
const CHINESE_FILLER_BEFORE = /^(?:我(?:要|选|想要|想问|是说|说的是)?|选|要|就|是|就是)+/;
const CHINESE_FILLER_AFTER = /(?:个|项|种|那个|这个|吧|啊|呀|呢|的|了|哦|嗯)+$/;
const CHINESE_YES = /^(?:是|是的|对|对的|嗯|嗯嗯|好|好的|没错|对呀|是啊|对啊|就是它|就是这个)$/;

/** 0-based position the reply names, or null. */
function pickedPosition(text: string, count: number): number | null {
  if (ENGLISH_YES.test(text) || CHINESE_YES.test(text.replace(/\s/g, ''))) return 0;

  const words = text.split(' ').filter((word) => !ENGLISH_FILLER.has(word) || word === 'one');
  // "one" is an ordinal only on its own ("one"), a filler in "the first one".
  const meaningful = words.length > 1 ? words.filter((word) => word !== 'one') : words;
  if (meaningful.length === 1) {
    const position = meaningful[0] === 'one' ? 0 : ENGLISH_POSITION[meaningful[0]];
    if (position !== undefined) return position === 'last' ? count - 1 : position;
  }

  const chinese = text
    .replace(/\s/g, '')
    .replace(CHINESE_FILLER_BEFORE, '')
    .replace(CHINESE_FILLER_AFTER, '');
  for (const [pattern, position] of CHINESE_POSITION) {
    if (pattern.test(chinese)) return position === 'last' ? count - 1 : position;
  }
  return null;
}
