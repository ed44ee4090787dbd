import type { AgentConversation } from '@/lib/schemas/events';
import { Badge } from '@/components/ui/badge';
import { claimsIdentity, visitorName } from './views';

export function UnverifiedBadge() {
  return (
    <Badge tone="red" title="The site did not sign this identity; do not trust it">
      unverified
    </Badge>
  );
}

/** The visitor's name as the inbox shows it, marked when the visitor only claimed it. */
export function VisitorName({ conversation }: { conversation: AgentConversation }) {
  return (
    <>
      <span className="truncate">{visitorName(conversation)}</span>
      {claimsIdentity(conversation) ? (
        <>
          {' '}
          <UnverifiedBadge />
        </>
      ) : null}
    </>
  );
}
