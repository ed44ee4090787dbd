import { extractEntities, type EntityOptions } from '@/lib/nlp';
import { matchCustomEntities } from '@/lib/nlp/custom-entities';
import type { BotState } from '@/lib/schemas/bot-state';
import type { CustomEntity } from '@/lib/schemas/entity';
import { isBuiltInEntity, type IntentSlot } from '@/lib/schemas/intent';
import type { Understanding } from './understand';

/** The bot asks for a missing entity at most this many times, then offers a person (or an email). */
export const MAX_SLOT_ASKS = 2;

// Asked for an order number, a visitor often types just the number ("12345678"), which the
// site's pattern alone would read as a phone number or nothing.
const BARE_ORDER_NUMBER = /#?\b(?=[a-z0-9-]*\d)[a-z0-9][a-z0-9-]{3,19}\b/i;

/** An entity found or collected, built-in or the site's own: its name and value. */
interface FoundEntity {
  type: string;
  value: string;
}

/**
 * The value of `entity` (a built-in type or one of the site's entities) in the visitor's answer to
 * the bot's question, or null. The answer is expected to be about it, so an order number may be
 * any short code with a digit in it.
 */
export function readSlotValue(
  text: string,
  entity: string,
  options: EntityOptions = {},
  definitions: readonly CustomEntity[] = [],
): string | null {
  if (!isBuiltInEntity(entity)) {
    const own = definitions.filter((definition) => definition.name === entity);
    return matchCustomEntities(text, own)[0]?.value ?? null;
  }
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

/**
 * The understanding with the collected values after the entities found in the messages (those
 * are more recent): built-in types among the entities, the site's own among its custom entities.
 */
export function withCollected(
  understanding: Understanding,
  collected: BotState['collected'],
): Understanding {
  const remembered = Object.entries(collected).map(([type, value]) => ({
    type,
    text: value,
    value,
    start: 0,
    end: 0,
  }));
  return {
    ...understanding,
    entities: [
      ...understanding.entities,
      ...remembered.flatMap(({ type, ...entity }) =>
        isBuiltInEntity(type) ? [{ type, ...entity }] : [],
      ),
    ],
    customEntities: [
      ...(understanding.customEntities ?? []),
      ...remembered
        .filter(({ type }) => !isBuiltInEntity(type))
        .map((entity) => ({ ...entity, via: 'collected' as const })),
    ],
  };
}

/** Every entity the message and the conversation gave, built-in and the site's own. */
export function foundEntities(understanding: Understanding): FoundEntity[] {
  return [...understanding.entities, ...(understanding.customEntities ?? [])];
}

/** The first required entity neither found in the conversation nor collected. */
export function missingSlot(slots: IntentSlot[], found: readonly FoundEntity[]): IntentSlot | null {
  return slots.find((slot) => !found.some((entity) => entity.type === slot.entity)) ?? null;
}

/** What the bot keeps after answering an intent: the values it filled into the answer. */
export function collectSlots(
  collected: BotState['collected'],
  slots: IntentSlot[],
  found: readonly FoundEntity[],
): BotState['collected'] {
  const filled = { ...collected };
  for (const slot of slots) {
    const entity = found.find((candidate) => candidate.type === slot.entity);
    if (entity) filled[slot.entity] = entity.value;
  }
  return filled;
}
