'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { SiteLanguage } from '@/lib/schemas/site';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';
import { LanguageSelect } from './language-select';

export function CreateSiteForm() {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<SiteLanguage>('en');
  const [origin, setOrigin] = useState('');
  return (
    <form
      className="grid items-end gap-3 md:grid-cols-[1fr_8rem_1fr_auto]"
      onSubmit={async (event) => {
        event.preventDefault();
        const created = await run(() =>
          api<{ id: string }>('POST', '/api/admin/sites', {
            name,
            language,
            allowedOrigins: origin.trim() ? [origin.trim()] : [],
          }),
        );
        if (created) {
          document.cookie = `hearth_admin_site=${created.id}; path=/; samesite=lax; max-age=31536000`;
          window.location.reload();
        }
      }}
    >
      <label>
        <span className={labelClass}>Name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          className={inputClass}
          required
        />
      </label>
      <label>
        <span className={labelClass}>Language</span>
        <LanguageSelect value={language} onChange={setLanguage} />
      </label>
      <label>
        <span className={labelClass}>Website origin</span>
        <input
          value={origin}
          onChange={(e) => setOrigin(e.target.value)}
          placeholder="https://shop.example.com"
          className={inputClass}
        />
      </label>
      <Button type="submit" disabled={pending || !name.trim()}>
        Add site
      </Button>
      <div className="md:col-span-4">
        <ErrorNotice error={error} />
      </div>
    </form>
  );
}
