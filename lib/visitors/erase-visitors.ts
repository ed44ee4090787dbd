import { Prisma } from '@/lib/db';
import { reloadLiveModelOnCommit } from '@/lib/training';
import { deliveriesMentioning } from './webhook-mentions';

export interface ErasedVisitors {
  conversationIds: string[];
  messages: number;
  trainingExamples: number;
  webhookDeliveries: number;
}

/**
 * Erases visitors of one site in the caller's transaction: training examples made from their
 * words (and the model versions' copies of them), webhook deliveries and jobs that carry them or their conversations, then the visitors
 * (conversations, messages — and with them the search index, review items and bot turns — go by
 * cascade). Shared by the data-rights delete and retention, so both remove the same things.
 */
export async function eraseVisitors(
  tx: Prisma.TransactionClient,
  siteId: string,
  visitorIds: string[],
): Promise<ErasedVisitors> {
  const conversationIds = (
    await tx.conversation.findMany({
      where: { siteId, visitorId: { in: visitorIds } },
      select: { id: true },
    })
  ).map((conversation) => conversation.id);
  const messageIds = (
    await tx.message.findMany({
      where: { conversationId: { in: conversationIds } },
      select: { id: true },
    })
  ).map((message) => message.id);

  const fromTheirWords = { messageId: { in: messageIds }, intent: { siteId } };
  const texts = (
    await tx.trainingExample.findMany({ where: fromTheirWords, select: { text: true } })
  ).map((example) => example.text);
  const examples = await tx.trainingExample.deleteMany({ where: fromTheirWords });
  // Model versions keep copies of the texts they learned from (to compare the next version with)
  // and of the ones they misread (the evaluation page): the words go from there too.
  if (texts.length) {
    await tx.$executeRaw`
      UPDATE "ModelVersion" SET
        "trainingExamples" = ${withoutTexts(Prisma.sql`"trainingExamples"`, texts)},
        "metrics" = jsonb_set("metrics", '{misclassified}',
          ${withoutTexts(Prisma.sql`"metrics" -> 'misclassified'`, texts)})
      WHERE "siteId" = ${siteId}`;
    // The live model answers its stored examples as written: it forgets theirs on every node.
    await reloadLiveModelOnCommit(tx, siteId);
  }
  const ids = [...visitorIds, ...conversationIds];
  const deliveryIds = await tx.$queryRaw<{ id: string }[]>`
    DELETE FROM "WebhookDelivery" d USING "WebhookEndpoint" e
    WHERE ${deliveriesMentioning(siteId, ids)}
    RETURNING d.id`;
  // Jobs carry a delivery's id, or (any other kind) the conversation's.
  const jobMentions = [...ids, ...deliveryIds.map(({ id }) => id)].map((id) => `%${id}%`);
  await tx.$executeRaw`DELETE FROM "Job" WHERE payload::text LIKE ANY (${jobMentions}::text[])`;
  await tx.visitor.deleteMany({ where: { siteId, id: { in: visitorIds } } });
  return {
    conversationIds,
    messages: messageIds.length,
    trainingExamples: examples.count,
    webhookDeliveries: deliveryIds.length,
  };
}

/** A JSON array of objects without those whose `text` is one of `texts`. */
function withoutTexts(array: Prisma.Sql, texts: string[]): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce(jsonb_agg(item), '[]'::jsonb)
    FROM jsonb_array_elements(coalesce(${array}, '[]'::jsonb)) item
    WHERE NOT (item ->> 'text' = ANY (${texts}::text[])))`;
}
