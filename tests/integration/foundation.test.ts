import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session';
import { startApp, runAppToExit, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';

describe('server on an external Postgres', () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp({ DATABASE_URL: database.url, ADMIN_PASSWORD: 'correct-horse-battery' });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('reports health: status only to anyone, the details to a signed-in admin', async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });

    const admin = await db().membership.findFirstOrThrow({ where: { role: 'admin' } });
    const { token } = await createSession(admin.userId, admin.workspaceId);
    const signedIn = await fetch(`${app.url}/api/health`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    const health = await signedIn.json();
    expect(health.database.ok).toBe(true);
    expect(health.realtime.ok).toBe(true);
  });

  it('serves the demo shop that embeds the widget with one script tag', async () => {
    const html = await (await fetch(app.url)).text();
    expect(html).toContain('Juniper &amp; Co.');
    expect(html).toMatch(/<script src="\/widget.js" data-site-key="demo-site" async/);
  });

  it('serves a favicon and its own page for addresses that do not exist', async () => {
    const icon = await fetch(`${app.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/image/);
    const missing = await fetch(`${app.url}/no-such-page`);
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain('This page does not exist');
    expect(html).toContain('href="/inbox"');
  });

  it('seeds a usable demo once', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const intents = await client.query<{ name: string; examples: number; responses: number }>(`
        select i.name,
          (select count(*) from "TrainingExample" e where e."intentId" = i.id)::int as examples,
          (select count(*) from "IntentResponse" r where r."intentId" = i.id)::int as responses
        from "Intent" i`);
      const names = intents.rows.map((row) => row.name);
      for (const name of [
        'greeting',
        'goodbye',
        'thanks',
        'help',
        'business_info',
        'order_status',
        'shipping',
        'returns_refunds',
        'complaint',
        'human_handoff',
        'oos',
      ]) {
        expect(names).toContain(name);
      }
      for (const intent of intents.rows) {
        expect(intent.examples).toBeGreaterThanOrEqual(15);
        expect(intent.responses).toBeGreaterThanOrEqual(1);
        expect(intent.responses).toBeLessThanOrEqual(3);
      }
      const admins = await client.query(
        `select u.email from "User" u join "Membership" m on m."userId" = u.id where m.role = 'admin'`,
      );
      expect(admins.rows).toEqual([{ email: 'admin@example.com' }]);
    } finally {
      await client.end();
    }
    // The password was given, so it is never printed.
    expect(app.output()).not.toContain('correct-horse-battery');
  });
});

describe('server on the embedded Postgres', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-embedded-'));
  const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: '54351' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every row across a SIGKILL and restart, and reports the database down', async () => {
    const first = await startApp(env);
    expect(first.output()).toMatch(/Admin account: admin@example.com \/ \S{8,}/);
    const url = 'postgresql://postgres:postgres@127.0.0.1:54351/hearth';
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`insert into "Workspace" (id, name) values ('ws_survivor', 'Survivor')`);
    await client.end();
    await first.kill();

    const second = await startApp(env);
    try {
      expect(second.output()).not.toContain('Admin account'); // not seeded twice
      const after = new pg.Client({ connectionString: url });
      await after.connect();
      const { rows } = await after.query(`select name from "Workspace" order by name`);
      await after.end();
      expect(rows.map((row) => row.name)).toEqual(['Juniper & Co.', 'Survivor']);

      // Take the database away under the running server: health says so with a 503.
      const postgresPid = Number(
        (await import('node:fs'))
          .readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')
          .split('\n')[0],
      );
      process.kill(postgresPid, 'SIGKILL');
      const response = await fetch(`${second.url}/api/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable' });
    } finally {
      await second.kill();
    }
  });
});

describe('start-up', () => {
  it('fails fast with a clear message when DATABASE_URL is unreachable', async () => {
    const result = await runAppToExit({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere',
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('Cannot reach Postgres at 127.0.0.1:1/nowhere');
    expect(result.output).not.toMatch(/at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(result.ms).toBeLessThan(15_000);
  });

  it('refuses an invalid configuration with the variable named', async () => {
    const result = await runAppToExit({ PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('PORT');
  });
});
