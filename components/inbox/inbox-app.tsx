'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { AgentMessage, ConversationView } from '@/lib/schemas/events';
import { guessWorthOffering, type ConversationSearchHit } from '@/lib/schemas/inbox';
import { Notice } from '@/components/ui/notice';
import { describeError, isPermanent, useAgentConnection } from './agent-connection';
import type { ComposerHandle } from './composer';
import { ConversationList, SearchBox } from './conversation-list';
import { ConversationPane, type ConversationCommand } from './conversation-pane';
import { DetailsPanel } from './details-panel';
import {
  inboxReducer,
  initialInboxState,
  rejoinAfterSeq,
  type PendingMessage,
} from './inbox-state';
import { intentChoice } from './intent-picker';
import { MetricsPanel } from './metrics-panel';
import {
  askForNotifications,
  isMuted,
  notifyInBackground,
  playChime,
  setMuted,
  shouldAskForNotifications,
} from './notifications';
import { ReviewQueue } from './review-queue';
import { ShortcutsHelp } from './shortcuts-help';
import { TeachDialog } from './teach-dialog';
import type { InboxPanel, InboxSetup } from './types';
import { compareInView, INBOX_VIEWS, inView, visitorLabel } from './views';
import { ViewNav } from './view-nav';

const COMMAND_EVENTS = {
  'take-over': 'conversation:take-over',
  resolve: 'conversation:resolve',
  reopen: 'conversation:reopen',
  'hand-back': 'conversation:hand-back',
} as const;

/** First connection in grey; amber only when a connection that worked was lost. */
const CONNECTION_TONE = {
  connecting: { text: 'text-stone-600', dot: 'bg-stone-400' },
  online: { text: 'text-emerald-700', dot: 'bg-emerald-500' },
  offline: { text: 'text-amber-800', dot: 'bg-amber-500' },
} as const;

