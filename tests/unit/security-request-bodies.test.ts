import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BODY_LIMITS, readBody } from '@/lib/auth';

/** A POST whose body arrives in chunks, without a Content-Length to trust. */
function streamedRequest(bytes: number, chunk = 4096): Request & { pulled(): number } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const size = Math.min(chunk, bytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  const request = new Request('http://localhost/api/widget/session', {
    method: 'POST',
    body,
    duplex: 'half',
  } as RequestInit);
  return Object.assign(request, { pulled: () => sent });
}

describe('request bodies', () => {
  it('are refused with 413 once longer than the limit, without reading the rest', async () => {
    const request = streamedRequest(50 * 1024 * 1024);
    await expect(readBody(request, z.unknown(), BODY_LIMITS.widget)).rejects.toMatchObject({
      code: 'too_large',
      status: 413,
      message: 'The request body is larger than 8 KB',
    });
    expect(request.pulled()).toBeLessThan(64 * 1024);
  });

  it('are refused at once when Content-Length says they are too long', async () => {
    const request = new Request('http://localhost/x', {
      method: 'POST',
      headers: { 'content-length': String(BODY_LIMITS.admin + 1) },
      body: '{}',
    });
    await expect(readBody(request, z.unknown())).rejects.toMatchObject({ code: 'too_large' });
  });

  it('are parsed when within the limit; malformed JSON stays a 400', async () => {
    const ok = new Request('http://localhost/x', { method: 'POST', body: '{"a":1}' });
    expect(await readBody(ok, z.object({ a: z.number() }), BODY_LIMITS.widget)).toEqual({ a: 1 });
    const bad = new Request('http://localhost/x', { method: 'POST', body: '{' });
    await expect(readBody(bad, z.unknown())).rejects.toMatchObject({ code: 'invalid' });
  });
});
