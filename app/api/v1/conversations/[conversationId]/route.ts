import { endpoints } from '@/lib/api';
import { findAgentConversation } from '@/lib/conversations';
import { apiRoute } from '../../_lib/api-route';

export const GET = apiRoute(endpoints.getConversation, ({ caller, params, query }) =>
  findAgentConversation(caller.actor, { ...params, ...query }),
);
