'use client';

import type { AgentMessage } from '@/lib/schemas/events';
import type { PendingMessage } from './inbox-state';
import { ChoiceChips, CitationList } from '@/components/ui/bot-message-extras';
import { Markdown } from '@/components/ui/markdown';

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** What produced a bot message: intent, confidence and model version, for the agent to judge it. */
function BotProvenance({
  message,
  modelVersion,
}: {
  message: AgentMessage;
  modelVersion: number | undefined;
}) {
  // Without an intent the confidence is of a guess the bot did not act on: not shown.
  const parts = [
    message.intent ? `intent ${message.intent}` : 'no intent',
    message.intent && message.confidence !== null
      ? `${Math.round(message.confidence * 100)}% sure`
      : null,
    message.modelVersionId ? `model v${modelVersion ?? '?'}` : null,
  ].filter(Boolean);
  return (
    <p className="mt-1 text-[11px] text-violet-700" data-testid="bot-provenance">
      {parts.join(' · ')}
    </p>
  );
}

export function MessageItem({
  message,
  modelVersion,
  seenByVisitor,
  onTeach,
}: {
  message: AgentMessage;
  modelVersion: number | undefined;
  seenByVisitor: boolean;
  onTeach: (message: AgentMessage) => void;
}) {
  if (message.sender === 'system') {
    return (
      <li
        className="py-1 text-center text-xs text-stone-500"
        data-testid="message"
        data-sender="system"
      >
        {message.body} · {time(message.createdAt)}
      </li>
    );
  }
  const mine = message.sender === 'agent';
  const bubble = message.isPrivate
    ? 'border border-dashed border-amber-400 bg-amber-50 text-stone-900'
    : message.sender === 'agent'
      ? 'bg-blue-600 text-white'
      : message.sender === 'bot'
        ? 'border border-violet-200 bg-violet-50 text-stone-900'
        : 'bg-white border border-stone-200 text-stone-900';
  const who = message.isPrivate
    ? `Private note · ${message.authorName ?? 'Agent'}`
    : message.sender === 'agent'
      ? (message.authorName ?? 'Agent')
      : message.sender === 'bot'
        ? 'Bot'
        : 'Visitor';
  return (
    <li
      className={`group flex flex-col ${mine ? 'items-end' : 'items-start'}`}
      data-testid="message"
      data-sender={message.sender}
      data-private={message.isPrivate ? 'true' : undefined}
    >
      <span className="mb-0.5 text-[11px] text-stone-500">
        {who} · {time(message.createdAt)}
      </span>
      <div
        className={`max-w-[85%] rounded-lg px-3 py-2 text-sm whitespace-pre-wrap break-words ${bubble}`}
      >
        {message.sender === 'bot' ? (
          <Markdown source={message.body} className="space-y-2 whitespace-normal" />
        ) : (
          message.body
        )}
        {message.sender === 'bot' ? (
          <BotProvenance message={message} modelVersion={modelVersion} />
        ) : null}
        <ChoiceChips
          choices={message.choices}
          className="mt-1.5"
          chipClassName="border-violet-300 px-2 py-0.5 text-[11px]"
        />
        <CitationList
          citations={message.citations}
          className="mt-1.5 space-y-0.5 border-t border-violet-200 pt-1 text-[11px]"
          linkClassName="underline"
        />
      </div>
      <div className="mt-0.5 flex gap-2 text-[11px] text-stone-500">
        {message.sender === 'visitor' ? (
          <button
            type="button"
            onClick={() => onTeach(message)}
            className="text-violet-700 hover:underline"
            data-testid="teach-message"
          >
            Teach the bot
          </button>
        ) : null}
        {mine && !message.isPrivate && seenByVisitor ? <span data-testid="seen">Seen</span> : null}
      </div>
    </li>
  );
}

export function PendingItem({
  pending,
  onRetry,
}: {
  pending: PendingMessage;
  onRetry: () => void;
}) {
  return (
    <li className="flex flex-col items-end" data-testid="pending-message">
      <div
        className={`max-w-[85%] rounded-lg px-3 py-2 text-sm whitespace-pre-wrap break-words ${
          pending.isPrivate
            ? 'border border-dashed border-amber-400 bg-amber-50'
            : 'bg-blue-600 text-white'
        }`}
      >
        {pending.body}
      </div>
      <span className="mt-0.5 text-[11px] text-stone-500">
        {pending.state === 'sending' ? (
          'Sending…'
        ) : (
          <>
            <span className="text-red-700">Not sent.</span>{' '}
            <button type="button" onClick={onRetry} className="underline">
              Retry
            </button>
          </>
        )}
      </span>
    </li>
  );
}
