import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit';
import {
  addIntentExamples,
  createIntent,
  deleteIntent,
  exportIntents,
  getIntent,
  importIntents,
  IntentFileError,
  listIntents,
  mergeIntents,
  moveIntentExamples,
  renameIntent,
  saveIntentResponses,
} from '@/lib/intents';
import type { Admin } from '@/lib/sites';
import { createTestDatabase, db, type TestDatabase } from '../helpers/db';

let database: TestDatabase;
let admin: Admin;
let otherAdmin: Admin;
let siteId: string;
let otherSiteId: string;

async function workspaceWithSite(name: string): Promise<{ admin: Admin; siteId: string }> {
  const workspace = await db().workspace.create({ data: { name } });
  const user = await db().user.create({
    data: { email: `${name}@example.com`, name, passwordHash: 'x' },
  });
  await db().membership.create({
    data: { workspaceId: workspace.id, userId: user.id, role: 'admin' },
  });
  const site = await db().site.create({
    data: {
      workspaceId: workspace.id,
      name: `${name} shop`,
      publicKey: `key-${name}`,
      allowedOrigins: [],
      identitySecret: 'i',
      visitorTokenSecret: 'v',
    },
  });
  return { admin: { userId: user.id, workspaceId: workspace.id, role: 'admin' }, siteId: site.id };
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ admin, siteId } = await workspaceWithSite('acme'));
  ({ admin: otherAdmin, siteId: otherSiteId } = await workspaceWithSite('globex'));
});
afterAll(async () => {
  await database?.drop();
});
beforeEach(async () => {
  await db().intent.deleteMany({});
});

async function intentWith(name: string, examples: string[], responses: string[] = []) {
  const { id } = await createIntent(admin, siteId, { name });
  if (examples.length) await addIntentExamples(admin, siteId, id, { examples });
  if (responses.length) await saveIntentResponses(admin, siteId, id, { responses });
  return id;
}

