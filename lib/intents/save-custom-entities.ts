import { recordAuditEvent } from '@/lib/audit';
import { db, type Prisma } from '@/lib/db';
import {
  SaveCustomEntitiesSchema,
  type CustomEntity,
  type EntityValue,
} from '@/lib/schemas/entity';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';

/** Replaces the site's custom entities with the admin's list. */
export async function saveCustomEntities(
  admin: Admin,
  siteId: string,
  input: unknown,
): Promise<void> {
  const { entities } = SaveCustomEntitiesSchema.parse(input);
  await db().$transaction(async (tx) => {
    await requireWorkspaceSite(admin, siteId, tx);
    await tx.customEntity.deleteMany({ where: { siteId } });
    await tx.customEntity.createMany({
      data: entities.map((entity) => ({ siteId, ...entity })),
    });
    await recordAuditEvent(
      {
        workspaceId: admin.workspaceId,
        actorId: admin.userId,
        action: 'entities.saved',
        target: `site:${siteId}`,
        details: { entities: entities.map((entity) => entity.name) },
      },
      tx,
    );
  });
}

function mergeValues(current: EntityValue[], added: EntityValue[]): EntityValue[] {
  const merged = new Map(current.map((value) => [value.value, [...value.synonyms]]));
  for (const { value, synonyms } of added) {
    const known = merged.get(value) ?? [];
    merged.set(value, [...known, ...synonyms.filter((synonym) => !known.includes(synonym))]);
  }
  return [...merged].map(([value, synonyms]) => ({ value, synonyms }));
}

const union = (current: string[], added: string[]) => [...new Set([...current, ...added])];

/** Adds imported entities: new ones are created, known ones gain the values, lookups and patterns. */
export async function mergeCustomEntities(
  tx: Prisma.TransactionClient,
  siteId: string,
  entities: CustomEntity[],
): Promise<{ created: number; updated: number }> {
  const existing = await tx.customEntity.findMany({
    where: { siteId, name: { in: entities.map((entity) => entity.name) } },
  });
  const byName = new Map(existing.map((entity) => [entity.name, entity]));
  let created = 0;
  for (const entity of entities) {
    const current = byName.get(entity.name);
    if (!current) {
      created += 1;
      await tx.customEntity.create({ data: { siteId, ...entity } });
      continue;
    }
    await tx.customEntity.update({
      where: { id: current.id },
      data: {
        values: mergeValues(current.values as EntityValue[], entity.values),
        lookup: union(current.lookup, entity.lookup),
        patterns: union(current.patterns, entity.patterns),
      },
    });
  }
  return { created, updated: entities.length - created };
}