const EMPTY_TEXT: Record<ConversationView, string> = {
  needs_human: 'Nobody is waiting for a human.',
  mine: 'Nothing assigned to you.',
  open: 'No open conversations.',
  bot: 'The bot is not talking to anyone.',
  resolved: 'Nothing resolved yet.',
  all: 'No conversations yet.',
};

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The agent inbox: live conversation list, conversation view, teaching and metrics. */
export function InboxApp({ setup }: { setup: InboxSetup }) {
  const { me } = setup;
  const router = useRouter();
  const [state, dispatch] = useReducer(inboxReducer, initialInboxState);
  const [view, setView] = useState<ConversationView>(setup.initialView);
  const [panel, setPanel] = useState<InboxPanel>('conversations');
  const [search, setSearch] = useState('');
  const [hits, setHits] = useState<ConversationSearchHit[] | null>(null);
  const [loadingView, setLoadingView] = useState(false);
  const [busy, setBusy] = useState(false);
  const [toast, setToast] = useState<{ text: string; tone: 'error' | 'success' | 'info' } | null>(
    null,
  );
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [teaching, setTeaching] = useState<AgentMessage | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [intentsBySite, setIntentsBySite] = useState(setup.intentsBySite);
  const [askNotifications, setAskNotifications] = useState(false);
  const [muted, setMutedState] = useState(false);
  const now = useNow(30_000);
  const composerRef = useRef<ComposerHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const stateRef = useRef(state);
  const viewRef = useRef(view);
  const countsTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    stateRef.current = state;
    viewRef.current = view;
  });

  const members = useMemo(
    () => new Map(setup.members.map((member) => [member.userId, member])),
    [setup.members],
  );
  const notify = useCallback(
    (text: string, tone: 'error' | 'success' | 'info' = 'info') => setToast({ text, tone }),
    [],
  );

  const request = useAgentConnection({
    connect: () => {
      dispatch({ type: 'connection', status: 'online' });
      void onConnected();
    },
    disconnect: () => dispatch({ type: 'connection', status: 'offline' }),
    connect_error: (error) => {
      if (error.data?.code === 'unauthenticated') router.push('/login?next=/inbox');
      else dispatch({ type: 'connection', status: 'offline' });
    },
    'conversation:updated': (conversation) => {
      dispatch({ type: 'conversation', conversation });
      refreshCountsSoon();
      // The visitor's rating arrives as an update of the resolved conversation; details show it.
      if (conversation.status === 'resolved' && conversation.id === stateRef.current.selectedId)
        void loadDetails(conversation.id).catch(() => {});
    },
    'conversations:removed': ({ conversationIds }) => {
      dispatch({ type: 'removed', conversationIds });
      refreshCountsSoon();
    },
    'conversation:handoff': ({ conversation, reason }) => {
      dispatch({ type: 'conversation', conversation });
      refreshCountsSoon();
      playChime();
      notify(`${visitorLabel(conversation)} needs a human: ${reason}`, 'info');
      notifyInBackground(
        'A visitor needs a human',
        `${visitorLabel(conversation)}: ${reason}`,
        conversation.id,
        () => {
          setPanel('conversations');
          select(conversation.id);
        },
      );
    },
    message: (message) => {
      dispatch({ type: 'message', message });
      if (message.conversationId === stateRef.current.selectedId)
        markRead(message.conversationId, message.seq);
    },
    typing: (notice) => dispatch({ type: 'typing', notice }),
    'conversation:read': (notice) => dispatch({ type: 'read', notice }),
    presence: ({ agents }) => dispatch({ type: 'presence', agents }),
    'server:error': (error) => notify(error.message, 'error'),
  });

  const refreshCounts = useCallback(() => {
    request('inbox:counts', {})
      .then(({ counts }) => dispatch({ type: 'counts', counts }))
      .catch(() => {});
  }, [request]);

  function refreshCountsSoon() {
    clearTimeout(countsTimer.current);
    countsTimer.current = setTimeout(refreshCounts, 500);
  }

  const loadView = useCallback(
    async (target: ConversationView, more = false) => {
      setLoadingView(true);
      try {
        const cursor = more ? (stateRef.current.cursors[target] ?? undefined) : undefined;
        const page = await request('conversation:list', { view: target, cursor, limit: 50 });
        dispatch({
          type: 'listed',
          view: target,
          conversations: page.conversations,
          nextCursor: page.nextCursor,
        });
      } catch (error) {
        notify(describeError(error), 'error');
      } finally {
        setLoadingView(false);
      }
    },
    [request, notify],
  );

  function markRead(conversationId: string, seq: number) {
    if (document.hidden) return;
    const known = stateRef.current.conversations[conversationId];
    if (known && known.agentReadSeq >= seq) return;
    request('conversation:read', { conversationId, seq }).catch(() => {});
  }

  async function loadDetails(conversationId: string) {
    const { details } = await request('conversation:details', { conversationId });
    dispatch({ type: 'details', details });
  }

  async function join(conversationId: string) {
    const afterSeq =
      stateRef.current.selectedId === conversationId
        ? rejoinAfterSeq(stateRef.current.messages)
        : 0;
    try {
      const joined = await request('conversation:join', { conversationId, afterSeq });
      dispatch({ type: 'joined', conversation: joined.conversation, messages: joined.messages });
      markRead(conversationId, joined.conversation.lastSeq);
      await loadDetails(conversationId);
    } catch (error) {
      notify(describeError(error), 'error');
    }
  }

  function select(conversationId: string | null) {
    const previous = stateRef.current.selectedId;
    if (previous && previous !== conversationId) {
      request('conversation:leave', { conversationId: previous }).catch(() => {});
    }
    dispatch({ type: 'selected', conversationId });
    stateRef.current = {
      ...stateRef.current,
      selectedId: conversationId,
      messages: previous === conversationId ? stateRef.current.messages : [],
    };
    const url = new URL(window.location.href);
    if (conversationId) url.searchParams.set('c', conversationId);
    else url.searchParams.delete('c');
    window.history.replaceState(null, '', url);
    if (conversationId) void join(conversationId);
  }

  async function deliver(pending: PendingMessage) {
    try {
      const { message } = await request(
        'message:send',
        {
          conversationId: pending.conversationId,
          clientId: pending.clientId,
          body: pending.body,
          isPrivate: pending.isPrivate,
        },
        { timeoutMs: 15_000 },
      );
      dispatch({ type: 'message', message });
    } catch (error) {
      dispatch({ type: 'send-failed', clientId: pending.clientId });
      if (isPermanent(error)) notify(describeError(error), 'error');
    }
  }

  async function onConnected() {
    await loadView(viewRef.current);
    refreshCounts();
    const { selectedId, outbox } = stateRef.current;
    if (selectedId) await join(selectedId);
    // Anything unacknowledged is sent again with the same client id; the server stores it once.
    if (outbox.length) {
      dispatch({ type: 'retrying', clientIds: outbox.map((pending) => pending.clientId) });
      for (const pending of outbox) await deliver(pending);
    }
  }

  const selected = state.selectedId ? state.conversations[state.selectedId] : undefined;

  async function runCommand(command: ConversationCommand) {
    if (!selected) return;
    const conversationId = selected.id;
    setBusy(true);
    try {
      const { conversation } =
        command === 'assign-me'
          ? await request('conversation:assign', { conversationId, assigneeId: me.userId })
          : await request(COMMAND_EVENTS[command], { conversationId });
      dispatch({ type: 'conversation', conversation });
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function assign(assigneeId: string | null) {
    if (!selected) return;
    setBusy(true);
    try {
      const { conversation } = await request('conversation:assign', {
        conversationId: selected.id,
        assigneeId,
      });
      dispatch({ type: 'conversation', conversation });
    } catch (error) {
      notify(describeError(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  function send(body: string, isPrivate: boolean) {
    if (!selected) return;
    const pending: PendingMessage = {
      clientId: crypto.randomUUID(),
      conversationId: selected.id,
      body,
      isPrivate,
      state: 'sending',
      createdAt: new Date().toISOString(),
    };
    dispatch({ type: 'queued', pending });
    void deliver(pending);
  }

  function retry(clientId: string) {
    const pending = stateRef.current.outbox.find((item) => item.clientId === clientId);
    if (!pending) return;
    dispatch({ type: 'retrying', clientIds: [clientId] });
    void deliver(pending);
  }

  async function teach(message: AgentMessage, intentName: string) {
    const siteId = selected?.siteId;
    if (!siteId) return;
    const intents = intentsBySite[siteId] ?? [];
    try {
      const result = await request('review:label', {
        messageIds: [message.id],
        ...intentChoice(intentName, intents),
      });
      if (result.intent.created)
        addIntent(siteId, { id: result.intent.id, name: result.intent.name });
      notify(
        result.examplesAdded
          ? `Added to ${result.intent.name}; the next training run learns it.`
          : `${result.intent.name} already has this example.`,
        'success',
      );
    } catch (error) {
      notify(describeError(error), 'error');
      throw error;
    }
  }

  function addIntent(siteId: string, intent: { id: string; name: string }) {
    setIntentsBySite((current) => ({ ...current, [siteId]: [...(current[siteId] ?? []), intent] }));
  }

  function switchView(next: ConversationView) {
    setPanel('conversations');
    setView(next);
    setSearch('');
    const url = new URL(window.location.href);
    url.searchParams.set('view', next);
    window.history.replaceState(null, '', url);
    void loadView(next);
  }

  const visible = useMemo(
    () =>
      Object.values(state.conversations)
        .filter((conversation) => inView(conversation, view, me.userId))
        .sort(compareInView(view)),
    [state.conversations, view, me.userId],
  );

  // Search as the agent types, a little after they pause.
  useEffect(() => {
    const query = search.trim();
    const timer = setTimeout(() => {
      if (!query) return setHits(null);
      request('conversation:search', { query, limit: 30 })
        .then((result) => setHits(result.hits))
        .catch((error) => notify(describeError(error), 'error'));
    }, 250);
    return () => clearTimeout(timer);
  }, [search, request, notify]);

  // The deep link's conversation, once connected.
  const openedInitial = useRef(false);
  useEffect(() => {
    if (state.connection !== 'online' || openedInitial.current) return;
    openedInitial.current = true;
    if (setup.initialConversationId) select(setup.initialConversationId);
  });

  // Reading happens when the agent looks: coming back to the tab marks the open conversation read.
  useEffect(() => {
    const onVisible = () => {
      const current = stateRef.current.selectedId;
      if (!document.hidden && current) {
        const conversation = stateRef.current.conversations[current];
        if (conversation) markRead(current, conversation.lastSeq);
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  });

  // In-page badge in the tab title: people waiting plus unread in my conversations.
  const waiting = (state.counts?.unassigned ?? 0) + (state.counts?.mineUnread ?? 0);
  useEffect(() => {
    document.title = `${waiting ? `(${waiting}) ` : ''}Inbox — Hearth`;
  }, [waiting]);

  useEffect(() => {
    // Browser-only settings (localStorage, Notification), read after hydration to match the server render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setAskNotifications(shouldAskForNotifications());
    setMutedState(isMuted());
  }, []);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), toast.tone === 'error' ? 8000 : 5000);
    return () => clearTimeout(timer);
  }, [toast]);

  // Keyboard shortcuts (ignored while typing in a field or with a dialog open).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (document.querySelector('dialog[open]')) return;
      const list = hits ? hits.map((hit) => hit.conversation) : visible;
      const index = list.findIndex(
        (conversation) => conversation.id === stateRef.current.selectedId,
      );
      const shortcut = INBOX_VIEWS.find((item) => item.key === event.key);
      const act = (fn: () => void) => {
        event.preventDefault();
        fn();
      };
      if (shortcut) return act(() => switchView(shortcut.view));
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          if (list.length) act(() => select(list[Math.min(index + 1, list.length - 1)].id));
          return;
        case 'k':
        case 'ArrowUp':
          if (list.length) act(() => select(list[Math.max(index - 1, 0)].id));
          return;
        case '/':
          return act(() => searchRef.current?.focus());
        case '?':
          return act(() => setHelpOpen(true));
      }
      if (!selected || panel !== 'conversations') return;
      switch (event.key) {
        case 'r':
          return act(() => composerRef.current?.focus('reply'));
        case 'n':
          return act(() => composerRef.current?.focus('note'));
        case 't':
          return act(() => void runCommand('take-over'));
        case 'a':
          return act(() => void runCommand('assign-me'));
        case 'e':
          return act(() => void runCommand('resolve'));
        case 'o':
          return act(() => void runCommand('reopen'));
        case 'b':
          return act(() => void runCommand('hand-back'));
        case 'i':
          return act(() => setDetailsOpen((open) => !open));
        case 'Escape':
          return act(() => setDetailsOpen(false));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const online = state.presence.filter((agent) => agent.status === 'online');
  const away = state.presence.some(
    (agent) => agent.userId === me.userId && agent.status === 'away',
  );
  const outbox = state.outbox.filter((pending) => pending.conversationId === state.selectedId);
  const typingAgents = Object.entries(state.agentsTyping[state.selectedId ?? ''] ?? {})
    .filter(([agentId]) => agentId !== me.userId)
    .map(([, name]) => name);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-stone-200 bg-stone-100 px-3 py-1.5 text-sm">
        <div role="tablist" aria-label="Inbox sections" className="flex gap-1">
          {(
            [
              ['conversations', 'Conversations'],
              ['review', 'Teach the bot'],
              ['metrics', 'Metrics'],
            ] as const
          ).map(([key, label]) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={panel === key}
              onClick={() => setPanel(key)}
              data-testid={`panel-${key}`}
              className={`rounded px-2 py-1 ${panel === key ? 'bg-white font-medium shadow-xs' : 'text-stone-600 hover:bg-white/60'}`}
            >
              {label}
            </button>
          ))}
        </div>
        <span
          className={`ml-auto flex items-center gap-1.5 text-xs ${CONNECTION_TONE[state.connection].text}`}
          data-testid="connection-status"
          data-status={state.connection}
        >
          <span
            aria-hidden
            className={`inline-block size-2 rounded-full ${CONNECTION_TONE[state.connection].dot}`}
          />
          {state.connection === 'online'
            ? `${online.length} agent${online.length === 1 ? '' : 's'} online`
            : state.connection === 'connecting'
              ? 'Connecting…'
              : 'Reconnecting…'}
        </span>
        <button
          type="button"
          onClick={() => {
            request('presence:set', { status: away ? 'online' : 'away' })
              .then(({ agents }) => dispatch({ type: 'presence', agents }))
              .catch((error) => notify(describeError(error), 'error'));
          }}
          aria-pressed={away}
          title="Away: visitors see the offline notice unless another agent is online"
          data-testid="presence-toggle"
          className="rounded px-2 py-1 text-xs text-stone-600 hover:bg-white/60"
        >
          {away ? 'I am away' : 'I am available'}
        </button>
        {askNotifications ? (
          <button
            type="button"
            onClick={() => {
              void askForNotifications().then(() => setAskNotifications(false));
            }}
            className="rounded bg-blue-600 px-2 py-1 text-xs text-white"
          >
            Enable desktop notifications
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => {
            setMuted(!muted);
            setMutedState(!muted);
          }}
          aria-pressed={muted}
          className="rounded px-2 py-1 text-xs text-stone-600 hover:bg-white/60"
        >
          {muted ? 'Sound off' : 'Sound on'}
        </button>
        <button
          type="button"
          onClick={() => setHelpOpen(true)}
          className="rounded px-2 py-1 text-xs text-stone-600 hover:bg-white/60"
          aria-label="Keyboard shortcuts"
        >
          ?
        </button>
      </div>

      {toast ? (
        <div className="pointer-events-none fixed right-4 bottom-4 z-40 max-w-sm">
          <Notice tone={toast.tone}>{toast.text}</Notice>
        </div>
      ) : null}

      {panel === 'review' ? (
        <ReviewQueue
          request={request}
          intentsBySite={intentsBySite}
          onIntentCreated={addIntent}
          onNotice={notify}
        />
      ) : panel === 'metrics' ? (
        <MetricsPanel request={request} myUserId={me.userId} />
      ) : (
        <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
          <div className="shrink-0 bg-white lg:w-52 lg:border-r lg:border-stone-200">
            <ViewNav view={view} counts={state.counts} onSelect={switchView} />
          </div>
          <div className="flex min-h-0 min-w-0 flex-1">
            <div
              className={`${selected ? 'hidden md:flex' : 'flex'} w-full shrink-0 flex-col border-r border-stone-200 bg-white md:w-72 lg:w-80`}
            >
              <SearchBox ref={searchRef} value={search} onChange={setSearch} />
              <ConversationList
                conversations={visible}
                hits={hits}
                selectedId={state.selectedId}
                now={now}
                members={members}
                // Until the view's first page arrives, say so rather than "nobody is waiting".
                loading={loadingView || !(view in state.cursors)}
                canLoadMore={Boolean(state.cursors[view])}
                emptyText={EMPTY_TEXT[view]}
                onSelect={select}
                onLoadMore={() => void loadView(view, true)}
              />
            </div>
            {selected ? (
              <>
                <ConversationPane
                  conversation={selected}
                  messages={state.messages}
                  outbox={outbox}
                  details={state.details}
                  me={me}
                  members={setup.members}
                  presence={state.presence}
                  cannedResponses={setup.cannedResponses}
                  visitorTyping={Boolean(state.visitorTyping[selected.id])}
                  agentsTyping={typingAgents}
                  composerRef={composerRef}
                  busy={busy}
                  onCommand={(command) => void runCommand(command)}
                  onAssign={(assigneeId) => void assign(assigneeId)}
                  onSend={send}
                  onRetry={retry}
                  onTyping={(typing) => {
                    request('typing', { conversationId: selected.id, typing }).catch(() => {});
                  }}
                  onTeach={setTeaching}
                  onBack={() => select(null)}
                  onToggleDetails={() => setDetailsOpen((open) => !open)}
                />
                <DetailsPanel
                  className={
                    detailsOpen
                      ? 'fixed inset-y-0 right-0 z-30 flex shadow-xl xl:static xl:shadow-none'
                      : 'hidden xl:flex'
                  }
                  conversation={selected}
                  details={state.details}
                  onOpenConversation={(conversationId) => {
                    setDetailsOpen(false);
                    select(conversationId);
                  }}
                  onClose={() => setDetailsOpen(false)}
                  dataRightsCsrfToken={setup.me.role === 'admin' ? setup.csrfToken : null}
                />
              </>
            ) : (
              <div className="hidden flex-1 items-center justify-center text-sm text-stone-500 md:flex">
                Pick a conversation, or press <kbd className="mx-1 rounded border px-1">j</kbd> to
                open the first one.
              </div>
            )}
          </div>
        </div>
      )}

      {teaching && selected ? (
        <TeachDialog
          message={teaching}
          intents={intentsBySite[selected.siteId] ?? []}
          suggestion={(() => {
            const reply = state.messages.find(
              (message) => message.sender === 'bot' && message.seq > teaching.seq,
            );
            return guessWorthOffering(reply?.intent, reply?.confidence) ?? '';
          })()}
          onTeach={(name) => teach(teaching, name)}
          onClose={() => setTeaching(null)}
        />
      ) : null}
      {helpOpen ? <ShortcutsHelp onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
