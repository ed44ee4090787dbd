import type { Passage, Retrieval } from '@/lib/knowledge';
import type { Citation } from '@/lib/schemas/message';
import { generateGrounded } from './generate-grounded';
import { documentsPrompt, limitReply, MAX_REPLY_CHARS } from './guardrails';
import type { BotTurn } from './types';
import { WORDING } from './wording';

/** Passages given to the generator (and cited). */
const MAX_SOURCES = 3;

export interface KnowledgeAnswer {
  text: string;
  citations: Citation[];
  generated: boolean;
}

/**
 * An answer grounded only in the best article's retrieved passages, with the article cited.
 * Without a generator (or when it fails, is busy or strays), the best passage itself, quoted.
 */
export async function answerFromKnowledge(
  turn: BotTurn,
  retrieval: Retrieval,
): Promise<KnowledgeAnswer> {
  // The confidence is about the best passage's article: other articles' passages only distract.
  const relevant = retrieval.passages
    .filter((passage) => passage.articleId === retrieval.passages[0].articleId)
    .slice(0, MAX_SOURCES);
  const generated = await generateGrounded(turn, {
    system: documentsPrompt(turn.site.language, relevant),
    sources: relevant.map((passage) => passage.text),
  });
  if (generated !== null)
    return { text: generated, citations: citationsOf(relevant), generated: true };
  const best = relevant[0];
  const intro = WORDING[turn.site.language].quoteIntro(best.title);
  const passage = limitReply(best.text, { max: MAX_REPLY_CHARS - intro.length - 3 });
  return { text: `${intro}\n“${passage}”`, citations: citationsOf([best]), generated: false };
}

function citationsOf(passages: Passage[]): Citation[] {
  const seen = new Set<string>();
  return passages.flatMap((passage) => {
    if (seen.has(passage.articleId)) return [];
    seen.add(passage.articleId);
    return [{ articleId: passage.articleId, title: passage.title, url: passage.url }];
  });
}
