import { preprocess, type Language } from '@/lib/nlp';

/**
 * Question and helper words tell intents apart ("where" vs "how") but say nothing about which
 * article answers, so retrieval drops them; so do light verbs ("can the mugs go in the dishwasher").
 */
const NOT_TOPICAL = new Set(
  (
    'how what why where when which who whom whose can could would should will shall may might must ' +
    'get got make take up out off more still too only same over under few much many long not no nor ' +
    'never cannot without again before after do does did done please want need like know tell ' +
    'go goes going put use let keep give come thing things anything something ' +
    // The same in Chinese, which natural's Chinese stopwords mostly keep: with them "积分怎么用"
    // matched the points article on one word of three and was never answered.
    '怎么 怎么样 怎样 如何 为什么 为何 怎么办 可以 可不可以 能 能不能 能否 可否 是否 是不是 什么 啥 ' +
    '多少 多久 哪里 哪儿 哪个 哪些 用 有没有 没有 要 想 需要 请问 请 一下 还能 你们 我们 您 你 ' +
    '我的 你的 这个 那个 就 都 也 又 弄 办 帮 帮我'
  ).split(' '),
);

/** Stemmed topical words, as the sparse (BM25) index sees a text. */
export function retrievalTerms(text: string, language: Language): string[] {
  const steps = preprocess(text, language);
  return steps.withoutStopwords
    .map((word, i) => (NOT_TOPICAL.has(word) ? null : steps.stems[i]))
    .filter((term): term is string => term !== null);
}
