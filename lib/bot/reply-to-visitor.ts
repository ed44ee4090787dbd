import { retrieve } from '@/lib/knowledge';
import { answerFromKnowledge } from './answer-from-knowledge';
import { asksForHuman } from './asks-for-human';
import { fillTemplate } from './fill-template';
import { generateGrounded } from './generate-grounded';
import { rephrasePrompt } from './guardrails';
import { soundsUpset } from './sentiment';
import { intentLabel, siteIntents, type SiteIntent } from './site-intents';
import type { BotReply, BotTurn } from './types';
import { understand, type Understanding } from './understand';
import { HANDOFF_REASON, WORDING } from './wording';

/**
 * The reply policy. In order: a handoff intent, an explicit request for a person, or an upset
 * visitor go to a human; a confident intent is answered with its response; otherwise the knowledge
 * base answers when it knows; otherwise the bot asks which of two intents was meant, or says it
 * does not know and offers choices — and after repeated fallbacks hands over.
 */
export async function replyToVisitor(turn: BotTurn): Promise<BotReply> {
  const { language } = turn.site;
  const words = WORDING[language];
  const message = turn.visitorMessage.body;
  const intents = await siteIntents(turn.site.id);
  const understanding = await understand(turn, intents);
  const { classification, decision } = understanding;
  const recognized = {
    intent: classification?.intent ?? undefined,
    confidence: classification?.confidence,
    modelVersionId: understanding.modelVersionId,
  };
  const matched = classification?.intent ? intents.get(classification.intent) : undefined;

  if (decision === 'handoff' && matched) {
    return {
      ...recognized,
      decision: 'handoff',
      text: pickResponse(matched, turn, understanding) ?? words.handoffRequested,
      choices: [],
      citations: [],
      handoffReason: HANDOFF_REASON.intent(matched.name),
    };
  }
  if (decision !== 'answer' && asksForHuman(message, language)) {
    return handoff(recognized, words.handoffRequested, HANDOFF_REASON.requested);
  }
  if (soundsUpset(message, language)) {
    return handoff(recognized, words.handoffUpset, HANDOFF_REASON.upset);
  }

  const response =
    decision === 'answer' && matched ? pickResponse(matched, turn, understanding) : null;
  if (response !== null && matched) {
    const rephrased = matched.rephrase
      ? await generateGrounded(turn, {
          system: rephrasePrompt(language, response),
          sources: [response],
        })
      : null;
    return {
      ...recognized,
      decision: 'answer',
      text: rephrased ?? response,
      choices: matched.quickReplies,
      citations: [],
    };
  }

  const retrieval = await retrieve(turn.site.id, message);
  if (retrieval.knows) {
    const answer = await answerFromKnowledge(turn, retrieval);
    // The articles answered, not an intent: keep only which model version judged the message.
    return {
      modelVersionId: recognized.modelVersionId,
      decision: 'answer',
      text: answer.text,
      choices: [],
      citations: answer.citations,
    };
  }

  const ranking = classification?.ranking ?? [];
  const offered = (classification?.candidates ?? ranking.slice(0, 2).map((ranked) => ranked.intent))
    .filter((name) => intents.get(name)?.responses.length && !intents.get(name)?.handoff)
    .map((name) => intentLabel(intents.get(name), name));
  if (decision === 'clarify' && offered.length === 2) {
    return {
      ...recognized,
      decision: 'clarify',
      text: words.pickOne,
      choices: [...offered, words.talkToHuman],
      citations: [],
    };
  }

  const fallbacks = turn.conversation.fallbackCount + 1;
  if (fallbacks >= turn.site.botSettings.fallbacksBeforeHandoff) {
    return handoff(recognized, words.handoffAfterFallbacks, HANDOFF_REASON.fallbacks(fallbacks));
  }
  return {
    ...recognized,
    decision: 'fallback',
    text: `${words.noAnswer} ${offered.length ? words.pickOne : words.orHuman}`,
    choices: [...offered, words.talkToHuman],
    citations: [],
  };
}

function handoff(recognized: Partial<BotReply>, text: string, handoffReason: string): BotReply {
  return { ...recognized, decision: 'handoff', text, choices: [], citations: [], handoffReason };
}

/** One of the intent's responses (taking turns, so a repeated question is not answered identically), filled in. */
function pickResponse(
  intent: SiteIntent,
  turn: BotTurn,
  understanding: Understanding,
): string | null {
  if (intent.responses.length === 0) return null;
  const botTurns = turn.history.filter((message) => message.sender === 'bot').length;
  return fillTemplate(intent.responses[botTurns % intent.responses.length], understanding.entities);
}
