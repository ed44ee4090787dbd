import { endpoints } from '@/lib/api';
import { listModelVersions } from '@/lib/intents';
import { apiRoute } from '../../../_lib/api-route';

export const GET = apiRoute(endpoints.listModelVersions, async ({ params }) => ({
  versions: await listModelVersions(params.siteId),
}));
