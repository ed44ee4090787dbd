import { useEffect, useRef } from 'react';
import type { VisitorMessage } from '@/lib/schemas/events';
import type { Choice } from '@/lib/schemas/message';
import type { SiteLanguage } from '@/lib/schemas/site';
import type { ChatState, OutboxItem } from './visitor-connection';
import type { WidgetStrings } from './strings';
import { Markdown } from './markdown';

interface MessageListProps {
  state: ChatState;
  greeting: string;
  strings: WidgetStrings;
  language: SiteLanguage;
  accent: { background: string; text: string };
  onChoice(choice: Choice): void;
  onRetry(clientId: string): void;
  onDiscard(clientId: string): void;
}

/** The conversation, oldest first; message text is always rendered as text, never as HTML. */
export function MessageList({
  state,
  greeting,
  strings,
  language,
  accent,
  onChoice,
  onRetry,
  onDiscard,
}: MessageListProps) {
  const end = useRef<HTMLDivElement>(null);
  const { messages, outbox, draft, conversation } = state;
  const time = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : language, {
    hour: 'numeric',
    minute: '2-digit',
  });
  const lastVisitorSeq = messages.findLast((message) => message.sender === 'visitor')?.seq;
  const last = messages.at(-1);
  const choices = last?.sender === 'bot' && !draft && outbox.length === 0 ? last.choices : [];

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, outbox.length, draft?.text, state.botTyping, state.agentTyping]);

  // Panels that open below the list (offline notice, rating) shrink it: keep the newest message in view.
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = list.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => end.current?.scrollIntoView({ block: 'end' }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const author = (message: VisitorMessage) =>
    message.sender === 'visitor'
      ? strings.you
      : message.sender === 'agent'
        ? (message.authorName ?? strings.agent)
        : strings.assistant;

  return (
    <div ref={list} className="flex-1 overflow-y-auto px-4 py-3">
      {/* The log is a wrapper: the <ol> keeps its list semantics. Items keep their key (the client
          id) from "sending" to "sent", so a screen reader reads the visitor's message once. */}
      <div role="log" aria-label={strings.conversation} tabIndex={0} className="outline-offset-2">
        <ol className="space-y-3">
          {greeting && (
            <li className="flex flex-col items-start">
              <span className="sr-only">{strings.assistant}:</span>
              <p className="max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-bl-sm bg-stone-100 px-3 py-2 text-sm">
                {greeting}
              </p>
            </li>
          )}
          {/* One array for messages and the outbox: an item moving from one to the other keeps
              its element only within the same array. */}
          {[
            ...messages.map((message) => {
              const mine = message.sender === 'visitor';
              const seen =
                conversation?.id === message.conversationId &&
                (conversation?.agentReadSeq ?? 0) >= message.seq;
              return (
                <li
                  key={message.clientId ?? message.id}
                  className={`flex flex-col ${mine ? 'items-end' : 'items-start'}`}
                  data-sender={message.sender}
                >
                  {mine ? (
                    <span className="sr-only">{strings.you}:</span>
                  ) : (
                    <span className="mb-0.5 text-xs text-stone-600">{author(message)}</span>
                  )}
                  {message.sender === 'bot' ? (
                    <div
                      className="max-w-[85%] break-words rounded-2xl rounded-bl-sm bg-stone-100 px-3 py-2 text-sm"
                      data-testid="message-body"
                    >
                      <Markdown source={message.body} />
                    </div>
                  ) : (
                    <p
                      className={`max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm ${mine ? 'rounded-br-sm' : 'rounded-bl-sm bg-stone-100'}`}
                      style={
                        mine ? { background: accent.background, color: accent.text } : undefined
                      }
                      data-testid="message-body"
                    >
                      {message.body}
                    </p>
                  )}
                  {message.citations.length > 0 && (
                    <div className="mt-1 max-w-[85%] text-xs text-stone-600">
                      <span>{strings.sources}: </span>
                      {message.citations.map((citation, index) => (
                        <span key={citation.articleId}>
                          {index > 0 && ', '}
                          {citation.url && /^https?:\/\//.test(citation.url) ? (
                            <a
                              href={citation.url}
                              target="_blank"
                              rel="noopener noreferrer"
                              className="underline"
                            >
                              {citation.title}
                            </a>
                          ) : (
                            citation.title
                          )}
                        </span>
                      ))}
                    </div>
                  )}
                  <span className="mt-0.5 text-[11px] text-stone-600">
                    <time dateTime={message.createdAt}>
                      {time.format(new Date(message.createdAt))}
                    </time>
                    {mine && message.seq === lastVisitorSeq && (
                      <> · {seen ? strings.seen : strings.sent}</>
                    )}
                  </span>
                </li>
              );
            }),
            ...outbox.map((item) => pendingMessage(item, { strings, accent, onRetry, onDiscard })),
          ]}
          {draft && (
            <li className="flex flex-col items-start" aria-busy="true">
              <span className="mb-0.5 text-xs text-stone-600">{strings.assistant}</span>
              <p
                className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-bl-sm bg-stone-100 px-3 py-2 text-sm"
                data-testid="draft"
              >
                {draft.text}
              </p>
            </li>
          )}
        </ol>
      </div>
      {(state.botTyping && !draft) || state.agentTyping !== null ? (
        <p role="status" className="mt-2 flex items-center gap-2 text-xs text-stone-500">
          <span aria-hidden className="inline-flex gap-0.5">
            {[0, 1, 2].map((dot) => (
              <span
                key={dot}
                className="h-1.5 w-1.5 animate-bounce rounded-full bg-stone-400"
                style={{ animationDelay: `${dot * 150}ms` }}
              />
            ))}
          </span>
          {state.agentTyping === null
            ? strings.botTyping
            : state.agentTyping
              ? strings.agentTyping.replace('{name}', state.agentTyping)
              : strings.someoneTyping}
        </p>
      ) : null}
      {choices.length > 0 && (
        <div role="group" aria-label={strings.suggestions} className="mt-3 flex flex-wrap gap-2">
          {choices.map((choice) => (
            <button
              key={choice.label}
              type="button"
              onClick={() => onChoice(choice)}
              className="rounded-full border px-3 py-1 text-sm hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-offset-2"
              style={{ borderColor: accent.background, color: accent.background }}
            >
              {choice.label}
            </button>
          ))}
        </div>
      )}
      <div ref={end} />
    </div>
  );
}

