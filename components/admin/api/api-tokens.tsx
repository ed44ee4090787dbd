'use client';

import { useState } from 'react';
import type { ApiTokenRole, ApiTokenView } from '@/lib/schemas/api';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const when = (date: Date | string | null) => (date ? dateFormat.format(new Date(date)) : 'never');

/** Create a token (its secret shown once), see each one's last use, revoke. */
export function ApiTokens({ tokens }: { tokens: ApiTokenView[] }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiTokenRole>('read_only');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  async function create() {
    const result = await run(() =>
      api<{ secret: string }>('POST', '/api/admin/api-tokens', { name, role }),
    );
    if (result) {
      setCreated({ name, secret: result.secret });
      setName('');
    }
  }

  async function revoke(token: ApiTokenView) {
    if (!confirm(`Revoke "${token.name}"? Systems using it will be refused at once.`)) return;
    await run(() => api('DELETE', `/api/admin/api-tokens/${token.id}`));
  }

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <TextField
          label="Name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="CRM sync"
          className="min-w-56 flex-1"
          required
          maxLength={100}
        />
        <div>
          <label htmlFor="api-token-role" className={labelClass}>
            Access
          </label>
          <select
            id="api-token-role"
            value={role}
            onChange={(event) => setRole(event.target.value as ApiTokenRole)}
            className={inputClass}
          >
            <option value="read_only">Read only</option>
            <option value="read_write">Read and write</option>
          </select>
        </div>
        <Button type="submit" disabled={pending || !name.trim()}>
          Create token
        </Button>
      </form>
      <ErrorNotice error={error} />
      {created ? (
        <Notice tone="success">
          <p className="mb-2">
            The token “{created.name}” is shown only now: copy it into the system that will use it.
          </p>
          <input
            readOnly
            aria-label="New API token"
            data-testid="api-token-secret"
            value={created.secret}
            onFocus={(event) => event.currentTarget.select()}
            className="w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs text-stone-800"
          />
          <div className="mt-2 flex gap-2">
            <Button
              size="sm"
              tone="secondary"
              onClick={() => void navigator.clipboard?.writeText(created.secret)}
            >
              Copy token
            </Button>
            <Button size="sm" tone="ghost" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </Notice>
      ) : null}
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-stone-500 uppercase">
          <tr>
            <th className="py-1">Name</th>
            <th className="py-1">Token</th>
            <th className="py-1">Access</th>
            <th className="py-1">Created</th>
            <th className="py-1">Last used</th>
            <th className="py-1">
              <span className="sr-only">Revoke</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {tokens.map((token) => (
            <tr key={token.id} data-testid={`api-token-${token.name}`} className="align-top">
              <td className="py-1.5 pr-3">{token.name}</td>
              <td className="py-1.5 pr-3 font-mono text-xs">{token.prefix}…</td>
              <td className="py-1.5 pr-3">
                {token.role === 'read_write' ? (
                  <Badge tone="amber">read and write</Badge>
                ) : (
                  <Badge>read only</Badge>
                )}
              </td>
              <td className="py-1.5 pr-3 text-stone-600">
                {when(token.createdAt)}
                {token.createdBy ? ` by ${token.createdBy}` : ''}
              </td>
              <td className="py-1.5 pr-3 text-stone-600">{when(token.lastUsedAt)}</td>
              <td className="py-1.5 text-right">
                {token.revokedAt ? (
                  <Badge tone="red">revoked {when(token.revokedAt)}</Badge>
                ) : (
                  <Button
                    size="sm"
                    tone="danger"
                    disabled={pending}
                    onClick={() => void revoke(token)}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
          {!tokens.length ? (
            <tr>
              <td colSpan={6} className="py-6 text-center text-stone-500">
                No tokens yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
