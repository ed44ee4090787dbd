// Who belongs to a workspace and what they may do there.
export { listTeam, type TeamMember, type PendingInvite } from './team';
export { createInvite } from './create-invite';
export { revokeInvite } from './revoke-invite';
export { acceptInvite, findPendingInvite } from './accept-invite';
export { changeMemberRole } from './change-member-role';
export { removeMember } from './remove-member';
export { recordAuditEvent } from './audit';
export { saveCannedResponse } from './save-canned-response';
export { deleteCannedResponse } from './delete-canned-response';
