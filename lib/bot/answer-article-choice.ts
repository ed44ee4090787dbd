import { retrieve } from '@/lib/knowledge';
import type { Choice } from '@/lib/schemas/message';
import { answerFromKnowledge } from './answer-from-knowledge';
import type { BotReply, BotTurn } from './types';

/** Passages searched for the clicked article's best match to its label. */
const SEARCH_DEPTH = 20;

/**
 * A clicked button that stands for an article: answered from that article alone, whatever the
 * relevance threshold (the visitor picked it). Null when the article has no passage to quote.
 */
export async function answerArticleChoice(
  turn: BotTurn,
  choice: Choice & { articleId: string },
): Promise<BotReply | null> {
  const retrieval = await retrieve(turn.site.id, choice.label, {
    limit: SEARCH_DEPTH,
    settings: turn.site.botSettings,
  });
  const passages = retrieval.passages.filter((passage) => passage.articleId === choice.articleId);
  if (passages.length === 0) return null;
  const answer = await answerFromKnowledge(turn, { ...retrieval, passages });
  return { decision: 'answer', text: answer.text, choices: [], citations: answer.citations };
}
