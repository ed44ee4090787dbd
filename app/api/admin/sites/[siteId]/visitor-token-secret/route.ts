import { rotateVisitorTokenSecret } from '@/lib/sites';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

/** Rotates the secret that signs visitor tokens: every visitor of the site starts afresh. */
export const POST = siteRoute(async ({ member, siteId }) =>
  rotateVisitorTokenSecret(member, siteId),
);
