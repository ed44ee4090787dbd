// Webhooks: signed deliveries of a site's events to the endpoints its admins register, as durable
// jobs (lib/jobs) with retries; and the signed, address-checked POST that intent actions use too.
export { fanOutWebhookEventJob } from './fan-out-webhook-event';
export { queueWebhookEvent } from './queue-webhook-event';
export { webhookDeliveryJob } from './deliver-webhook';
export { pruneDeliveriesJob } from './prune-deliveries';
export { postSigned } from './outbound-request';
export { newSigningSecret } from './site-endpoint';

// Admin actions
export { listWebhookEndpoints } from './list-webhook-endpoints';
export { createWebhookEndpoint } from './create-webhook-endpoint';
export { updateWebhookEndpoint } from './update-webhook-endpoint';
export { deleteWebhookEndpoint } from './delete-webhook-endpoint';
export { rotateWebhookSecret } from './rotate-webhook-secret';
export { resendWebhookDelivery } from './resend-webhook-delivery';
