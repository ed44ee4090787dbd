import { endpoints } from '@/lib/api';
import { listConversations } from '@/lib/conversations';
import { apiRoute } from '../_lib/api-route';

export const GET = apiRoute(endpoints.listConversations, ({ caller, query }) =>
  listConversations(caller.actor, query),
);
