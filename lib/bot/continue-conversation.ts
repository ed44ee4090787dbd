import type { Classification } from '@/lib/nlp';
import { EMPTY_BOT_STATE, type BotState } from '@/lib/schemas/bot-state';
import { asksForHuman } from './asks-for-human';
import { humanChoice } from './handoff';
import { resolveClarifyReply } from './resolve-clarify-reply';
import { upsetness } from './sentiment';
import type { SiteIntent } from './site-intents';
import { isBuiltInEntity } from '@/lib/schemas/intent';
import {
  collectSlots,
  foundEntities,
  MAX_SLOT_ASKS,
  missingSlot,
  readSlotValue,
  withCollected,
} from './slots';
import type { BotReply, BotTurn } from './types';
import { siteEntityOptions, type Understanding } from './understand';
import { WORDING } from './wording';

export type Continuation =
  /** The bot's question is still open: ask again, or give up. */
  | { reply: BotReply }
  /** Go on with this reading of the message (an option picked, a slot filled) and this state. */
  | { understanding: Understanding; botState: BotState };

/**
 * Reads the visitor's message as an answer to the bot's last question when it is one: which of
 * the offered intents they picked, or the entity the bot asked for. A message that is confidently
 * about something else drops the question.
 */
export function continueFromBotState(
  turn: BotTurn,
  intents: Map<string, SiteIntent>,
  understanding: Understanding,
): Continuation {
  const previous = turn.conversation.botState ?? EMPTY_BOT_STATE;
  // A question is open only while it is the last thing said (an agent may have stepped in since).
  const open = turn.history.at(-1)?.sender === 'bot' ? previous : EMPTY_BOT_STATE;
  const botState: BotState = { ...EMPTY_BOT_STATE, collected: previous.collected };
  const message = turn.visitorMessage.body;
  const known = withCollected(understanding, previous.collected);

  const picked = resolveClarifyReply(
    message,
    open.offered.map((option) => option.label),
  );
  if (picked !== null && intents.has(open.offered[picked].intent)) {
    return { understanding: chosen(known, open.offered[picked].intent), botState };
  }

  const pending = open.pendingSlot;
  const waiting = pending && intents.get(pending.intent);
  if (!pending || !waiting) return { understanding: known, botState };
  const slot = waiting.slots.find((candidate) => candidate.entity === pending.entity);
  if (!slot) return { understanding: known, botState };

  const value = readSlotValue(
    message,
    pending.entity,
    siteEntityOptions(turn.site),
    understanding.entityDefinitions,
  );
  if (value !== null) {
    const collected = { ...previous.collected, [pending.entity]: value };
    // The answer's value comes first, before anything else the messages mention.
    const given = { type: pending.entity, text: value, value, start: 0, end: 0 };
    const withGiven = withCollected(understanding, collected);
    return {
      understanding: chosen(
        isBuiltInEntity(given.type)
          ? { ...withGiven, entities: [{ ...given, type: given.type }, ...withGiven.entities] }
          : {
              ...withGiven,
              customEntities: [{ ...given, via: 'collected' }, ...(withGiven.customEntities ?? [])],
            },
        pending.intent,
      ),
      botState: { ...botState, collected },
    };
  }
  if (changesSubject(turn, understanding, pending.intent)) {
    return { understanding: known, botState };
  }

  const words = WORDING[turn.site.language];
  const recognized = {
    intent: pending.intent,
    confidence: understanding.classification?.confidence,
    modelVersionId: understanding.modelVersionId,
    citations: [],
  };
  if (pending.asks >= MAX_SLOT_ASKS) {
    // Offers a person only when someone is online (else an email), as every fallback does.
    const offer = turn.agentsOnline !== false ? words.offerHuman : words.offerEmail;
    return {
      reply: {
        ...recognized,
        decision: 'fallback',
        text: `${words.slotGaveUp} ${offer}`,
        choices: humanChoice(turn),
        botState,
      },
    };
  }
  return {
    reply: {
      ...recognized,
      decision: 'answer',
      text: `${words.slotNotFound} ${slot.prompt}`,
      choices: [],
      botState: { ...botState, pendingSlot: { ...pending, asks: pending.asks + 1 } },
    },
  };
}

/**
 * Before answering an intent: its first required entity the visitor has not given, asked for with
 * the admin's prompt. Null when the intent has all it needs.
 */
export function askForMissingSlot(
  intent: SiteIntent,
  understanding: Understanding,
  botState: BotState,
): Pick<BotReply, 'text' | 'botState'> | null {
  const slot = missingSlot(intent.slots, foundEntities(understanding));
  if (!slot) return null;
  return {
    text: slot.prompt,
    botState: { ...botState, pendingSlot: { intent: intent.name, entity: slot.entity, asks: 1 } },
  };
}

/** The state after answering an intent: the values filled into the answer are kept. */
export function stateAfterAnswer(
  intent: SiteIntent,
  understanding: Understanding,
  botState: BotState,
): BotState {
  return {
    ...botState,
    collected: collectSlots(botState.collected, intent.slots, foundEntities(understanding)),
  };
}

/**
 * The state after any other reply: what was collected stays, and after "did you mean…?" (asked
 * when unsure, or when the bot does not know) the intents it offered wait for the visitor's pick.
 * Quick replies under an answer are not a question: "yes" to an answer picks nothing.
 */
export function stateAfterReply(turn: BotTurn, reply: BotReply): BotState {
  const botState = { ...EMPTY_BOT_STATE, collected: turn.conversation.botState?.collected ?? {} };
  if (reply.decision !== 'clarify' && reply.decision !== 'fallback') return botState;
  return {
    ...botState,
    offered: reply.choices.flatMap((choice) =>
      choice.intent ? [{ intent: choice.intent, label: choice.label }] : [],
    ),
  };
}

/**
 * How sure the classifier must be that a reply to the bot's question is about something else.
 * Higher than answering needs: on the demo intents, new questions ("how long does shipping take?")
 * scored 0.93-0.99 while answers without the order number ("i cannot find it") scored up to 0.53.
 */
const CHANGE_OF_SUBJECT_CONFIDENCE = 0.8;

/** Confidently another intent, or a request for a person: the visitor moved on. */
function changesSubject(turn: BotTurn, understanding: Understanding, pending: string): boolean {
  const { classification, decision } = understanding;
  const { language } = turn.site;
  const message = turn.visitorMessage.body;
  if (
    classification &&
    (decision === 'answer' || decision === 'handoff') &&
    classification.intent !== pending &&
    classification.confidence >= CHANGE_OF_SUBJECT_CONFIDENCE
  ) {
    return true;
  }
  return asksForHuman(message, language) || upsetness(message, language) !== 'calm';
}

/**
 * The message read as `intent`, which the visitor chose (an offered option, or by answering its
 * question): certain, so an article does not outbid it.
 */
function chosen(understanding: Understanding, intent: string): Understanding {
  const classification: Classification = {
    ranking: [],
    entities: [],
    ...understanding.classification,
    intent,
    confidence: 1,
    decision: 'answer',
    candidates: null,
  };
  return { ...understanding, classification, decision: 'answer' };
}
