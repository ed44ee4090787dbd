import { db, type Prisma } from '@/lib/db';

export interface AuditEntry {
  workspaceId: string;
  actorId: string | null;
  /** `noun.past_verb`, e.g. `member.removed`. */
  action: string;
  /** `kind:id` of what was changed. */
  target: string;
  details?: Prisma.InputJsonObject;
}

/** Writes who changed what; pass the transaction so the record commits with the change. */
export async function recordAuditEvent(
  entry: AuditEntry,
  tx: Prisma.TransactionClient = db(),
): Promise<void> {
  await tx.auditEvent.create({ data: { ...entry, details: entry.details ?? {} } });
}
