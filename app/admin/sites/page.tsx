import { headers } from 'next/headers';
import { Card } from '@/components/ui/card';
import { CreateSiteForm } from '@/components/admin/sites/create-site-form';
import { SiteSettings } from '@/components/admin/sites/site-settings';
import { config } from '@/lib/config';
import { listModelVersions } from '@/lib/intents';
import { embedSnippet } from '@/lib/sites';
import { adminContext } from '../admin-context';

export default async function SitesPage() {
  const { sites, site } = await adminContext();
  const host = (await headers()).get('host') ?? 'localhost:3000';
  const publicUrl = config().PUBLIC_URL ?? `http://${host}`;
  const live = site ? (await listModelVersions(site.id)).find((version) => version.active) : null;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Sites and widget</h1>
        <p className="text-sm text-stone-600">
          {sites.length} site{sites.length === 1 ? '' : 's'} in this workspace; pick one at the top
          to edit it.
        </p>
      </div>
      {site ? (
        <SiteSettings
          key={site.id}
          site={site}
          snippet={embedSnippet(publicUrl, site.publicKey)}
          liveCurve={live?.metrics?.curve ?? []}
          liveBudgetShare={live?.metrics?.budgetShare ?? 1}
        />
      ) : null}
      <Card title="Add a site">
        <CreateSiteForm />
      </Card>
    </div>
  );
}
