// Audit findings of issue 12 through the real HTTP server: body caps and security headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let database: TestDatabase;
let app: RunningApp;

beforeAll(async () => {
  database = await createTestDatabase();
  // The test talks to the server over loopback, standing in for a reverse proxy on this machine.
  app = await startApp({
    DATABASE_URL: database.url,
    ADMIN_PASSWORD: 'correct-horse-battery',
    TRUSTED_PROXIES: 'loopback',
  });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe('request bodies', () => {
  it('refuses an oversized widget session body with 413 before reading it whole', async () => {
    const response = await fetch(`${app.url}/api/widget/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ siteKey: 'demo-site', junk: 'x'.repeat(1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    // The unread rest of the body ends the connection; the client must not reuse it.
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({
      error: { code: 'too_large', message: 'The request body is larger than 8 KB' },
    });
  });

  it('refuses a streamed one without Content-Length too', async () => {
    let sent = 0;
    // Paced, as a slow client sends: the refusal arrives between two chunks. Unpaced, the client
    // could still be writing when the server closes the connection (EPIPE before the response).
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= 4 * 1024 * 1024) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 5));
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const response = await fetch(`${app.url}/api/widget/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });
});

describe('security headers', () => {
  it.each(['/', '/login', '/inbox', '/admin'])(
    '%s may not be framed, sniffed or leak its address',
    async (path) => {
      const response = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      // Plain http: no HSTS.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    },
  );

  it('keeps API answers from being framed, sniffed or run as a page', async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets the chat iframe be framed by its site only', async () => {
    const response = await fetch(`${app.url}/embed/demo-site`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/^frame-ancestors 'self'[^;]*;/);
    expect(policy).not.toContain("frame-ancestors 'none'");
    // Our own bundle only: no inline script or style.
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends HSTS when a trusted proxy says the browser came over https', async () => {
    const response = await fetch(`${app.url}/login`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
