import { db, type Prisma } from '@/lib/db';
import {
  CustomEntitySchema,
  ExampleAnnotationsSchema,
  type CustomEntity,
} from '@/lib/schemas/entity';

/** The site's custom entities, by name. */
export async function siteCustomEntities(
  siteId: string,
  tx: Prisma.TransactionClient = db(),
): Promise<CustomEntity[]> {
  const rows = await tx.customEntity.findMany({
    where: { siteId },
    orderBy: { name: 'asc' },
    select: { name: true, values: true, lookup: true, patterns: true },
  });
  // Read leniently: a row that does not parse is skipped rather than breaking the bot.
  return rows.flatMap((row) => {
    const parsed = CustomEntitySchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * What the bot matches: the site's custom entities, plus the texts its examples mark as an entity
 * (as exact lookups), so an entity known only from annotated examples (Rasa's learned ones) is
 * still found when a visitor uses one of those texts.
 */
export async function siteEntityDefinitions(siteId: string): Promise<CustomEntity[]> {
  const [defined, annotated] = await Promise.all([
    siteCustomEntities(siteId),
    db().trainingExample.findMany({
      where: { intent: { siteId }, NOT: { annotations: { equals: [] } } },
      select: { text: true, annotations: true },
    }),
  ]);
  const byName = new Map(defined.map((entity) => [entity.name, { ...entity }]));
  for (const example of annotated) {
    for (const annotation of ExampleAnnotationsSchema.catch([]).parse(example.annotations)) {
      const written = example.text.slice(annotation.start, annotation.end).trim();
      if (!written || written.startsWith('@')) continue; // nlp.js "@product" is a placeholder
      const entity = byName.get(annotation.entity) ?? {
        name: annotation.entity,
        values: [],
        lookup: [],
        patterns: [],
      };
      const known = entity.values.some(
        (value) => value.value === written || value.synonyms.includes(written),
      );
      if (!known && !entity.lookup.includes(written)) entity.lookup = [...entity.lookup, written];
      byName.set(entity.name, entity);
    }
  }
  return [...byName.values()];
}
