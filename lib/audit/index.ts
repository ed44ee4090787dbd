// Who changed what and when. Recording lives with the workspace actions that first needed it
// (lib/workspace/audit.ts); this is the one door for everything else.
export { recordAuditEvent, type AuditEntry } from '@/lib/workspace/audit';
export { listAuditEvents, type AuditEventView } from './list-audit-events';
