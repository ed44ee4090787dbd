import { db } from '@/lib/db';
import { IntentSlotsSchema } from '@/lib/schemas/intent';

/**
 * The names of the site's intents that require each entity (their slots), by entity name: an
 * entity removed from under them leaves the bot asking for something it can no longer find.
 */
export async function intentsRequiringEntities(siteId: string): Promise<Record<string, string[]>> {
  const intents = await db().intent.findMany({
    where: { siteId, NOT: { slots: { equals: [] } } },
    select: { name: true, slots: true },
    orderBy: { name: 'asc' },
  });
  const requiredBy: Record<string, string[]> = {};
  for (const intent of intents) {
    for (const slot of IntentSlotsSchema.catch([]).parse(intent.slots)) {
      (requiredBy[slot.entity] ??= []).push(intent.name);
    }
  }
  return requiredBy;
}
