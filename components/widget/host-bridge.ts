import { HostCommandSchema, type EmbedNotice, type HostCommand } from '@/lib/schemas/events';

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
    const command = HostCommandSchema.safeParse(event.data);
    if (command.success) onCommand(command.data);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}
