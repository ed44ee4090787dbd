// The REST API through the real HTTP server: every endpoint's authentication and tenancy, the happy
// paths (answers checked against the endpoints' own response schemas), idempotent sends, audit, the
// rate limit and the OpenAPI document.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, endpoints, revokeApiToken, type Endpoint } from '@/lib/api';
import type { ApiTokenRole } from '@/lib/schemas/api';
import { startApp, type RunningApp } from '../helpers/app';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';
import { activateTrainedModel } from '../helpers/trained-model';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

type Ids = Record<
  | 'siteId'
  | 'conversationId'
  | 'visitorId'
  | 'intentId'
  | 'exampleId'
  | 'articleId'
  | 'runId'
  | 'versionId',
  string
>;

let database: TestDatabase;
let app: RunningApp;
let ours: FixtureWorkspace;
let theirs: FixtureWorkspace;
let ourIds: Ids;
let theirIds: Ids;
const secrets: Record<'readWrite' | 'readOnly' | 'revoked' | 'theirs', string> = {
  readWrite: '',
  readOnly: '',
  revoked: '',
  theirs: '',
};

/** A valid body for every endpoint that reads one (so a refusal is about auth or tenancy only). */
const SAMPLE_BODIES: Partial<Record<keyof typeof endpoints, unknown>> = {
  sendMessage: { body: 'Your order ships tomorrow.' },
  assignConversation: { assigneeId: null },
  createIntent: { name: 'refund_status' },
  updateIntent: { handoff: true },
  addExamples: { examples: ['where is my refund'] },
  updateExample: { text: 'when will my parcel ship' },
  createArticle: { title: 'Returns', body: 'Return anything within 30 days.', url: null },
  updateArticle: { title: 'Returns', body: 'Return anything within 60 days.', url: null },
};

async function seedWorkspace(workspace: FixtureWorkspace, trained: boolean): Promise<Ids> {
  const { conversationId, visitorId } = await createFixtureConversation(workspace.siteId, {
    status: 'open',
    visitorName: 'Vera Visitor',
    messages: [
      { sender: 'visitor', body: 'Where is my parcel?' },
      { sender: 'bot', body: 'Let me find someone.' },
    ],
  });
  const intent = await db().intent.create({
    data: {
      siteId: workspace.siteId,
      name: 'shipping',
      examples: { create: [{ text: 'when does it ship' }, { text: 'shipping times' }] },
    },
    include: { examples: true },
  });
  const article = await db().article.create({
    data: { siteId: workspace.siteId, title: 'Shipping', body: 'We ship in two days.' },
  });
  const run = await db().trainingRun.create({
    data: { siteId: workspace.siteId, status: 'succeeded', progress: 1, finishedAt: new Date() },
  });
  if (trained) {
    await activateTrainedModel(workspace.siteId, [
      ...['hello', 'hi there', 'good morning'].map((text) => ({ text, intent: 'greeting' })),
      ...['when does it ship', 'shipping times', 'delivery time'].map((text) => ({
        text,
        intent: 'shipping',
      })),
    ]);
  }
  const first = await db().modelVersion.findFirst({ where: { siteId: workspace.siteId } });
  const version = await db().modelVersion.create({
    data: {
      siteId: workspace.siteId,
      version: (first?.version ?? 0) + 1,
      artifact: first?.artifact ?? new Uint8Array([1]),
      metrics: first?.metrics ?? {},
      exampleCount: 6,
      intentCount: 2,
    },
  });
  return {
    siteId: workspace.siteId,
    conversationId,
    visitorId,
    intentId: intent.id,
    exampleId: intent.examples[0].id,
    articleId: article.id,
    runId: run.id,
    versionId: version.id,
  };
}

async function token(workspace: FixtureWorkspace, role: ApiTokenRole, name: string) {
  return (await createApiToken(workspace.admin, { name, role })).secret;
}

