import { ActionError } from '@/lib/auth/errors';
import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { exampleKey } from '@/lib/intents/example-key';
import { ExampleTextSchema } from '@/lib/schemas/intent';
import { LabelMessageRequestSchema, type LabelledMessages } from '@/lib/schemas/inbox';
import type { AgentActor } from './actors';

const EXAMPLE_MAX = 500;

/**
 * Teaching the bot: "these visitor messages meant intent X" (or a new intent). Each becomes a
 * training example from a conversation, which the next training run uses; they leave the review queue.
 */
export async function labelMessages(agent: AgentActor, input: unknown): Promise<LabelledMessages> {
  const { messageIds, intentId, newIntentName } = LabelMessageRequestSchema.parse(input);
  const ids = [...new Set(messageIds)];
  return db().$transaction(async (tx) => {
    const messages = await tx.message.findMany({
      where: {
        id: { in: ids },
        sender: 'visitor',
        conversation: { site: { workspaceId: agent.workspaceId } },
      },
      select: { id: true, body: true, conversation: { select: { siteId: true } } },
    });
    if (messages.length !== ids.length)
      throw new ActionError('not_found', 'No such visitor message');
    const siteIds = new Set(messages.map((message) => message.conversation.siteId));
    if (siteIds.size !== 1)
      throw new ActionError('invalid', 'Label messages of one site at a time');
    const [siteId] = siteIds;

    let intent: { id: string; name: string };
    let created = false;
    if (intentId) {
      const found = await tx.intent.findFirst({
        where: { id: intentId, siteId },
        select: { id: true, name: true },
      });
      if (!found) throw new ActionError('not_found', 'No such intent');
      intent = found;
    } else {
      const name = newIntentName!;
      const existing = await tx.intent.findUnique({
        where: { siteId_name: { siteId, name } },
        select: { id: true, name: true },
      });
      created = !existing;
      intent =
        existing ??
        (await tx.intent.create({ data: { siteId, name }, select: { id: true, name: true } }));
    }

    const known = new Set(
      (
        await tx.trainingExample.findMany({
          where: { intentId: intent.id },
          select: { text: true },
        })
      ).map((example) => exampleKey(example.text)),
    );
    const fresh: { intentId: string; text: string; source: 'conversation'; messageId: string }[] =
      [];
    for (const message of messages) {
      const text = ExampleTextSchema.parse(message.body.trim().slice(0, EXAMPLE_MAX));
      if (known.has(exampleKey(text))) continue;
      known.add(exampleKey(text));
      fresh.push({ intentId: intent.id, text, source: 'conversation', messageId: message.id });
    }
    await tx.trainingExample.createMany({ data: fresh });
    await tx.message.updateMany({ where: { id: { in: ids } }, data: { reviewState: 'labelled' } });
    await recordAuditEvent(
      {
        workspaceId: agent.workspaceId,
        actorId: agent.userId,
        action: 'intent.examples_learned',
        target: `intent:${intent.id}`,
        details: { siteId, name: intent.name, created, added: fresh.length, messages: ids.length },
      },
      tx,
    );
    return { intent: { ...intent, created }, examplesAdded: fresh.length, messageIds: ids };
  });
}
