import type { MemberRole } from '@/lib/db';

/** A visitor, as proven by a signed visitor token. */
export interface VisitorActor {
  siteId: string;
  visitorId: string;
}

/** A signed-in member of a workspace. */
export interface AgentActor {
  userId: string;
  workspaceId: string;
  role: MemberRole;
  name: string;
}
