import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { timeLimit } from '@/lib/time-limit';
import { isPrivateAddress } from './private-addresses';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

export interface SignedPost {
  url: string;
  body: string;
  secret: string;
  /** The admin let this URL reach private and loopback addresses. */
  allowPrivateAddresses: boolean;
  timeoutMs: number;
  /** Longest response body read; a longer one fails the request. */
  maxResponseBytes: number;
  signal?: AbortSignal;
}

export interface PostResult {
  status: number;
  body: string;
  durationMs: number;
}

/** The request never got a response (refused address, timeout, network, oversized answer). */
export class OutboundRequestError extends Error {
  constructor(
    message: string,
    readonly durationMs: number,
  ) {
    super(message);
    this.name = 'OutboundRequestError';
  }
}

/** The URL leads to a private or reserved address and the admin did not allow those. */
export class RefusedAddressError extends OutboundRequestError {}

/**
 * POSTs a signed JSON body. The host is resolved first and every address it resolves to must be
 * public (unless allowed); the connection then goes to the address that was checked, so a DNS
 * answer that changes between check and connect cannot reach inside. Redirects are not followed:
 * a 3xx is just the answer.
 */
export async function postSigned(request: SignedPost): Promise<PostResult> {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const { signal, clear } = timeLimit(
    request.timeoutMs,
    ...(request.signal ? [request.signal] : []),
  );
  try {
    const url = new URL(request.url);
    const address = await checkedAddress(url.hostname, request.allowPrivateAddresses);
    return await send(url, address, request, signal, elapsed);
  } catch (error) {
    if (error instanceof OutboundRequestError) throw error;
    const message =
      signal.aborted &&
      signal.reason instanceof DOMException &&
      signal.reason.name === 'TimeoutError'
        ? `No response within ${request.timeoutMs / 1000} s`
        : error instanceof Error
          ? error.message
          : String(error);
    throw new OutboundRequestError(message, elapsed());
  } finally {
    clear();
  }
}

interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

async function checkedAddress(hostname: string, allowPrivate: boolean): Promise<CheckedAddress> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  const addresses: CheckedAddress[] = family
    ? [{ address: host, family: family as 4 | 6 }]
    : ((await lookup(host, { all: true, verbatim: true })) as CheckedAddress[]);
  if (!addresses.length) throw new Error(`${host} does not resolve`);
  const refused = addresses.find(({ address }) => isPrivateAddress(address));
  if (refused && !allowPrivate) {
    const where = family ? host : `${host} (${refused.address})`;
    throw new RefusedAddressError(
      `${where} is a private or reserved address, and private addresses are not allowed for this URL`,
      0,
    );
  }
  return addresses[0];
}

function send(
  url: URL,
  pinned: CheckedAddress,
  request: SignedPost,
  signal: AbortSignal,
  elapsed: () => number,
): Promise<PostResult> {
  // Connects to the checked address whatever DNS would answer now.
  const pinnedLookup = ((_host, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        lookup: pinnedLookup,
        signal,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(request.body),
          'user-agent': 'Hearth-Webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(request.secret, request.body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let length = 0;
        response.on('data', (chunk: Buffer) => {
          length += chunk.length;
          if (length > request.maxResponseBytes) {
            response.destroy();
            reject(
              new OutboundRequestError(
                `The response is larger than ${request.maxResponseBytes} bytes`,
                elapsed(),
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            durationMs: elapsed(),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
