import { db, Prisma } from '@/lib/db';
import { EXAMPLE_KEY_SQL } from './example-key';

/** An example that teaches two or more intents the same thing. */
export interface ExampleConflict {
  key: string;
  intents: string[];
}

/** Examples of a site that appear under more than one intent (ignoring case and spacing). */
export async function findExampleConflicts(
  siteId: string,
  tx: Prisma.TransactionClient = db(),
  limit = 500,
): Promise<ExampleConflict[]> {
  return tx.$queryRaw<ExampleConflict[]>`
    select ${EXAMPLE_KEY_SQL} as key, array_agg(distinct i.name order by i.name) as intents
    from "TrainingExample" e join "Intent" i on i.id = e."intentId"
    where i."siteId" = ${siteId}
    group by 1
    having count(distinct e."intentId") > 1
    order by 1
    limit ${limit}`;
}
