import { config } from '@/lib/config';

/**
 * Hosts this server answers on: the one the browser addressed (a browser cannot forge Host on a
 * WebSocket or a fetch) and the configured PUBLIC_URL. Pages there are our own.
 */
export function ownHosts(host: string | null | undefined): Set<string> {
  const hosts = new Set<string>();
  if (host) hosts.add(host.trim().toLowerCase());
  const publicUrl = config().PUBLIC_URL;
  if (publicUrl) hosts.add(new URL(publicUrl).host.toLowerCase());
  return hosts;
}

export function isOwnOrigin(origin: string, host: string | null | undefined): boolean {
  try {
    return ownHosts(host).has(new URL(origin).host.toLowerCase());
  } catch {
    return false;
  }
}
