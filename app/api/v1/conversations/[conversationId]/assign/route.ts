import { endpoints } from '@/lib/api';
import { assignConversation } from '@/lib/conversations';
import { apiRoute } from '../../../_lib/api-route';

export const POST = apiRoute(endpoints.assignConversation, async ({ caller, params, body }) => ({
  conversation: await assignConversation(caller.actor, { ...params, ...body }),
}));
