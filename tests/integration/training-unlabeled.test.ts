import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DEMO_SITE_KEY, seedDemo } from '@/lib/db/seed';
import { startTrainingRun, stopLiveClassifiers } from '@/lib/training';
import { unlabeledSiteTexts } from '@/lib/training/unlabeled-site-texts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

describe('training reads the site’s texts without intents', () => {
  let database: TestDatabase;
  let siteId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(db(), {
      adminEmail: 'a@example.com',
      adminPassword: 'password123',
      publicUrl: 'http://localhost:3000',
    });
    siteId = (await db().site.findUniqueOrThrow({ where: { publicKey: DEMO_SITE_KEY } })).id;
    const visitor = await db().visitor.create({ data: { siteId } });
    await db().conversation.create({
      data: {
        siteId,
        visitorId: visitor.id,
        lastSeq: 4,
        messages: {
          create: [
            { seq: 1, sender: 'visitor', body: 'my parcel never showed up' },
            { seq: 2, sender: 'bot', body: 'Sorry to hear that.' },
            { seq: 3, sender: 'agent', body: 'note for the team', isPrivate: true },
            { seq: 4, sender: 'visitor', body: '  my parcel never showed up ' },
          ],
        },
      },
    });
    await db().article.create({
      data: {
        siteId,
        title: 'Lost parcels',
        body: 'A parcel that has not arrived after ten days is reported lost.',
        chunks: {
          create: [
            {
              position: 0,
              text: 'A parcel that has not arrived after ten days is reported lost.',
              contentHash: 'test',
            },
          ],
        },
      },
    });
  });
  afterAll(async () => {
    await stopLiveClassifiers();
    await database.drop();
  });

  it('takes article passages and visitor messages, once each, and nothing the bot or agents wrote', async () => {
    const { articleTexts, visitorMessages } = await unlabeledSiteTexts(siteId);
    expect(articleTexts).toContain(
      'A parcel that has not arrived after ten days is reported lost.',
    );
    expect(visitorMessages).toEqual(['my parcel never showed up']);
  });

  it('trains with them and says so in the run’s log', async () => {
    const { articleTexts, visitorMessages } = await unlabeledSiteTexts(siteId);
    const run = await startTrainingRun({ siteId });
    for (;;) {
      const current = await db().trainingRun.findUniqueOrThrow({ where: { id: run.id } });
      if (!['queued', 'running'].includes(current.status)) {
        expect(current.status).toBe('succeeded');
        expect(current.log.join('\n')).toContain(
          `Reading ${articleTexts.length} article passages and ${visitorMessages.length} visitor messages`,
        );
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
