/**
 * The widget loader, bundled to /widget.js. A website embeds it with one tag:
 *   <script src="https://HOST/widget.js" data-site-key="KEY" async></script>
 * It draws the launcher itself in a shadow root (the site's look from one small cached request), so
 * the page's CSS and ours never mix and a visitor who never chats pays for nothing more. The chat,
 * an iframe served by HOST, loads on intent: hover or focus of the launcher, a click,
 * `Hearth.open()`, or replies the visitor has not read yet. The loader talks to it by postMessage
 * to HOST's exact origin.
 *
 * JS API on the page: Hearth.open(), Hearth.close(), Hearth.toggle(),
 *   Hearth.identify({ id, name?, email?, hash? })  — hash: hex HMAC-SHA256 of id with the site's secret
 *   Hearth.on(event, listener), Hearth.off(event, listener) — events: ready (the launcher is shown),
 *   open, close, message
 * Calls made before the script has loaded are queued with the usual stub:
 *   window.Hearth = window.Hearth || function () { (Hearth.q = Hearth.q || []).push(arguments); };
 *   Hearth('identify', { id: 'user-1', hash: '…' });
 * No framework, no runtime dependencies: only types are imported.
 */
import type {
  EmbedNotice,
  HostCommand,
  IdentifyRequest,
  LauncherAppearance,
  VisitorUnreadResult,
} from '../lib/schemas/events';

type HearthEvent = 'ready' | 'open' | 'close' | 'message';
type Listener = (detail?: unknown) => void;
interface HearthApi {
  (method: string, ...args: unknown[]): void;
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: IdentifyRequest): void;
  on(event: HearthEvent, listener: Listener): void;
  off(event: HearthEvent, listener: Listener): void;
}
type Queued = { q?: ArrayLike<unknown>[] };
declare global {
  interface Window {
    Hearth?: HearthApi | (((...args: unknown[]) => void) & Queued);
  }
}

// Below this width the chat covers the page (and keeps the focus inside it).
const FULL_SCREEN = '(max-width:480px)';
const STYLE = `
:host{all:initial}
.l{position:fixed;bottom:20px;right:20px;z-index:2147483646;display:none;align-items:center;gap:8px;height:52px;
padding:0 20px;border:0;border-radius:26px;font:600 15px/1 system-ui,-apple-system,sans-serif;cursor:pointer;
box-shadow:0 4px 14px rgba(0,0,0,.25)}
.l.on{display:flex}.l:focus-visible{outline:3px solid #111;outline-offset:3px}
.left .l,.left .f{right:auto;left:20px}
.b{display:none;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;border-radius:10px;background:#dc2626;
color:#fff;font-size:12px;align-items:center;justify-content:center}
.b.on{display:flex}
.s{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.f{position:fixed;bottom:84px;right:20px;z-index:2147483647;width:380px;height:min(640px,calc(100vh - 104px));border:0;
border-radius:16px;background:#fff;box-shadow:0 12px 40px rgba(0,0,0,.25);visibility:hidden;opacity:0;
transform:translateY(8px);transition:opacity .15s,transform .15s,visibility 0s .15s}
.open .f{visibility:visible;opacity:1;transform:none;transition:opacity .15s,transform .15s}
@media ${FULL_SCREEN}{.f{inset:0;width:100%;height:100%;border-radius:0}.open .l{display:none}}
@media (prefers-reduced-motion:reduce){.f{transition:none}}`;

const ICON =
  '<svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">' +
  '<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>';