beforeAll(async () => {
  database = await createTestDatabase();
  ours = await createFixtureWorkspace({ agents: 1 });
  theirs = await createFixtureWorkspace({ agents: 0 });
  ourIds = await seedWorkspace(ours, true);
  theirIds = await seedWorkspace(theirs, false);
  secrets.readWrite = await token(ours, 'read_write', 'CRM sync');
  secrets.readOnly = await token(ours, 'read_only', 'Reporting');
  const revoked = await createApiToken(ours.admin, { name: 'Old', role: 'read_write' });
  await revokeApiToken(ours.admin, { tokenId: revoked.token.id });
  secrets.revoked = revoked.secret;
  secrets.theirs = await token(theirs, 'read_write', 'Theirs');
  app = await startApp({ DATABASE_URL: database.url });
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

function urlOf(endpoint: Endpoint, ids: Ids, query = ''): string {
  const filled = endpoint.path.replace(/\{(\w+)\}/g, (_, name: keyof Ids) => ids[name]);
  return `${app.url}/api/v1${filled}${query}`;
}

async function call(
  endpoint: Endpoint,
  options: { secret?: string; ids?: Ids; body?: unknown; query?: string; headers?: object } = {},
) {
  const body = options.body ?? SAMPLE_BODIES[operationOf(endpoint)];
  const response = await fetch(urlOf(endpoint, options.ids ?? ourIds, options.query), {
    method: endpoint.method,
    headers: {
      ...(options.secret ? { authorization: `Bearer ${options.secret}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : null,
  };
}

function operationOf(endpoint: Endpoint): keyof typeof endpoints {
  return (Object.keys(endpoints) as (keyof typeof endpoints)[]).find(
    (name) => endpoints[name] === endpoint,
  )!;
}

/** Calls an endpoint with the read-write token and checks the answer against its own schema. */
async function ok<E extends Endpoint>(endpoint: E, options: Parameters<typeof call>[1] = {}) {
  const result = await call(endpoint, { secret: secrets.readWrite, ...options });
  expect(result.status, JSON.stringify(result.json)).toBe(
    endpoint.response ? (endpoint.status ?? 200) : 204,
  );
  if (endpoint.response) endpoint.response.parse(result.json);
  return result.json;
}

const ALL = Object.entries(endpoints) as [string, Endpoint][];
const WRITES = ALL.filter(([, endpoint]) => endpoint.method !== 'GET');
const WITH_IDS = ALL.filter(([, endpoint]) => endpoint.params);

describe('authentication and tenancy, for every endpoint', () => {
  it.each(ALL)('%s: no token is 401 in the one error shape', async (_, endpoint) => {
    const { status, json } = await call(endpoint);
    expect(status).toBe(401);
    expect(json).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it.each(ALL)('%s: an unknown or revoked token is 401', async (_, endpoint) => {
    expect((await call(endpoint, { secret: 'hearth_not-a-real-token' })).status).toBe(401);
    const revoked = await call(endpoint, { secret: secrets.revoked });
    expect(revoked.status).toBe(401);
    expect(revoked.json.error.message).toMatch(/revoked/);
  });

  it.each(WRITES)('%s: a read-only token may not write (403)', async (_, endpoint) => {
    const { status, json } = await call(endpoint, { secret: secrets.readOnly });
    expect(status).toBe(403);
    expect(json.error.code).toBe('forbidden');
  });

  it.each(WITH_IDS)("%s: another workspace's resources are 404", async (_, endpoint) => {
    const { status, json } = await call(endpoint, { secret: secrets.readWrite, ids: theirIds });
    expect(status, JSON.stringify(json)).toBe(404);
    expect(json.error.code).toBe('not_found');
  });

  it("left every one of the other workspace's rows in place", async () => {
    expect(await db().conversation.count({ where: { id: theirIds.conversationId } })).toBe(1);
    expect(await db().visitor.count({ where: { id: theirIds.visitorId } })).toBe(1);
    expect(await db().intent.count({ where: { id: theirIds.intentId } })).toBe(1);
    expect(await db().trainingExample.count({ where: { id: theirIds.exampleId } })).toBe(1);
    expect(await db().article.count({ where: { id: theirIds.articleId } })).toBe(1);
    const site = await db().site.findUnique({ where: { id: theirIds.siteId } });
    expect(site?.activeModelVersionId).toBeNull();
    const messages = await db().message.count({
      where: { conversationId: theirIds.conversationId },
    });
    expect(messages).toBe(2);
  });

  it('a malformed id in the path names nothing (404); a bad body is 422 with where; not JSON is 400', async () => {
    const malformed = await call(endpoints.getConversation, {
      secret: secrets.readWrite,
      ids: { ...ourIds, conversationId: 'no spaces allowed' },
    });
    expect(malformed.status).toBe(404);
    const invalid = await call(endpoints.createIntent, {
      secret: secrets.readWrite,
      body: { name: 'has spaces' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.error).toMatchObject({
      code: 'invalid',
      details: { issues: [{ path: 'body.name', message: expect.any(String) }] },
    });
    const query = await call(endpoints.listConversations, {
      secret: secrets.readOnly,
      query: '?limit=1000',
    });
    expect(query.status).toBe(422);
    expect(query.json.error.details.issues[0].path).toBe('query.limit');
    const response = await fetch(urlOf(endpoints.createIntent, ourIds), {
      method: 'POST',
      headers: { authorization: `Bearer ${secrets.readWrite}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid');
  });

  it('a body over the admin limit is 413 before it is read', async () => {
    const { status, json } = await call(endpoints.createArticle, {
      secret: secrets.readWrite,
      body: { title: 'Big', body: 'x'.repeat(1024 * 1024 + 10) },
    });
    expect(status).toBe(413);
    expect(json.error.code).toBe('too_large');
  });
});

describe('conversations', () => {
  it('lists the inbox views with cursor paging, only our workspace', async () => {
    await createFixtureConversation(ours.siteId, { status: 'bot' });
    const first = await ok(endpoints.listConversations, {
      secret: secrets.readOnly,
      query: '?view=all&limit=1',
    });
    expect(first.conversations).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await ok(endpoints.listConversations, {
      secret: secrets.readOnly,
      query: `?view=all&limit=1&cursor=${first.nextCursor}`,
    });
    expect(second.conversations[0].id).not.toBe(first.conversations[0].id);
    const all = await ok(endpoints.listConversations, { query: '?limit=100' });
    const siteIds = new Set(all.conversations.map((c: { siteId: string }) => c.siteId));
    expect([...siteIds]).toEqual([ours.siteId]);
    const waiting = await ok(endpoints.listConversations, { query: '?view=needs_human' });
    expect(waiting.conversations.map((c: { id: string }) => c.id)).toEqual([ourIds.conversationId]);
  });

  it('reads one with its messages', async () => {
    const { conversation, messages } = await ok(endpoints.getConversation);
    expect(conversation.id).toBe(ourIds.conversationId);
    expect(messages.map((m: { body: string }) => m.body)).toEqual([
      'Where is my parcel?',
      'Let me find someone.',
    ]);
  });

  it('sends an agent message once per Idempotency-Key, as the token creator', async () => {
    const headers = { 'idempotency-key': 'order-4711-shipped' };
    const first = await ok(endpoints.sendMessage, { headers });
    const again = await ok(endpoints.sendMessage, { headers });
    expect(again.message.id).toBe(first.message.id);
    expect(first.message).toMatchObject({
      sender: 'agent',
      body: 'Your order ships tomorrow.',
      authorId: ours.admin.userId,
      authorName: ours.admin.name,
    });
    const stored = await db().message.count({
      where: { conversationId: ourIds.conversationId, body: 'Your order ships tomorrow.' },
    });
    expect(stored).toBe(1);
    const reused = await call(endpoints.sendMessage, {
      secret: secrets.readWrite,
      headers,
      body: { body: 'Something else entirely' },
    });
    expect(reused.status).toBe(409);
    // Without a key, each send is a message of its own.
    await ok(endpoints.sendMessage, { body: { body: 'A note', isPrivate: true } });
    await ok(endpoints.sendMessage, { body: { body: 'A note', isPrivate: true } });
    expect(
      await db().message.count({
        where: { conversationId: ourIds.conversationId, body: 'A note' },
      }),
    ).toBe(2);
  });

  it('assigns, resolves, reopens and hands back through the inbox actions', async () => {
    const agent = ours.agents[0];
    const assigned = await ok(endpoints.assignConversation, {
      body: { assigneeId: agent.userId },
    });
    expect(assigned.conversation.assigneeId).toBe(agent.userId);
    const notMember = await call(endpoints.assignConversation, {
      secret: secrets.readWrite,
      body: { assigneeId: theirs.admin.userId },
    });
    expect(notMember.status).toBe(404);
    expect((await ok(endpoints.resolveConversation)).conversation.status).toBe('resolved');
    const conflict = await call(endpoints.handBackConversation, { secret: secrets.readWrite });
    expect(conflict.status).toBe(409);
    expect((await ok(endpoints.reopenConversation)).conversation.status).toBe('open');
    expect((await ok(endpoints.handBackConversation)).conversation.status).toBe('bot');
  });
});

describe('visitors', () => {
  it('lists and reads visitors of our workspace', async () => {
    const page = await ok(endpoints.listVisitors, { query: `?siteId=${ours.siteId}&limit=1` });
    expect(page.visitors).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
    const rest = await ok(endpoints.listVisitors, { query: `?cursor=${page.nextCursor}` });
    expect(rest.visitors.map((v: { id: string }) => v.id)).not.toContain(page.visitors[0].id);
    const everyone = await ok(endpoints.listVisitors, { query: '?limit=100' });
    expect(everyone.visitors.map((v: { id: string }) => v.id)).not.toContain(theirIds.visitorId);
    const visitor = await ok(endpoints.getVisitor);
    expect(visitor).toMatchObject({ id: ourIds.visitorId, name: 'Vera Visitor' });
    expect(visitor.conversations.map((c: { id: string }) => c.id)).toEqual([ourIds.conversationId]);
  });
});

describe('intents and examples', () => {
  it('creates, reads, updates and deletes an intent and its examples', async () => {
    const created = await ok(endpoints.createIntent);
    const ids = { ...ourIds, intentId: created.id };
    const duplicate = await call(endpoints.createIntent, { secret: secrets.readWrite });
    expect(duplicate.status).toBe(409);
    const added = await ok(endpoints.addExamples, {
      ids,
      body: { examples: ['where is my refund', 'refund status', 'where is my refund'] },
    });
    expect(added).toMatchObject({ added: 2, duplicates: ['where is my refund'] });
    const { examples } = await ok(endpoints.listExamples, { ids });
    expect(examples.map((e: { text: string }) => e.text).sort()).toEqual([
      'refund status',
      'where is my refund',
    ]);
    const rewritten = await ok(endpoints.updateExample, {
      ids: { ...ids, exampleId: examples[1].id },
      body: { text: 'is my refund on its way' },
    });
    expect(rewritten).toMatchObject({ id: examples[1].id, text: 'is my refund on its way' });
    const clash = await call(endpoints.updateExample, {
      secret: secrets.readWrite,
      ids: { ...ids, exampleId: examples[1].id },
      body: { text: examples[0].text },
    });
    expect(clash.status).toBe(409);
    await ok(endpoints.deleteExample, { ids: { ...ids, exampleId: examples[0].id } });
    const missing = await call(endpoints.deleteExample, {
      secret: secrets.readWrite,
      ids: { ...ids, exampleId: examples[0].id },
    });
    expect(missing.status).toBe(404);
    const updated = await ok(endpoints.updateIntent, {
      ids,
      body: { name: 'refunds', handoff: true },
    });
    expect(updated).toMatchObject({ name: 'refunds', handoff: true, rephrase: false });
    expect(updated.examples).toHaveLength(1);
    const { intents } = await ok(endpoints.listIntents, { secret: secrets.readOnly });
    expect(intents.map((i: { name: string }) => i.name).sort()).toEqual(['refunds', 'shipping']);
    expect((await ok(endpoints.getIntent, { ids })).name).toBe('refunds');
    await ok(endpoints.deleteIntent, { ids });
    expect(await db().intent.count({ where: { id: created.id } })).toBe(0);
    const trail = await db().auditEvent.findMany({ where: { target: `intent:${created.id}` } });
    expect(trail.map((event) => event.action)).toEqual(
      expect.arrayContaining(['intent.created', 'intent.renamed', 'intent.deleted']),
    );
    expect(trail.every((event) => event.actorId === ours.admin.userId)).toBe(true);
  });
});

describe('knowledge base', () => {
  it('creates, reads, replaces and deletes an article', async () => {
    const created = await ok(endpoints.createArticle);
    const ids = { ...ourIds, articleId: created.id };
    expect(created).toMatchObject({ title: 'Returns', body: 'Return anything within 30 days.' });
    const replaced = await ok(endpoints.updateArticle, { ids });
    expect(replaced.body).toBe('Return anything within 60 days.');
    expect((await ok(endpoints.getArticle, { ids })).title).toBe('Returns');
    const { articles } = await ok(endpoints.listArticles);
    const listed = articles.find((a: { id: string }) => a.id === created.id);
    expect(listed).toMatchObject({ upToDate: true, chunks: expect.any(Number) });
    await ok(endpoints.deleteArticle, { ids });
    expect((await call(endpoints.getArticle, { secret: secrets.readOnly, ids })).status).toBe(404);
  });
});

describe('training and model versions', () => {
  it('lists versions and activates one', async () => {
    const before = await ok(endpoints.listModelVersions, { secret: secrets.readOnly });
    expect(
      before.versions.map((v: { version: number; active: boolean }) => [v.version, v.active]),
    ).toEqual([
      [2, false],
      [1, true],
    ]);
    await ok(endpoints.activateModelVersion);
    const after = await ok(endpoints.listModelVersions);
    expect(after.versions[0]).toMatchObject({ id: ourIds.versionId, active: true });
  });

  it('starts a run (202) and reports its status; a second start while it runs is 409', async () => {
    const { run } = await ok(endpoints.startTraining);
    expect(['queued', 'running', 'succeeded']).toContain(run.status);
    const again = await call(endpoints.startTraining, { secret: secrets.readWrite });
    if (again.status === 409) expect(again.json.error.details.runId).toBe(run.id);
    const status = await ok(endpoints.getTrainingRun, {
      secret: secrets.readOnly,
      ids: { ...ourIds, runId: run.id },
    });
    expect(status.run.id).toBe(run.id);
  });
});

describe('sites, audit and the token list', () => {
  it('lists our sites without their secrets', async () => {
    const { sites } = await ok(endpoints.listSites, { secret: secrets.readOnly });
    expect(sites.map((s: { id: string }) => s.id)).toEqual([ours.siteId]);
    expect(JSON.stringify(sites)).not.toContain('Secret');
  });

  it('audits every use of a token, refused ones included, and keeps its last use', async () => {
    const uses = await db().auditEvent.findMany({
      where: { workspaceId: ours.workspaceId, action: 'api_token.used' },
    });
    const statuses = new Set(uses.map((use) => (use.details as { status: number }).status));
    for (const status of [200, 201, 204, 401, 403, 404, 409, 422])
      expect(statuses).toContain(status);
    const tokens = await db().apiToken.findMany({ where: { workspaceId: ours.workspaceId } });
    expect(tokens.every((t) => t.lastUsedAt !== null)).toBe(true);
    // Nothing in the audit trail is the secret or its query string.
    const trail = JSON.stringify(uses);
    expect(trail).not.toContain(secrets.readWrite);
    expect(trail).not.toContain('?');
  });
});

describe('the OpenAPI document', () => {
  it('is served, lists every route file and every method, and every $ref resolves', async () => {
    const response = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe('3.1.0');

    const routes = routeFiles(path.resolve('app/api/v1'));
    const documented = Object.entries(document.paths as Record<string, object>).flatMap(
      ([route, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
    );
    expect(documented.sort()).toEqual(routes.sort());

    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], document);
      expect(target, ref).toBeTypeOf('object');
    }
    for (const [route, methods] of Object.entries(document.paths as Record<string, object>)) {
      const names = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(methods) as {
        parameters?: { name: string; in: string }[];
      }[]) {
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name);
        expect(declared.sort()).toEqual([...names].sort());
      }
    }
  });
});

/** `GET /conversations/{conversationId}` for each method exported by each route file. */
function routeFiles(root: string, prefix = ''): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    if (statSync(full).isDirectory()) {
      if (name.startsWith('_')) return [];
      const segment = name.replace(/^\[(\w+)\]$/, '{$1}');
      return routeFiles(full, `${prefix}/${segment}`);
    }
    if (name !== 'route.ts') return [];
    const source = readFileSync(full, 'utf8');
    return [
      ...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map((m) => `${m[1]} ${prefix}`);
  });
}

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-token budget, per token', async () => {
    const limited = await startApp({ DATABASE_URL: database.url, API_REQUESTS_PER_MINUTE: '3' });
    // Fresh tokens: the budget is counted per token (in Redis, shared with the other server).
    const first = await token(ours, 'read_only', 'Limited 1');
    const second = await token(ours, 'read_only', 'Limited 2');
    try {
      const list = (secret: string) =>
        fetch(`${limited.url}/api/v1/sites`, { headers: { authorization: `Bearer ${secret}` } });
      for (let i = 0; i < 3; i += 1) expect((await list(first)).status).toBe(200);
      const refused = await list(first);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await refused.json()).error.code).toBe('rate_limited');
      // Another token has its own budget.
      expect((await list(second)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  }, 120_000);
});
