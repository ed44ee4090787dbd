import Link from 'next/link';
import { ApiReference } from '@/components/admin/api/api-reference';
import { openApiDocument } from '@/lib/api';
import { adminContext } from '../../admin-context';
import { textLinkClass } from '@/components/ui/link-styles';

export default async function ApiReferencePage() {
  await adminContext();
  const document = openApiDocument();
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div>
        <Link href="/admin/api" className={`text-sm ${textLinkClass}`}>
          ← API tokens
        </Link>
        <h1 className="text-xl font-semibold">API reference</h1>
        <p className="text-sm text-stone-600">{document.info.description}</p>
      </div>
      <ApiReference document={document} />
    </div>
  );
}
