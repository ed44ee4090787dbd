'use client';

import type { ConversationView } from '@/lib/schemas/events';
import type { InboxCounts } from '@/lib/schemas/inbox';
import { INBOX_VIEWS } from './views';

/** A view's count, and the part of it that needs attention with the word that says which part. */
function countFor(
  view: ConversationView,
  counts: InboxCounts | null,
): { total?: number; alert?: number; alertWord?: string } {
  if (!counts) return {};
  switch (view) {
    case 'needs_human':
      return { total: counts.needsHuman, alert: counts.unassigned, alertWord: 'unassigned' };
    case 'mine':
      return { total: counts.mine, alert: counts.mineUnread, alertWord: 'unread' };
    case 'open':
      return { total: counts.open };
    default:
      return {};
  }
}

/** The views, as a sidebar on wide screens and a strip of tabs on tablets. */
export function ViewNav({
  view,
  counts,
  onSelect,
}: {
  view: ConversationView;
  counts: InboxCounts | null;
  onSelect: (view: ConversationView) => void;
}) {
  return (
    <nav
      aria-label="Views"
      className="flex gap-1 overflow-x-auto border-b border-stone-200 bg-white p-2 lg:flex-col lg:border-b-0"
    >
      {INBOX_VIEWS.map((item) => {
        const { total, alert, alertWord } = countFor(item.view, counts);
        const active = item.view === view;
        return (
          <button
            key={item.view}
            type="button"
            onClick={() => onSelect(item.view)}
            aria-current={active ? 'page' : undefined}
            title={`${item.label} (${item.key})`}
            data-testid={`view-${item.view}`}
            className={`flex shrink-0 items-center justify-between gap-x-3 gap-y-0.5 rounded-md px-2.5 py-1.5 text-left text-sm whitespace-nowrap lg:flex-wrap ${
              active ? 'bg-stone-900 text-white' : 'text-stone-700 hover:bg-stone-100'
            }`}
          >
            <span>{item.label}</span>
            <span className="flex items-center gap-1">
              {alert ? (
                <span className="flex items-center gap-1 rounded-full bg-red-700 px-1.5 text-[11px] font-semibold text-white">
                  <span data-testid={`view-${item.view}-alert`}>{alert}</span> {alertWord}
                </span>
              ) : null}
              {total !== undefined ? (
                <span
                  className={`text-xs ${active ? 'text-stone-300' : 'text-stone-600'}`}
                  title={`${total} conversation${total === 1 ? '' : 's'} in this view`}
                >
                  <span data-testid={`view-${item.view}-count`}>{total}</span>
                  <span className="sr-only"> in all</span>
                  {alert ? <span aria-hidden> in all</span> : null}
                </span>
              ) : null}
            </span>
          </button>
        );
      })}
    </nav>
  );
}
