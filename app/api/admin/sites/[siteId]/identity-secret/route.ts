import { rotateIdentitySecret } from '@/lib/sites';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

/** Rotates the secret that signs identified visitors. */
export const POST = siteRoute(async ({ member, siteId }) => rotateIdentitySecret(member, siteId));
