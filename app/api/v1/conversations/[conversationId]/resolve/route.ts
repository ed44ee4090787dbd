import { endpoints } from '@/lib/api';
import { resolveConversation } from '@/lib/conversations';
import { apiRoute } from '../../../_lib/api-route';

export const POST = apiRoute(endpoints.resolveConversation, async ({ caller, params }) => ({
  conversation: await resolveConversation(caller.actor, params),
}));
