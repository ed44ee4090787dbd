import type { EmbedNotice, HostCommand, IdentifyRequest } from '@/lib/schemas/events';

/** Whether the chat runs inside a host page's iframe (and not opened on its own). */
export function isEmbedded(): boolean {
  return window.parent !== window;
}

/** Tells the host page's loader; only a page at `hostOrigin` can receive it. */
export function postToHost(hostOrigin: string, notice: EmbedNotice): void {
  if (isEmbedded()) window.parent.postMessage(notice, hostOrigin);
}

/** Commands from the loader: only from the parent window, only from the allowed origin, only valid ones. */
export function listenToHost(
  hostOrigin: string,
  onCommand: (command: HostCommand) => void,
): () => void {
  const listener = (event: MessageEvent) => {
    if (event.source !== window.parent || event.origin !== hostOrigin) return;
    const command = readCommand(event.data);
    if (command) onCommand(command);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}

// By hand, as the loader reads ours: this bundle carries no zod. The server validates the identity.
function readCommand(data: unknown): HostCommand | null {
  const command = data as Partial<Record<string, unknown>> | null;
  switch (command?.type) {
    case 'hearth:open':
      return { type: 'hearth:open', fullScreen: command.fullScreen === true };
    case 'hearth:close':
      return { type: 'hearth:close' };
    case 'hearth:storage': {
      const entries = command.entries;
      if (!entries || typeof entries !== 'object') return null;
      const strings = Object.entries(entries).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      );
      return { type: 'hearth:storage', entries: Object.fromEntries(strings) };
    }
    case 'hearth:identify': {
      const identity = command.identity as IdentifyRequest | undefined;
      return typeof identity?.id === 'string' ? { type: 'hearth:identify', identity } : null;
    }
    default:
      return null;
  }
}
