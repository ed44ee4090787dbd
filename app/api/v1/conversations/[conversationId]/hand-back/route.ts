import { endpoints } from '@/lib/api';
import { handBackToBot } from '@/lib/conversations';
import { apiRoute } from '../../../_lib/api-route';

export const POST = apiRoute(endpoints.handBackConversation, async ({ caller, params }) => ({
  conversation: await handBackToBot(caller.actor, params),
}));