/**
 * An unsent message, drawn as a plain function (not a component) with the same <li>, key and body
 * as the message it becomes, so acknowledging it updates the item instead of replacing it.
 */
function pendingMessage(
  item: OutboxItem,
  {
    strings,
    accent,
    onRetry,
    onDiscard,
  }: {
    strings: WidgetStrings;
    accent: { background: string; text: string };
    onRetry(clientId: string): void;
    onDiscard(clientId: string): void;
  },
) {
  const failed = item.state === 'failed';
  return (
    <li
      key={item.clientId}
      className="flex flex-col items-end"
      data-sender="visitor"
      data-state={item.state}
    >
      <span className="sr-only">{strings.you}:</span>
      <p
        className={`max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-sm px-3 py-2 text-sm ${failed ? '' : 'opacity-70'}`}
        style={
          failed
            ? { background: '#fee2e2', color: '#7f1d1d' }
            : { background: accent.background, color: accent.text }
        }
        data-testid="message-body"
      >
        {item.body}
      </p>
      {failed ? (
        <span className="mt-0.5 flex items-center gap-2 text-[11px] text-red-700" role="alert">
          {strings.failed}
          {item.error && <span>— {strings.errors[item.error.code]}</span>}
          <button
            type="button"
            onClick={() => onRetry(item.clientId)}
            className="font-medium underline"
          >
            {strings.retry}
          </button>
          <button type="button" onClick={() => onDiscard(item.clientId)} className="underline">
            {strings.remove}
          </button>
        </span>
      ) : (
        <span className="mt-0.5 text-[11px] text-stone-600">{strings.sending}</span>
      )}
    </li>
  );
}
