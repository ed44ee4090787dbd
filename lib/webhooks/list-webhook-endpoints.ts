import { db } from '@/lib/db';
import {
  WebhookEventTypeSchema,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from '@/lib/schemas/webhook';
import { requireWorkspaceSite, type Admin } from '@/lib/sites/workspace-site';

/** Deliveries shown per endpoint, newest first. */
const RECENT_DELIVERIES = 20;

/** The site's endpoints, each with its recent deliveries (for admins: secrets included). */
export async function listWebhookEndpoints(
  admin: Admin,
  siteId: string,
): Promise<WebhookEndpointView[]> {
  await requireWorkspaceSite(admin, siteId);
  const endpoints = await db().webhookEndpoint.findMany({
    where: { siteId },
    orderBy: { createdAt: 'asc' },
    include: { deliveries: { orderBy: { createdAt: 'desc' }, take: RECENT_DELIVERIES } },
  });
  return endpoints.map((endpoint) => ({
    id: endpoint.id,
    url: endpoint.url,
    secret: endpoint.secret,
    events: endpoint.events.flatMap((event) => {
      const parsed = WebhookEventTypeSchema.safeParse(event);
      return parsed.success ? [parsed.data] : [];
    }),
    enabled: endpoint.enabled,
    allowPrivateAddresses: endpoint.allowPrivateAddresses,
    createdAt: endpoint.createdAt.toISOString(),
    deliveries: endpoint.deliveries.map((delivery): WebhookDeliveryView => ({
      id: delivery.id,
      eventId: delivery.eventId,
      type: delivery.type,
      status: delivery.status,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode,
      lastError: delivery.lastError,
      lastDurationMs: delivery.lastDurationMs,
      lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
      createdAt: delivery.createdAt.toISOString(),
    })),
  }));
}
