import { extractEntities, type Entity, type EntityOptions } from '@/lib/nlp';
import type { BotState } from '@/lib/schemas/bot-state';
import type { IntentSlot } from '@/lib/schemas/intent';
import type { EntityType } from '@/lib/nlp/entities';

/** The bot asks for a missing entity at most this many times, then offers a person (or an email). */
export const MAX_SLOT_ASKS = 2;

// Asked for an order number, a visitor often types just the number ("12345678"), which the
// site's pattern alone would read as a phone number or nothing.
const BARE_ORDER_NUMBER = /#?\b(?=[a-z0-9-]*\d)[a-z0-9][a-z0-9-]{3,19}\b/i;

/**
 * The value of `entity` in the visitor's answer to the bot's question, or null. The answer is
 * expected to be about it, so an order number may be any short code with a digit in it.
 */
export function readSlotValue(
  text: string,
  entity: EntityType,
  options: EntityOptions = {},
): string | null {
  const entities = extractEntities(text, options);
  const found = entities.find((candidate) => candidate.type === entity);
  if (found) return found.value;
  if (entity !== 'orderNumber') return null;
  // Not inside an email, a date or an amount; digits read as a phone number may be the order number.
  const rest = entities
    .filter((other) => other.type !== 'phone')
    .reduceRight((kept, other) => kept.slice(0, other.start) + ' ' + kept.slice(other.end), text);
  const bare = BARE_ORDER_NUMBER.exec(rest);
  return bare ? bare[0].replace(/^#/, '').toUpperCase() : null;
}

/** Collected values as entities, after the ones found in the messages (those are more recent). */
export function withCollected(entities: Entity[], collected: BotState['collected']): Entity[] {
  const remembered = Object.entries(collected).map(([type, value]) => ({
    type: type as EntityType,
    text: value,
    value,
    start: 0,
    end: 0,
  }));
  return [...entities, ...remembered];
}

/** The first required entity neither found in the conversation nor collected. */
export function missingSlot(slots: IntentSlot[], entities: Entity[]): IntentSlot | null {
  return slots.find((slot) => !entities.some((entity) => entity.type === slot.entity)) ?? null;
}

/** What the bot keeps after answering an intent: the values it filled into the answer. */
export function collectSlots(
  collected: BotState['collected'],
  slots: IntentSlot[],
  entities: Entity[],
): BotState['collected'] {
  const filled = { ...collected };
  for (const slot of slots) {
    const entity = entities.find((candidate) => candidate.type === slot.entity);
    if (entity) filled[slot.entity] = entity.value;
  }
  return filled;
}
