import { useEffect, useState, useSyncExternalStore } from 'react';
import type { VisitorMessage, VisitorSessionResult } from '@/lib/schemas/events';
import type { WidgetStorage } from './browser-storage';
import { VisitorConnection, type ChatState } from './visitor-connection';

/** One connection per mounted widget, started once its storage is ready; its state as React state. */
export function useVisitorConnection(options: {
  siteKey: string;
  hostOrigin: string;
  pageUrl: string | null;
  storage: WidgetStorage;
  onMessage(message: VisitorMessage): void;
}): { connection: VisitorConnection; state: ChatState } {
  const [connection] = useState(
    () =>
      new VisitorConnection({
        url: window.location.origin,
        siteKey: options.siteKey,
        storage: options.storage,
        fetchToken: async (previous) => {
          const response = await fetch('/api/widget/session', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              siteKey: options.siteKey,
              token: previous,
              hostOrigin: options.hostOrigin,
              currentUrl: options.pageUrl,
              language: navigator.language,
            }),
          });
          if (!response.ok) throw new Error(`Widget session refused (${response.status})`);
          return ((await response.json()) as VisitorSessionResult).token;
        },
      }),
  );
  useEffect(() => {
    let unmounted = false;
    void options.storage.ready.then(() => {
      if (!unmounted) connection.start().catch(() => connection.refuse());
    });
    return () => {
      unmounted = true;
      connection.stop();
    };
  }, [connection, options.storage]);
  useEffect(() => connection.onMessage(options.onMessage), [connection, options.onMessage]);
  const state = useSyncExternalStore(
    connection.subscribe,
    connection.getState,
    connection.getState,
  );
  return { connection, state };
}
