import type { ConnectionStorage } from './visitor-connection';

/** localStorage when the browser lets a third-party frame use it; else memory (history lasts the page). */
export function browserStorage(): ConnectionStorage {
  try {
    if (typeof window === 'undefined') throw new Error('no browser');
    const probe = '__hearth_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const entries = new Map<string, string>();
    return {
      getItem: (key) => entries.get(key) ?? null,
      setItem: (key, value) => void entries.set(key, value),
      removeItem: (key) => void entries.delete(key),
    };
  }
}
