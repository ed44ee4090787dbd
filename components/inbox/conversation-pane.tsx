'use client';

import { useEffect, useRef, type RefObject } from 'react';
import type { AgentConversation, AgentMessage, AgentPresence } from '@/lib/schemas/events';
import type { ConversationDetails } from '@/lib/schemas/inbox';
import { Button } from '@/components/ui/button';
import { Composer, type ComposerHandle } from './composer';
import type { PendingMessage } from './inbox-state';
import { MessageItem, PendingItem } from './message-item';
import type { InboxMember, InboxSetup } from './types';
import { visitorLabel } from './views';
import { VisitorName } from './visitor-name';

export type ConversationCommand = 'take-over' | 'assign-me' | 'resolve' | 'reopen' | 'hand-back';

export function ConversationPane({
  conversation,
  messages,
  outbox,
  details,
  me,
  members,
  presence,
  cannedResponses,
  visitorTyping,
  agentsTyping,
  composerRef,
  busy,
  onCommand,
  onAssign,
  onSend,
  onRetry,
  onTyping,
  onTeach,
  onBack,
  onToggleDetails,
}: {
  conversation: AgentConversation;
  messages: AgentMessage[];
  outbox: PendingMessage[];
  details: ConversationDetails | null;
  me: InboxMember;
  members: InboxMember[];
  presence: AgentPresence[];
  cannedResponses: InboxSetup['cannedResponses'];
  visitorTyping: boolean;
  agentsTyping: string[];
  composerRef: RefObject<ComposerHandle | null>;
  busy: boolean;
  onCommand: (command: ConversationCommand) => void;
  onAssign: (assigneeId: string | null) => void;
  onSend: (body: string, isPrivate: boolean) => void;
  onRetry: (clientId: string) => void;
  onTyping: (typing: boolean) => void;
  onTeach: (message: AgentMessage) => void;
  onBack: () => void;
  onToggleDetails: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const lastSeq = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [lastSeq, outbox.length, conversation.id]);

  const versions = new Map(details?.modelVersions.map((version) => [version.id, version.version]));
  const online = new Set(
    presence.filter((agent) => agent.status === 'online').map((agent) => agent.userId),
  );
  const status = conversation.status;
  const lastAgentReply = messages.findLast(
    (message) => message.sender === 'agent' && !message.isPrivate,
  );

  return (
    <section
      className="flex min-h-0 min-w-0 flex-1 flex-col bg-stone-50"
      aria-label={`Conversation with ${visitorLabel(conversation)}`}
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-stone-200 bg-white px-3 py-2">
        <button
          type="button"
          onClick={onBack}
          className="rounded px-1.5 py-1 text-sm text-stone-600 hover:bg-stone-100 md:hidden"
          aria-label="Back to the list"
        >
          ←
        </button>
        {/* At least 10rem for the name: on a phone the controls wrap below it instead of hiding it. */}
        <div className="min-w-40 flex-1">
          <h2
            className="flex items-center gap-1 text-sm font-semibold"
            data-testid="conversation-title"
          >
            <VisitorName conversation={conversation} />
          </h2>
          <p className="truncate text-xs text-stone-500">
            <span data-testid="conversation-status">
              {status === 'open'
                ? 'Needs a human'
                : status === 'bot'
                  ? 'With the bot'
                  : status === 'pending'
                    ? 'Waiting on the visitor'
                    : 'Resolved'}
            </span>
            {conversation.contactEmail ? ` · left ${conversation.contactEmail}` : ''}
          </p>
        </div>
        {status !== 'resolved' ? (
          <>
            <label className="sr-only" htmlFor="assignee">
              Assignee
            </label>
            <select
              id="assignee"
              data-testid="assignee-select"
              value={conversation.assigneeId ?? ''}
              disabled={busy}
              onChange={(event) => onAssign(event.target.value || null)}
              className="max-w-40 rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
            >
              <option value="">Unassigned</option>
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.userId === me.userId ? `${member.name} (me)` : member.name}
                  {online.has(member.userId) ? ' ●' : ''}
                </option>
              ))}
            </select>
          </>
        ) : null}
        {status === 'bot' || (status !== 'resolved' && conversation.assigneeId !== me.userId) ? (
          <Button
            size="sm"
            onClick={() => onCommand('take-over')}
            disabled={busy}
            data-testid="take-over"
            title="Take over (t)"
          >
            Take over
          </Button>
        ) : null}
        {status === 'open' || status === 'pending' ? (
          <>
            <Button
              size="sm"
              tone="secondary"
              onClick={() => onCommand('hand-back')}
              disabled={busy}
              data-testid="hand-back"
              title="Hand back to the bot (b)"
            >
              Back to bot
            </Button>
            <Button
              size="sm"
              tone="secondary"
              onClick={() => onCommand('resolve')}
              disabled={busy}
              data-testid="resolve"
              title="Resolve (e)"
            >
              Resolve
            </Button>
          </>
        ) : null}
        {status === 'resolved' ? (
          <Button
            size="sm"
            tone="secondary"
            onClick={() => onCommand('reopen')}
            disabled={busy}
            data-testid="reopen"
            title="Reopen (o)"
          >
            Reopen
          </Button>
        ) : null}
        <Button
          size="sm"
          tone="ghost"
          onClick={onToggleDetails}
          title="Visitor details (i)"
          className="xl:hidden"
        >
          Details
        </Button>
      </header>
      {conversation.handoffReason && status === 'open' ? (
        <p
          className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900"
          data-testid="handoff-reason"
        >
          Handed over: {conversation.handoffReason}
        </p>
      ) : null}
      {/* The log is a tab stop, so the keyboard can scroll back through a long conversation. */}
      <div
        ref={scroller}
        role="log"
        aria-label="Messages"
        tabIndex={0}
        className="min-h-0 flex-1 overflow-y-auto px-3 py-3 focus-visible:-outline-offset-2"
        data-testid="message-log"
      >
        <ol className="space-y-2.5" data-testid="messages">
          {messages.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              modelVersion={
                message.modelVersionId ? versions.get(message.modelVersionId) : undefined
              }
              seenByVisitor={
                message === lastAgentReply && conversation.visitorReadSeq >= message.seq
              }
              onTeach={onTeach}
            />
          ))}
          {outbox.map((pending) => (
            <PendingItem
              key={pending.clientId}
              pending={pending}
              onRetry={() => onRetry(pending.clientId)}
            />
          ))}
        </ol>
      </div>
      <p
        className="h-5 px-3 text-xs text-stone-500"
        aria-live="polite"
        data-testid="typing-indicator"
      >
        {visitorTyping
          ? 'The visitor is typing…'
          : agentsTyping.length
            ? `${agentsTyping.join(', ')} typing…`
            : ''}
      </p>
      <Composer
        key={conversation.id}
        ref={composerRef}
        conversationId={conversation.id}
        cannedResponses={cannedResponses}
        onSend={onSend}
        onTyping={onTyping}
      />
      {status === 'bot' ? (
        <p className="bg-violet-50 px-3 py-1 text-[11px] text-violet-800">
          The bot is answering. Replying takes the conversation over.
        </p>
      ) : null}
    </section>
  );
}
