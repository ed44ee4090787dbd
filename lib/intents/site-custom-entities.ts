import { db, type Prisma } from '@/lib/db';
import { CustomEntitySchema, type CustomEntity } from '@/lib/schemas/entity';

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
