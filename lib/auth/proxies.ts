import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { config } from '@/lib/config';

/** Header server.ts sets from the TCP peer, overwriting anything a client sent under that name. */
export const PEER_ADDRESS_HEADER = 'x-hearth-peer-address';

/** Headers a reverse proxy adds; believed only from a peer TRUSTED_PROXIES lists. */
const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto'];

let trusted: { setting: string; list: BlockList } | undefined;

function trustedProxies(): BlockList {
  const setting = config().TRUSTED_PROXIES;
  if (trusted?.setting !== setting) trusted = { setting, list: proxyList(setting) };
  return trusted.list;
}

/** `127.0.0.1, 10.0.0.0/8, ::1, loopback` → a list `isTrustedProxy` checks (the config validates entries). */
function proxyList(setting: string): BlockList {
  const list = new BlockList();
  for (const entry of setting.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address, bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

export function isTrustedProxy(address: string | null | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = isIP(plain);
  if (!family) return false;
  return trustedProxies().check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Stamps the TCP peer on an incoming request and drops X-Forwarded-* unless that peer is a trusted
 * proxy, so nothing downstream (Next.js builds request URLs and checks server actions' Origin with
 * them) believes a client's own claim.
 */
export function stampPeer(headers: IncomingHttpHeaders, peer: string | undefined): void {
  headers[PEER_ADDRESS_HEADER] = peer ?? '';
  if (isTrustedProxy(peer)) return;
  for (const name of FORWARDED_HEADERS) delete headers[name];
}

/** A forwarded header's first value when the request came through a trusted proxy, else null. */
export function forwardedHeader(
  headers: Headers,
  name: 'x-forwarded-host' | 'x-forwarded-proto',
): string | null {
  if (!isTrustedProxy(headers.get(PEER_ADDRESS_HEADER))) return null;
  return headers.get(name)?.split(',')[0].trim() || null;
}

/**
 * The browser's IP for rate limits: the TCP peer, or — when the peer is a trusted proxy — the nearest
 * X-Forwarded-For entry that is not itself a trusted proxy (entries further left are the client's word).
 */
export function clientAddress(headers: Headers): string {
  const peer = headers.get(PEER_ADDRESS_HEADER) || 'unknown';
  if (!isTrustedProxy(peer)) return peer;
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    if (!isTrustedProxy(hops[i])) return hops[i];
  }
  return hops[0] ?? peer;
}
