import { Prisma } from '@/lib/db';

/**
 * Webhook deliveries (alias `d`, joined to their endpoint `e`) of a site whose stored body names
 * any of `ids`: a delivery keeps the JSON it sent, which names the conversation (and so the visitor)
 * by id, and ids are unique strings, so a substring match finds exactly theirs.
 */
export function deliveriesMentioning(siteId: string, ids: string[]): Prisma.Sql {
  const patterns = ids.map((id) => `%${id}%`);
  return Prisma.sql`d."endpointId" = e.id AND e."siteId" = ${siteId}
    AND d.body LIKE ANY (${patterns}::text[])`;
}
