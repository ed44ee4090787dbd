'use client';

import type { AgentConversation } from '@/lib/schemas/events';
import type { BotState } from '@/lib/schemas/bot-state';
import type { ConversationDetails } from '@/lib/schemas/inbox';
import { entityLabel } from '@/lib/schemas/intent';
import { Badge } from '@/components/ui/badge';
import { formatDuration } from './views';
import { isWebUrl } from '@/lib/schemas/url';
import { UnverifiedBadge } from './visitor-name';
import { VisitorDataRights } from './visitor-data-rights';

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-stone-500">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

/** The values the bot asked the visitor for, and the one it is still waiting for. */
function CollectedByBot({ botState }: { botState: BotState }) {
  const collected = Object.entries(botState.collected);
  if (collected.length === 0 && !botState.pendingSlot) return null;
  return (
    <>
      <h3 className="mt-4 mb-1.5 font-semibold">Collected by the bot</h3>
      <dl
        className="grid grid-cols-[6.5rem_1fr] gap-x-2 gap-y-1.5 text-xs"
        data-testid="bot-collected"
      >
        {collected.map(([entity, value]) => (
          <Row key={entity} label={entityLabel(entity)}>
            <span className="font-mono">{value}</span>
          </Row>
        ))}
        {botState.pendingSlot ? (
          <Row label="Waiting for">
            {entityLabel(botState.pendingSlot.entity)} ({botState.pendingSlot.intent})
          </Row>
        ) : null}
      </dl>
    </>
  );
}

/** The visitor: who they are (and whether that is verified), where they are, what came before. */
export function DetailsPanel({
  conversation,
  details,
  onOpenConversation,
  onClose,
  dataRightsCsrfToken = null,
  className = '',
}: {
  className?: string;
  conversation: AgentConversation;
  details: ConversationDetails | null;
  onOpenConversation: (conversationId: string) => void;
  onClose: () => void;
  /** Admins get export and delete buttons, sent with this token. */
  dataRightsCsrfToken?: string | null;
}) {
  const visitor = details?.visitor;
  return (
    <aside
      aria-label="Visitor details"
      data-testid="details-panel"
      className={`w-72 shrink-0 flex-col overflow-y-auto border-l border-stone-200 bg-white p-3 text-sm ${className}`}
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 className="font-semibold">Visitor</h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded px-1.5 text-stone-500 hover:bg-stone-100 xl:hidden"
          aria-label="Close details"
        >
          ×
        </button>
      </div>
      {!visitor ? (
        <p className="text-stone-500">Loading…</p>
      ) : (
        <>
          <dl className="grid grid-cols-[6.5rem_1fr] gap-x-2 gap-y-1.5 text-xs">
            <Row label="Name">{visitor.name ?? '—'}</Row>
            <Row label="Email">{visitor.email ?? conversation.contactEmail ?? '—'}</Row>
            <Row label="Identity">
              {visitor.identityVerified ? (
                <Badge tone="green">verified</Badge>
              ) : visitor.externalId || visitor.name || visitor.email ? (
                <UnverifiedBadge />
              ) : (
                'anonymous'
              )}
            </Row>
            <Row label="Page">
              {visitor.currentUrl && isWebUrl(visitor.currentUrl) ? (
                <a
                  href={visitor.currentUrl}
                  target="_blank"
                  rel="noreferrer noopener"
                  className="text-blue-700 underline"
                >
                  {visitor.currentUrl}
                </a>
              ) : (
                '—'
              )}
            </Row>
            <Row label="Browser">
              <span title={visitor.browser ?? undefined} data-testid="visitor-device">
                {visitor.device ?? visitor.browser ?? '—'}
              </span>
            </Row>
            <Row label="Language">{visitor.language ?? '—'}</Row>
            <Row label="First seen">{when(visitor.firstSeenAt)}</Row>
            <Row label="Last seen">{when(visitor.lastSeenAt)}</Row>
            <Row label="Site">{details.site.name}</Row>
          </dl>
          <h3 className="mt-4 mb-1.5 font-semibold">This conversation</h3>
          <dl className="grid grid-cols-[6.5rem_1fr] gap-x-2 gap-y-1.5 text-xs">
            <Row label="Started">{when(details.createdAt)}</Row>
            <Row label="First reply">
              {details.firstResponseAt
                ? formatDuration(
                    (Date.parse(details.firstResponseAt) - Date.parse(details.createdAt)) / 1000,
                  ) + ' after start'
                : '—'}
            </Row>
            <Row label="Resolved">{when(details.resolvedAt)}</Row>
            <Row label="Rating">
              <span data-testid="csat">
                {details.csat
                  ? `${details.csat.score > 0 ? 'Thumbs up' : 'Thumbs down'}${details.csat.comment ? ` “${details.csat.comment}”` : ''}`
                  : '—'}
              </span>
            </Row>
            {conversation.handoffReason ? (
              <Row label="Handoff">{conversation.handoffReason}</Row>
            ) : null}
          </dl>
          <CollectedByBot botState={details.botState} />
          <h3 className="mt-4 mb-1.5 font-semibold">
            Past conversations ({details.pastConversations.length})
          </h3>
          {details.pastConversations.length === 0 ? (
            <p className="text-xs text-stone-500">None before this one.</p>
          ) : (
            <ul className="space-y-1">
              {details.pastConversations.map((past) => (
                <li key={past.id}>
                  <button
                    type="button"
                    onClick={() => onOpenConversation(past.id)}
                    className="w-full rounded px-1.5 py-1 text-left text-xs hover:bg-stone-100"
                  >
                    <span className="text-stone-500">
                      {new Date(past.createdAt).toLocaleDateString()}
                    </span>{' '}
                    · {past.status}
                    <span className="block truncate text-stone-700">{past.preview ?? '—'}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {dataRightsCsrfToken ? (
            <VisitorDataRights visitorId={visitor.id} csrfToken={dataRightsCsrfToken} />
          ) : null}
        </>
      )}
    </aside>
  );
}
