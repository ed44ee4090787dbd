import type { Choice } from '@/lib/schemas/message';
import { intentLabel } from './intent-label';
import type { SiteIntent } from './site-intents';
import type { BotTurn } from './types';
import type { Understanding } from './understand';

/**
 * The button the visitor picked, if any: the clicked choice when the last bot message offered
 * exactly it (a client cannot make the bot act on an intent it never offered), else the offered
 * choice whose label the visitor typed.
 */
export function pickedChoice(turn: BotTurn): Choice | null {
  const offered = turn.history.findLast((message) => message.sender === 'bot')?.choices ?? [];
  const clicked = turn.visitorMessage.choice;
  if (clicked) {
    const same = offered.find((choice) => sameChoice(choice, clicked));
    if (same) return same;
  }
  const typed = normalize(turn.visitorMessage.body);
  return offered.find((choice) => normalize(choice.label) === typed) ?? null;
}

/** A button that answers the intent, labelled as the admin wants visitors to see it. */
export function intentChoice(intent: SiteIntent): Choice {
  return { label: intentLabel(intent), intent: intent.name };
}

/**
 * The admin's quick replies for an intent: one naming another intent (by name or label) answers
 * that intent; any other is sent as the visitor's text.
 */
export function quickReplyChoices(
  quickReplies: string[],
  intents: Map<string, SiteIntent>,
): Choice[] {
  const byName = new Map<string, SiteIntent>();
  for (const intent of intents.values()) {
    byName.set(normalize(intent.name), intent);
    byName.set(normalize(intentLabel(intent)), intent);
  }
  return quickReplies.map((reply) => {
    const intent = byName.get(normalize(reply));
    if (!intent) return { label: reply };
    // Written as the intent's internal name: shown with its label instead.
    const label = normalize(reply) === normalize(intent.name) ? intentLabel(intent) : reply;
    return { label, intent: intent.name };
  });
}

function sameChoice(a: Choice, b: Choice): boolean {
  return (
    a.label === b.label &&
    a.intent === b.intent &&
    a.articleId === b.articleId &&
    a.action === b.action
  );
}

function normalize(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * How the bot reads a click on an intent's button: that intent, for certain, whatever its label
 * would classify as (the message's entities still count).
 */
export function understandChoice(understanding: Understanding, intent: SiteIntent): Understanding {
  const decision = intent.handoff ? 'handoff' : 'answer';
  return {
    ...understanding,
    decision,
    classification: {
      intent: intent.name,
      confidence: 1,
      ranking: [{ intent: intent.name, confidence: 1 }],
      decision,
      candidates: null,
      entities: understanding.classification?.entities ?? [],
    },
  };
}
