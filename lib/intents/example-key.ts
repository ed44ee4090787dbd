import { Prisma } from '@/lib/db';

/**
 * Two examples are "the same" when they differ only in case and spacing. The SQL below computes the
 * same key, so conflicts can be found in the database.
 */
export function exampleKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export const EXAMPLE_KEY_SQL = Prisma.sql`lower(regexp_replace(btrim(e.text), '\\s+', ' ', 'g'))`;
