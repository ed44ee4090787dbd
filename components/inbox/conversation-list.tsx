'use client';

import { forwardRef } from 'react';
import type { AgentConversation } from '@/lib/schemas/events';
import type { ConversationSearchHit } from '@/lib/schemas/inbox';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { InboxMember } from './types';
import { formatWaiting, unreadCount } from './views';
import { VisitorName } from './visitor-name';

const STATUS_TONE: Record<AgentConversation['status'], BadgeTone> = {
  bot: 'violet',
  open: 'amber',
  pending: 'blue',
  resolved: 'green',
};

export const SearchBox = forwardRef<
  HTMLInputElement,
  { value: string; onChange: (value: string) => void }
>(function SearchBox({ value, onChange }, ref) {
  return (
    <div className="border-b border-stone-200 p-2">
      <label htmlFor="inbox-search" className="sr-only">
        Search messages
      </label>
      <input
        ref={ref}
        id="inbox-search"
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            onChange('');
            event.currentTarget.blur();
          }
        }}
        placeholder="Search messages  ( / )"
        className="w-full rounded-md border border-stone-300 bg-stone-50 px-2.5 py-1.5 text-sm focus:border-blue-600 focus:bg-white focus:ring-2 focus:ring-blue-600/20 focus:outline-none"
      />
    </div>
  );
});

function ConversationRow({
  conversation,
  selected,
  now,
  members,
  snippet,
  onSelect,
}: {
  conversation: AgentConversation;
  selected: boolean;
  now: number;
  members: Map<string, InboxMember>;
  snippet?: string;
  onSelect: () => void;
}) {
  const unread = unreadCount(conversation);
  const waiting =
    conversation.status === 'open' ? formatWaiting(conversation.waitingSince, now) : null;
  const assignee = conversation.assigneeId
    ? (members.get(conversation.assigneeId)?.name ?? 'Someone')
    : null;
  return (
    <li>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected ? 'true' : undefined}
        data-testid="conversation-row"
        data-conversation-id={conversation.id}
        className={`block w-full border-b border-stone-100 px-3 py-2.5 text-left ${
          selected ? 'bg-blue-50' : 'hover:bg-stone-50'
        }`}
      >
        <div className="flex items-center gap-2">
          <span
            className={`flex min-w-0 flex-1 items-center gap-1 text-sm ${unread ? 'font-semibold' : 'font-medium'}`}
          >
            <VisitorName conversation={conversation} />
          </span>
          {unread ? (
            <span
              className="rounded-full bg-blue-600 px-1.5 text-[11px] font-semibold text-white"
              aria-label={`${unread} unread`}
            >
              {unread}
            </span>
          ) : null}
          <Badge tone={STATUS_TONE[conversation.status]}>
            {conversation.status === 'open' ? 'needs human' : conversation.status}
          </Badge>
        </div>
        <p className="mt-0.5 line-clamp-2 text-xs text-stone-600">
          {snippet ? (
            <Highlighted text={snippet} />
          ) : (
            (conversation.preview ?? <span className="italic">No messages yet</span>)
          )}
        </p>
        <div className="mt-1 flex items-center gap-2 text-[11px] text-stone-500">
          {waiting ? (
            <span className="font-medium text-amber-700" title="Waiting for a human for">
              waiting {waiting}
            </span>
          ) : null}
          <span data-testid="assignee">
            {assignee ? `→ ${assignee}` : conversation.status === 'open' ? 'Unassigned' : null}
          </span>
          <time className="ml-auto" dateTime={conversation.lastMessageAt}>
            {new Date(conversation.lastMessageAt).toLocaleTimeString([], {
              hour: '2-digit',
              minute: '2-digit',
            })}
          </time>
        </div>
      </button>
    </li>
  );
}

/** «matched» words from ts_headline, shown highlighted (as text: nothing here is parsed as HTML). */
function Highlighted({ text }: { text: string }) {
  return (
    <>
      {text.split(/(«[^»]*»)/).map((part, index) =>
        part.startsWith('«') ? (
          <mark key={index} className="rounded bg-yellow-200 px-0.5">
            {part.slice(1, -1)}
          </mark>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
    </>
  );
}

export function ConversationList({
  conversations,
  hits,
  selectedId,
  now,
  members,
  loading,
  canLoadMore,
  emptyText,
  onSelect,
  onLoadMore,
}: {
  conversations: AgentConversation[];
  hits: ConversationSearchHit[] | null;
  selectedId: string | null;
  now: number;
  members: Map<string, InboxMember>;
  loading: boolean;
  canLoadMore: boolean;
  emptyText: string;
  onSelect: (conversationId: string) => void;
  onLoadMore: () => void;
}) {
  const rows = hits
    ? hits.map((hit) => ({ conversation: hit.conversation, snippet: hit.snippet }))
    : conversations.map((conversation) => ({ conversation, snippet: undefined }));
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={loading}>
      {rows.length === 0 ? (
        <p className="p-4 text-sm text-stone-500">
          {loading ? 'Loading…' : hits ? 'No messages match.' : emptyText}
        </p>
      ) : (
        <ul aria-label={hits ? 'Search results' : 'Conversations'} data-testid="conversation-list">
          {rows.map(({ conversation, snippet }) => (
            <ConversationRow
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
              now={now}
              members={members}
              snippet={snippet}
              onSelect={() => onSelect(conversation.id)}
            />
          ))}
        </ul>
      )}
      {canLoadMore && !hits ? (
        <div className="p-2">
          <button
            type="button"
            onClick={onLoadMore}
            className="w-full rounded-md py-1.5 text-sm text-blue-700 hover:bg-blue-50"
          >
            Load more
          </button>
        </div>
      ) : null}
    </div>
  );
}
