import { z } from 'zod';
import { RowIdSchema, withoutNul } from '@/lib/schemas/storable';

/** Filters for the audit log page and its API. */
export const AuditQuerySchema = z.object({
  /** Prefix of the action, e.g. `intent.` or `model_version.`. */
  action: withoutNul(z.string().trim().max(60)).optional(),
  cursor: RowIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
