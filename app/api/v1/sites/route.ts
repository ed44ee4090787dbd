import { endpoints } from '@/lib/api';
import { listSites } from '@/lib/sites';
import { apiRoute } from '../_lib/api-route';

export const GET = apiRoute(endpoints.listSites, async ({ caller }) => ({
  sites: await listSites(caller.actor.workspaceId),
}));
