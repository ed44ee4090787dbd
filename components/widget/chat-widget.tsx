import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { IdentifyRequest, VisitorMessage } from '@/lib/schemas/events';
import type { SiteLanguage, WidgetSettings } from '@/lib/schemas/site';
import { frameStorage, hostPageStorage, type WidgetStorage } from './browser-storage';
import { Composer } from './composer';
import { isEmbedded, listenToHost, postToHost } from './host-bridge';
import { HumanHelp } from './human-help';
import { readableOn } from './launcher-appearance';
import { MessageList } from './message-list';
import { RatingPrompt } from './rating-prompt';
import type { WidgetStrings } from './strings';
import { useVisitorConnection } from './use-visitor-connection';

export interface ChatWidgetProps {
  siteKey: string;
  /** Origin of the page that embeds us; every postMessage goes to exactly this origin. */
  hostOrigin: string;
  pageUrl: string | null;
  language: SiteLanguage;
  /** The widget's words in `language` (components/widget/strings*.ts), sent with the page. */
  strings: WidgetStrings;
  settings: WidgetSettings;
  offlineMessage: string;
}

/** The chat panel inside the iframe. The loader on the host page shows, hides and sizes it. */
export function ChatWidget({
  siteKey,
  hostOrigin,
  pageUrl,
  language,
  strings,
  settings,
  offlineMessage,
}: ChatWidgetProps) {
  const accent = { background: settings.color, text: readableOn(settings.color) };
  const embedded = isEmbedded();
  // Opened on its own (not in a host page), the chat is simply open.
  const [open, setOpen] = useState(!embedded);
  const openRef = useRef(open);
  // Covering the whole page (a phone), the panel is modal: Tab stays inside it.
  const fullScreen = useRef(false);
  const unread = useRef(0);
  const pendingIdentity = useRef<IdentifyRequest | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  const onMessage = useCallback(
    (message: VisitorMessage) => {
      postToHost(hostOrigin, {
        type: 'hearth:message',
        message: { sender: message.sender, body: message.body, createdAt: message.createdAt },
      });
      // Replies, as the loader's unread check counts them (lib/conversations/count-visitor-unread.ts).
      if (!openRef.current && (message.sender === 'bot' || message.sender === 'agent')) {
        unread.current += 1;
        postToHost(hostOrigin, { type: 'hearth:unread', count: unread.current });
      }
    },
    [hostOrigin],
  );
  const [storage] = useState<WidgetStorage & { load?(entries: Record<string, string>): void }>(
    () =>
      embedded
        ? hostPageStorage((key, value) =>
            postToHost(hostOrigin, { type: 'hearth:store', key, value }),
          )
        : frameStorage(),
  );
  const { connection, state } = useVisitorConnection({
    siteKey,
    hostOrigin,
    pageUrl,
    storage,
    onMessage,
  });

  const show = useCallback(
    (visible: boolean) => {
      openRef.current = visible;
      setOpen(visible);
      if (visible) {
        unread.current = 0;
        postToHost(hostOrigin, { type: 'hearth:unread', count: 0 });
        requestAnimationFrame(() => input.current?.focus());
      }
    },
    [hostOrigin],
  );
  const close = useCallback(() => {
    show(false);
    postToHost(hostOrigin, { type: 'hearth:closed' });
  }, [show, hostOrigin]);

  // Escape closes the chat wherever its focus is, the page body included.
  useEffect(() => {
    if (!embedded) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [embedded, close]);

  useEffect(() => {
    const stop = listenToHost(hostOrigin, (command) => {
      if (command.type === 'hearth:storage') storage.load?.(command.entries);
      if (command.type === 'hearth:open') {
        fullScreen.current = command.fullScreen;
        show(true);
      }
      if (command.type === 'hearth:close') show(false);
      if (command.type === 'hearth:identify') pendingIdentity.current = command.identity;
      if (command.type === 'hearth:identify' && connection.state.connection === 'online') {
        void connection.identify(command.identity);
        pendingIdentity.current = null;
      }
    });
    postToHost(hostOrigin, { type: 'hearth:ready' });
    return stop;
  }, [connection, storage, hostOrigin, show]);

  useEffect(() => {
    if (state.connection !== 'online' || !pendingIdentity.current) return;
    void connection.identify(pendingIdentity.current);
    pendingIdentity.current = null;
  }, [connection, state.connection]);

  // Read receipts: what is on screen while the panel is open has been seen.
  const lastSeq = state.messages.at(-1)?.seq;
  useEffect(() => {
    if (!open || lastSeq === undefined) return;
    const timer = setTimeout(() => {
      if (document.visibilityState === 'visible') connection.markRead();
    }, 500);
    return () => clearTimeout(timer);
  }, [connection, open, lastSeq]);

  return (
    <section
      aria-label={settings.title}
      className="flex h-dvh flex-col bg-white text-stone-900"
      onKeyDown={(event) => {
        if (event.key === 'Tab' && fullScreen.current) keepFocusInside(event);
      }}
    >
      <header
        className="flex items-center gap-3 px-4 py-3"
        style={{ background: accent.background, color: accent.text }}
      >
        {settings.avatarUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- a site's own avatar, any host
          <img src={settings.avatarUrl} alt="" className="h-8 w-8 rounded-full object-cover" />
        )}
        <h1 className="flex-1 truncate text-base font-semibold">{settings.title}</h1>
        {embedded && (
          <button
            type="button"
            onClick={close}
            aria-label={strings.closeChat}
            className="rounded-md p-1 text-xl leading-none focus-visible:outline-2 focus-visible:outline-offset-2"
          >
            <span aria-hidden>×</span>
          </button>
        )}
      </header>
      {state.connection !== 'online' && (
        <p role="status" className="bg-stone-100 px-4 py-1 text-xs text-stone-600">
          {state.connection === 'refused'
            ? strings.refused
            : state.connection === 'connecting'
              ? strings.connecting
              : strings.reconnecting}
        </p>
      )}
      {state.notice?.code === 'rate_limited' && (
        <p role="alert" className="bg-amber-50 px-4 py-1 text-xs text-amber-900">
          {strings.errors.rate_limited}
        </p>
      )}
      <MessageList
        state={state}
        greeting={settings.greeting}
        strings={strings}
        language={language}
        accent={accent}
        onChoice={(choice) => connection.send(choice.label, choice)}
        onRetry={(clientId) => connection.retry(clientId)}
        onDiscard={(clientId) => connection.discard(clientId)}
      />
      {state.conversation?.status === 'resolved' && (
        <RatingPrompt
          key={state.conversation.id}
          conversation={state.conversation}
          strings={strings}
          accent={accent}
          onRate={async (score, comment) => (await connection.rate(score, comment)).ok}
        />
      )}
      <HumanHelp
        state={state}
        strings={strings}
        offlineMessage={offlineMessage}
        accent={accent}
        onAskForHuman={() => {
          void connection.askForHuman();
          // The link goes once clicked; the focus would fall to the page.
          input.current?.focus();
        }}
        onLeaveEmail={async (email) => (await connection.leaveEmail(email)).ok}
      />
      <Composer
        strings={strings}
        accent={accent}
        inputRef={input}
        onSend={(body) => connection.send(body)}
        onTyping={(typing) => connection.setTypingState(typing)}
      />
    </section>
  );
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepFocusInside(event: KeyboardEvent<HTMLElement>): void {
  const controls = Array.from(
    event.currentTarget.querySelectorAll<HTMLElement>(
      'a[href], button:not(:disabled), input:not(:disabled), textarea:not(:disabled), [tabindex="0"]',
    ),
  );
  const edge = event.shiftKey ? controls[0] : controls.at(-1);
  if (!edge || document.activeElement !== edge) return;
  event.preventDefault();
  (event.shiftKey ? controls.at(-1) : controls[0])?.focus();
}
