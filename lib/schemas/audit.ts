import { z } from 'zod';

/** Filters for the audit log page and its API. */
export const AuditQuerySchema = z.object({
  /** Prefix of the action, e.g. `intent.` or `model_version.`. */
  action: z.string().trim().max(60).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