describe('intent actions', () => {
  it('adds pasted examples, skipping duplicates and flagging conflicts with other intents', async () => {
    const refund = await intentWith('refund', ['I want my money back']);
    const order = await intentWith('order_status', ['where is my order']);
    const result = await addIntentExamples(admin, siteId, order, {
      examples: [
        'track my parcel',
        '  WHERE  is my order ',
        'i want my money back',
        'track my parcel',
        '',
      ],
    });
    expect(result.added).toBe(2);
    expect(result.duplicates).toEqual(['WHERE  is my order', 'track my parcel']);
    expect(result.conflicts).toEqual([
      { key: 'i want my money back', intents: ['order_status', 'refund'] },
    ]);
    const detail = await getIntent(siteId, refund);
    expect(detail?.examples[0].conflictsWith).toEqual(['order_status']);
  });

  it('renames, refusing a name that is taken', async () => {
    const a = await intentWith('a', []);
    await intentWith('b', []);
    await expect(renameIntent(admin, siteId, a, { name: 'b' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await renameIntent(admin, siteId, a, { name: 'c' });
    expect((await listIntents(siteId)).intents.map((intent) => intent.name)).toEqual(['b', 'c']);
  });

  it('merges examples, responses and flags into the target and leaves no orphans', async () => {
    const target = await intentWith('refund', ['refund please'], ['Refunds take 5 days.']);
    const source = await intentWith(
      'money_back',
      ['Refund please', 'give me my money back'],
      ['Refunds take 5 days.', 'We can help with that.'],
    );
    await db().intent.update({
      where: { id: source },
      data: { handoff: true, quickReplies: ['Yes'] },
    });

    const result = await mergeIntents(admin, siteId, { sourceIds: [source], targetId: target });
    expect(result).toEqual({ examplesMoved: 1, duplicatesDropped: 1 });
    const merged = await getIntent(siteId, target);
    expect(merged?.examples.map((example) => example.text).sort()).toEqual([
      'give me my money back',
      'refund please',
    ]);
    expect(merged?.responses).toEqual(['Refunds take 5 days.', 'We can help with that.']);
    expect(merged?.handoff).toBe(true);
    expect(merged?.quickReplies).toEqual(['Yes']);
    expect(await db().intent.count({ where: { id: source } })).toBe(0);
    expect(await db().trainingExample.count({ where: { intentId: source } })).toBe(0);
    expect(await db().intentResponse.count({ where: { intentId: source } })).toBe(0);
  });

  it('deletes an intent with its examples and responses', async () => {
    const id = await intentWith('bye', ['bye', 'see you'], ['Goodbye!']);
    await deleteIntent(admin, siteId, id);
    expect(await db().trainingExample.count({ where: { intentId: id } })).toBe(0);
    expect(await db().intentResponse.count({ where: { intentId: id } })).toBe(0);
    const [event] = (await listAuditEvents(admin.workspaceId, { limit: 1 })).events;
    expect(event).toMatchObject({
      action: 'intent.deleted',
      details: { name: 'bye', examples: 2 },
    });
    expect(event.actor?.email).toBe('acme@example.com');
  });

  it('moves a mislabelled example to the right intent', async () => {
    const wrong = await intentWith('greeting', ['hello', 'cancel my order']);
    const right = await intentWith('cancel_order', ['cancel it']);
    const example = (await getIntent(siteId, wrong))!.examples.find(
      (e) => e.text === 'cancel my order',
    )!;
    await moveIntentExamples(admin, siteId, wrong, {
      exampleIds: [example.id],
      targetIntentId: right,
    });
    expect((await getIntent(siteId, right))!.examples.map((e) => e.text).sort()).toEqual([
      'cancel it',
      'cancel my order',
    ]);
  });
});

describe('workspace scoping', () => {
  it("refuses another workspace's site and intents as if they did not exist", async () => {
    const id = await intentWith('secret', ['hidden']);
    await expect(createIntent(otherAdmin, siteId, { name: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(deleteIntent(otherAdmin, siteId, id)).rejects.toMatchObject({ code: 'not_found' });
    // Their own site id with our intent id: still not found.
    await expect(deleteIntent(otherAdmin, otherSiteId, id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      mergeIntents(otherAdmin, otherSiteId, { sourceIds: [id], targetId: id + 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(exportIntents(otherAdmin, siteId, 'csv')).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await db().trainingExample.count({ where: { intentId: id } })).toBe(1);
  });

  it('refuses agents', async () => {
    await expect(
      createIntent({ ...admin, role: 'agent' }, siteId, { name: 'x' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('import and export', () => {
  const rasa = [
    'version: "3.1"',
    'nlu:',
    '- intent: greet',
    '  examples: |',
    '    - hi',
    '    - hello',
    '- intent: order_status',
    '  examples: |',
    '    - where is my order',
  ].join('\n');

  it('imports a Rasa file, merging into existing intents', async () => {
    await intentWith('greet', ['hi'], ['Hello!']);
    const summary = await importIntents(admin, siteId, {
      format: 'auto',
      fileName: 'nlu.yml',
      content: rasa,
    });
    expect(summary).toMatchObject({
      format: 'rasa-yaml',
      intentsCreated: 1,
      intentsUpdated: 1,
      examplesAdded: 2,
      duplicatesSkipped: 1,
    });
    const { intents } = await listIntents(siteId);
    expect(intents.map((i) => [i.name, i.exampleCount, i.responseCount])).toEqual([
      ['greet', 2, 1],
      ['order_status', 1, 0],
    ]);
  });

  it('changes nothing when any line is wrong', async () => {
    await intentWith('keep_me', ['x']);
    const broken = `${rasa}\n- intent: bad name\n  examples: |\n    - y\n`;
    const error = await importIntents(admin, siteId, {
      format: 'rasa-yaml',
      content: broken,
      mode: 'replace',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntentFileError);
    expect((error as IntentFileError).problems[0].line).toBe(10);
    expect((await listIntents(siteId)).intents.map((i) => i.name)).toEqual(['keep_me']);
  });

  it('replaces everything in replace mode, and exports what it imported', async () => {
    await intentWith('old', ['x']);
    await importIntents(admin, siteId, { format: 'rasa-yaml', content: rasa, mode: 'replace' });
    expect((await listIntents(siteId)).intents.map((i) => i.name)).toEqual([
      'greet',
      'order_status',
    ]);
    const file = await exportIntents(admin, siteId, 'rasa-yaml');
    expect(file.fileName).toBe('acme-shop-intents.yml');
    expect(file.content).toBe(`${rasa}\n`);
  });

  it('round-trips the whole training data through Hearth JSON', async () => {
    const id = await intentWith('refund', ['refund please'], ['Refunds take {days} days.']);
    await db().intent.update({
      where: { id },
      data: { quickReplies: ['Start a refund'], handoff: true },
    });
    const exported = await exportIntents(admin, siteId, 'hearth-json');
    await db().intent.deleteMany({});
    await importIntents(admin, siteId, { format: 'hearth-json', content: exported.content });
    expect((await exportIntents(admin, siteId, 'hearth-json')).content).toBe(exported.content);
  });
});
