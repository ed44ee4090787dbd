import { Prisma } from '@/lib/db';

/**
 * A human took part: the bot handed over, an agent was assigned, or an agent replied. The three
 * together survive "hand back to the bot", which clears the handoff reason.
 */
export const HUMAN_INVOLVED_SQL = Prisma.sql`(c."handoffReason" is not null or c."assigneeId" is not null or c."firstResponseAt" is not null)`;
