import { siteAnalytics } from '@/lib/analytics';
import { queryOf, siteRoute } from '@/app/api/admin/_lib/site-route';

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days, both included). */
export const GET = siteRoute(async ({ siteId, request }) =>
  siteAnalytics(siteId, queryOf(request)),
);
