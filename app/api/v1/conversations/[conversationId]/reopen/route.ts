import { endpoints } from '@/lib/api';
import { reopenConversation } from '@/lib/conversations';
import { apiRoute } from '../../../_lib/api-route';

export const POST = apiRoute(endpoints.reopenConversation, async ({ caller, params }) => ({
  conversation: await reopenConversation(caller.actor, params),
}));
