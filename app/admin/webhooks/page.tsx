import { WebhookEndpoints } from '@/components/admin/webhooks/webhook-endpoints';
import { listWebhookEndpoints } from '@/lib/webhooks';
import { adminSiteContext } from '../admin-context';

export default async function WebhooksPage() {
  const { member, site } = await adminSiteContext();
  const endpoints = await listWebhookEndpoints(member, site.id);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Webhooks</h1>
        <p className="text-sm text-stone-600">
          {site.name}: events POSTed as signed JSON to your own systems, retried for 24 hours when
          they fail. How to check the signature is in the README.
        </p>
      </div>
      <WebhookEndpoints key={site.id} endpoints={endpoints} />
    </div>
  );
}
