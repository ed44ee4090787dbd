/**
 * A webhook receiver for tests: a local HTTP server that records every request, checks its
 * signature the way the README tells receivers to, and answers as the test scripts it.
 *
 *   const receiver = await startWebhookReceiver();
 *   receiver.answers.push(500);                  // next request gets 500, later ones 200
 *   receiver.answers.push('hang');               // next request gets no answer at all
 *   await receiver.close();
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  body: string;
  signature: string | undefined;
}

export type ScriptedAnswer =
  number | 'hang' | ((response: ServerResponse, request: ReceivedRequest) => void);

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** Answers for the next requests, in order; 200 `{}` once they run out. */
  answers: ScriptedAnswer[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const answers: ScriptedAnswer[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const entry: ReceivedRequest = {
      path: request.url ?? '/',
      body: Buffer.concat(chunks).toString('utf8'),
      signature: request.headers['hearth-signature'] as string | undefined,
    };
    received.push(entry);
    const answer = answers.shift() ?? 200;
    if (answer === 'hang') hanging.add(response);
    else if (typeof answer === 'function') answer(response, entry);
    else response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    answers,
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The receiver's check, as documented: HMAC-SHA256 of `${t}.${body}` with the endpoint's secret,
 * compared in constant time, and a timestamp no older than five minutes.
 */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((part) => part.split('=') as [string, string]),
  );
  const timestamp = Number(parts.t);
  if (!parts.v1 || !Number.isInteger(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
