// Input Postgres cannot take (a NUL character in text, a string that cannot be a row id) is the
// caller's mistake: a clear refusal (400/404/422 or an `invalid` action error), never a 500 from the
// database, and nothing half-stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/api';
import { assignConversation, dismissReviewItems, labelMessages } from '@/lib/conversations';
import { db } from '@/lib/db';
import { changeMemberRole, removeMember, revokeInvite, saveCannedResponse } from '@/lib/workspace';
import { GET as getAudit } from '@/app/api/admin/audit/route';
import { POST as postAdminArticle } from '@/app/api/admin/sites/[siteId]/articles/route';
import { GET as getAdminIntent } from '@/app/api/admin/sites/[siteId]/intents/[intentId]/route';
import { POST as postApiArticle } from '@/app/api/v1/sites/[siteId]/articles/route';
import { GET as listApiVisitors } from '@/app/api/v1/visitors/route';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
  createFixtureConversation,
  createFixtureWorkspace,
  type FixtureWorkspace,
} from '../helpers/workspace-fixtures';

const NUL = '\u0000';
const HOST = 'hearth.example';

let database: TestDatabase;
let acme: FixtureWorkspace;
let apiSecret: string;

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await createFixtureWorkspace({ agents: 1 });
  ({ secret: apiSecret } = await createApiToken(acme.admin, { name: 'edges', role: 'read_write' }));
});
afterAll(async () => database?.drop());

/** A request from the admin's own page, signed in, with the session's CSRF token. */
function adminRequest(method: string, path: string, body?: unknown): Request {
  return new Request(`http://${HOST}${path}`, {
    method,
    headers: {
      host: HOST,
      origin: `http://${HOST}`,
      cookie: `hearth_session=${acme.admin.token}`,
      'x-csrf-token': acme.admin.csrfToken,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function apiRequest(method: string, path: string, body?: unknown): Request {
  return new Request(`http://${HOST}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiSecret}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const params = <P extends Record<string, string>>(values: P) => ({
  params: Promise.resolve(values),
});

describe('admin routes', () => {
  it('a path id that cannot be one names nothing: 404', async () => {
    const response = await getAdminIntent(
      adminRequest('GET', `/api/admin/sites/${acme.siteId}/intents/x${NUL}`),
      params({ siteId: acme.siteId, intentId: `x${NUL}` }),
    );
    expect(response.status).toBe(404);
    const site = await getAdminIntent(
      adminRequest('GET', `/api/admin/sites/x/intents/y`),
      params({ siteId: `site${NUL}`, intentId: 'y' }),
    );
    expect(site.status).toBe(404);
  });

  it('a NUL character in the body is refused with where it is, and nothing is stored', async () => {
    const response = await postAdminArticle(
      adminRequest('POST', `/api/admin/sites/${acme.siteId}/articles`, {
        title: 'Returns',
        body: `Send it back${NUL} within 30 days.`,
      }),
      params({ siteId: acme.siteId }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid', message: expect.stringMatching(/NUL/) },
    });
    expect(await db().article.count({ where: { siteId: acme.siteId } })).toBe(0);
  });

  it('a NUL character in the query is refused', async () => {
    const response = await getAudit(
      adminRequest('GET', `/api/admin/audit?cursor=a%00b`),
      params({}),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid' } });
  });
});

describe('the REST API', () => {
  it('names the body field that holds a NUL character: 422, nothing stored', async () => {
    const response = await postApiArticle(
      apiRequest('POST', `/sites/${acme.siteId}/articles`, {
        title: `Ship${NUL}ping`,
        body: 'Two days.',
      }),
      params({ siteId: acme.siteId }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid', details: { issues: [{ path: 'body.title' }] } },
    });
    expect(await db().article.count({ where: { siteId: acme.siteId } })).toBe(0);
  });

  it('names the query parameter that holds one: 422', async () => {
    const response = await listApiVisitors(apiRequest('GET', '/visitors?email=a%00b'), params({}));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid', details: { issues: [{ path: 'query.email' }] } },
    });
  });
});

describe('actions behind forms and sockets', () => {
  it('refuse ids that cannot be row ids as invalid, before any query', async () => {
    const { conversationId } = await createFixtureConversation(acme.siteId);
    const refusals = [
      revokeInvite(acme.admin, { inviteId: `x${NUL}` }),
      removeMember(acme.admin, { userId: `x${NUL}` }),
      changeMemberRole(acme.admin, { userId: `x${NUL}`, role: 'admin' }),
      saveCannedResponse(acme.admin, { id: `x${NUL}`, shortcut: 'hi', body: 'Hello!' }),
      assignConversation(acme.agents[0], { conversationId, assigneeId: `x${NUL}` }),
      dismissReviewItems(acme.agents[0], { messageIds: [`x${NUL}`] }),
      labelMessages(acme.agents[0], { messageIds: [`x${NUL}`], newIntentName: 'greeting' }),
    ];
    for (const refusal of refusals) {
      await expect(refusal).rejects.toMatchObject({ name: 'ZodError' });
    }
  });

  it('refuse a NUL character in a canned response', async () => {
    await expect(
      saveCannedResponse(acme.admin, { shortcut: 'nul', body: `Hello${NUL}` }),
    ).rejects.toMatchObject({ name: 'ZodError' });
    expect(await db().cannedResponse.count({ where: { workspaceId: acme.workspaceId } })).toBe(0);
  });
});
