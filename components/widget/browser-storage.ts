import type { ConnectionStorage } from './visitor-connection';

/** Storage the connection may use once `ready` has settled. */
export interface WidgetStorage extends ConnectionStorage {
  ready: Promise<void>;
}

/** The chat opened on its own: its own localStorage, else memory (history lasts the page). */
export function frameStorage(): WidgetStorage {
  try {
    const probe = '__hearth_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return Object.assign(window.localStorage, { ready: Promise.resolve() });
  } catch {
    return memoryStorage(new Map(), Promise.resolve());
  }
}

// Should the loader never answer, the chat still works for this page.
const HOST_ANSWER_MS = 3_000;

/**
 * Inside a host page's iframe: the host page's localStorage, through the loader. Reads come from
 * the copy the loader sends once (`load`); writes go back to it as they happen.
 */
export function hostPageStorage(
  save: (key: string, value: string | null) => void,
): WidgetStorage & {
  load(entries: Record<string, string>): void;
} {
  const entries = new Map<string, string>();
  let loaded: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    loaded = resolve;
    setTimeout(resolve, HOST_ANSWER_MS);
  });
  const storage = memoryStorage(entries, ready, save);
  return {
    ...storage,
    load(snapshot) {
      for (const [key, value] of Object.entries(snapshot)) entries.set(key, value);
      loaded();
    },
  };
}

function memoryStorage(
  entries: Map<string, string>,
  ready: Promise<void>,
  save: (key: string, value: string | null) => void = () => {},
): WidgetStorage {
  return {
    ready,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => {
      entries.set(key, value);
      save(key, value);
    },
    removeItem: (key) => {
      entries.delete(key);
      save(key, null);
    },
  };
}
