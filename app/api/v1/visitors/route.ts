import { endpoints } from '@/lib/api';
import { listVisitors } from '@/lib/visitors';
import { apiRoute } from '../_lib/api-route';

export const GET = apiRoute(endpoints.listVisitors, ({ caller, query }) =>
  listVisitors(caller.actor.workspaceId, query),
);
