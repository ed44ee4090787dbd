import { randomUUID } from 'node:crypto';
import { endpoints } from '@/lib/api';
import { ActionError } from '@/lib/auth';
import { sendAgentMessage } from '@/lib/conversations';
import { apiRoute } from '../../../_lib/api-route';

export const POST = apiRoute(endpoints.sendMessage, async ({ caller, params, headers, body }) => {
  // The key is the message's client id: the store keeps one message per conversation and id.
  const clientId = headers['idempotency-key'] ?? randomUUID();
  const message = await sendAgentMessage(caller.actor, { ...params, ...body, clientId });
  if (message.body !== body.body || message.isPrivate !== body.isPrivate) {
    throw new ActionError('conflict', 'This Idempotency-Key was used for another message');
  }
  return { message };
});
