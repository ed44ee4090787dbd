import Link from 'next/link';
import { ApiTokens } from '@/components/admin/api/api-tokens';
import { Card } from '@/components/ui/card';
import { listApiTokens } from '@/lib/api';
import { adminContext } from '../admin-context';
import { textLinkClass } from '@/components/ui/link-styles';

export default async function ApiPage() {
  const { member } = await adminContext();
  const tokens = await listApiTokens(member.workspaceId);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold">API</h1>
        <p className="text-sm text-stone-600">
          Other systems (a CRM, a help desk, a script) use the REST API at{' '}
          <span className="font-mono">/api/v1</span> with a token sent as{' '}
          <span className="font-mono">Authorization: Bearer hearth_…</span>. A token acts as the
          admin who created it and stops working if they stop being an admin; a read-only token may
          only read. Every request is in the audit log. See the{' '}
          <Link href="/admin/api/reference" className={textLinkClass}>
            reference
          </Link>{' '}
          or the{' '}
          <a href="/api/v1/openapi.json" className={textLinkClass}>
            OpenAPI document
          </a>
          .
        </p>
      </div>
      <Card title="Tokens">
        <ApiTokens tokens={tokens} />
      </Card>
    </div>
  );
}
