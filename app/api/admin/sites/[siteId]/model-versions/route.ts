import { listModelVersions } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const GET = siteRoute(async ({ siteId }) => ({ versions: await listModelVersions(siteId) }));