function start(script: HTMLScriptElement, siteKey: string): void {
  const appOrigin = new URL(script.src).origin;
  // The iframe's keys, kept in this page's storage: browsers often deny a third-party iframe its own.
  const prefix = `hearth:${siteKey}:`;
  const listeners: Record<string, Listener[]> = {};
  const pending: HostCommand[] = [];
  let frame: HTMLIFrameElement | null = null;
  let appearance: LauncherAppearance | null = null;
  let ready = false;
  let open = false;
  // Replies unread when the page loaded (asked from the server) and those the chat saw arrive since.
  const unread = { atLoad: 0, live: 0, announced: 0 };

  const host = document.createElement('div');
  host.setAttribute('data-hearth', '');
  const root = host.attachShadow({ mode: 'open' });
  const wrap = document.createElement('div');
  const style = document.createElement('style');
  style.textContent = STYLE;
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'l';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.innerHTML = ICON;
  const label = document.createElement('span');
  const badge = document.createElement('span');
  badge.className = 'b';
  badge.setAttribute('aria-hidden', 'true');
  launcher.append(label, badge);
  // Replies that arrive while the chat is closed are said here, once each.
  const announcer = document.createElement('div');
  announcer.className = 's';
  announcer.setAttribute('role', 'status');
  wrap.append(launcher, announcer);
  root.append(style, wrap);
  document.body.append(host);

  const emit = (event: HearthEvent, detail?: unknown) => {
    for (const listener of listeners[event] ?? []) {
      try {
        listener(detail);
      } catch (error) {
        console.error('Hearth listener failed', error);
      }
    }
  };
  const post = (command: HostCommand) => {
    if (ready && frame) frame.contentWindow?.postMessage(command, appOrigin);
    else pending.push(command);
  };
  const loadChat = (): HTMLIFrameElement => {
    if (frame) return frame;
    frame = document.createElement('iframe');
    frame.className = 'f';
    frame.title = appearance?.title ?? 'Chat';
    frame.src =
      `${appOrigin}/embed/${encodeURIComponent(siteKey)}?origin=${encodeURIComponent(location.origin)}` +
      `&page=${encodeURIComponent(location.href.slice(0, 1000))}`;
    wrap.prepend(frame);
    return frame;
  };
  const showUnread = () => {
    const count = open ? 0 : unread.atLoad + unread.live;
    const words =
      count === 1
        ? appearance?.unreadOne
        : appearance?.unreadMany.replace('{count}', String(count));
    const name = appearance?.text ? `${appearance.label}: ${appearance.text}` : appearance?.label;
    launcher.setAttribute('aria-label', count && words ? `${name}, ${words}` : (name ?? ''));
    badge.textContent = count > 9 ? '9+' : String(count);
    badge.classList.toggle('on', count > 0);
    if (count > unread.announced && words) announcer.textContent = words;
    unread.announced = count;
  };
  const setOpen = (value: boolean, fromFrame = false) => {
    if (value === open) return;
    const focusWasInside = document.activeElement === host;
    const chat = loadChat();
    open = value;
    wrap.classList.toggle('open', value);
    launcher.setAttribute('aria-expanded', String(value));
    if (value) unread.atLoad = 0;
    showUnread();
    if (!fromFrame) {
      post(
        value
          ? { type: 'hearth:open', fullScreen: matchMedia(FULL_SCREEN).matches }
          : { type: 'hearth:close' },
      );
    }
    if (value) chat.focus();
    else if (fromFrame || focusWasInside) launcher.focus();
    emit(value ? 'open' : 'close');
  };
  const showLauncher = (look: LauncherAppearance) => {
    appearance = look;
    launcher.style.background = look.color;
    launcher.style.color = look.textColor;
    label.textContent = look.text;
    if (frame) frame.title = look.title;
    wrap.classList.toggle('left', look.position === 'left');
    showUnread();
    launcher.classList.add('on');
    emit('ready');
    window.dispatchEvent(new CustomEvent('hearth:ready'));
  };

  // Intent: the chat starts loading as the pointer or the focus reaches the launcher.
  launcher.addEventListener('pointerenter', loadChat);
  launcher.addEventListener('focus', loadChat);
  launcher.addEventListener('click', () => setOpen(!open));
  window.addEventListener('message', (event: MessageEvent) => {
    if (!frame || event.origin !== appOrigin || event.source !== frame.contentWindow) return;
    const notice = event.data as EmbedNotice | null;
    if (!notice || typeof notice.type !== 'string') return;
    if (notice.type === 'hearth:ready') {
      ready = true;
      post({ type: 'hearth:storage', entries: readStorage(prefix) });
      pending.splice(0).forEach(post);
    } else if (notice.type === 'hearth:store') {
      if (typeof notice.key === 'string' && notice.key.startsWith(prefix))
        writeStorage(notice.key, notice.value);
    } else if (notice.type === 'hearth:closed') {
      setOpen(false, true);
    } else if (notice.type === 'hearth:unread') {
      unread.live = Number(notice.count) || 0;
      showUnread();
    } else if (notice.type === 'hearth:message') {
      emit('message', notice.message);
    }
  });

  const methods = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    identify: (identity: IdentifyRequest) => {
      if (identity && typeof identity.id === 'string') post({ type: 'hearth:identify', identity });
    },
    on: (event: HearthEvent, listener: Listener) => {
      (listeners[event] ??= []).push(listener);
    },
    off: (event: HearthEvent, listener: Listener) => {
      listeners[event] = (listeners[event] ?? []).filter((known) => known !== listener);
    },
  };
  const api = Object.assign((method: string, ...args: unknown[]) => {
    const call = methods[method as keyof typeof methods] as
      ((...values: unknown[]) => void) | undefined;
    call?.(...args);
  }, methods) as HearthApi;
  const queued = (window.Hearth as Queued | undefined)?.q ?? [];
  window.Hearth = api;
  for (const args of Array.from(queued)) api(...(Array.from(args) as [string, ...unknown[]]));

  fetch(`${appOrigin}/api/widget/launcher/${encodeURIComponent(siteKey)}`, { credentials: 'omit' })
    .then((response) => (response.ok ? (response.json() as Promise<LauncherAppearance>) : null))
    .then((look) => look && showLauncher(look))
    .catch(() => {}); // no launcher: the site does not allow this page, or the server is down
  const token = readStorage(prefix)[`${prefix}token`];
  if (token) {
    // text/plain: a simple request, so no CORS preflight. Unread replies load the chat at once.
    fetch(`${appOrigin}/api/widget/unread`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ siteKey, token }),
    })
      .then((response) => (response.ok ? (response.json() as Promise<VisitorUnreadResult>) : null))
      .then((result) => {
        if (!result?.unread || open) return;
        unread.atLoad = result.unread;
        showUnread();
        loadChat();
      })
      .catch(() => {});
  }
}

function readStorage(prefix: string): Record<string, string> {
  const entries: Record<string, string> = {};
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix)) entries[key] = localStorage.getItem(key) ?? '';
    }
  } catch {
    // Storage disabled: the chat still works, for this page only.
  }
  return entries;
}

function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, String(value));
  } catch {
    // Storage disabled or full: nothing to keep.
  }
}

const script = (document.currentScript ??
  document.querySelector('script[data-site-key][src*="widget.js"]')) as HTMLScriptElement | null;
const siteKey = script?.dataset.siteKey;
if (script && siteKey && !document.querySelector('[data-hearth]')) {
  if (document.body) start(script, siteKey);
  else document.addEventListener('DOMContentLoaded', () => start(script, siteKey));
}
