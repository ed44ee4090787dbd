import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AdminProvider } from '@/components/admin/admin-context';
import { AdminNav } from '@/components/admin/admin-nav';
import { SitePicker } from '@/components/admin/site-picker';
import { signOutAction } from '@/app/settings/actions';
import { CsrfField } from '@/components/ui/csrf-field';
import { adminContext } from './admin-context';

export const metadata: Metadata = { title: 'Admin — Hearth' };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { member, sites, site } = await adminContext();
  return (
    <AdminProvider csrfToken={member.csrfToken} siteId={site?.id ?? ''}>
      <div className="flex min-h-screen flex-col bg-stone-50">
        <header className="flex min-h-12 shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-stone-200 bg-white px-4 py-2">
          <span className="font-semibold tracking-tight">Hearth</span>
          <span className="text-sm text-stone-500">Admin</span>
          {site ? (
            <SitePicker sites={sites.map(({ id, name }) => ({ id, name }))} current={site.id} />
          ) : null}
          <nav
            aria-label="Workspace"
            className="ml-auto flex items-center gap-3 text-sm text-stone-600"
          >
            <a href="/inbox" className="hover:text-stone-900">
              Inbox
            </a>
            <a href="/settings/team" className="hover:text-stone-900">
              Team
            </a>
            <span title={member.email} className="hidden sm:inline">
              {member.name}
            </span>
            <form action={signOutAction}>
              <CsrfField token={member.csrfToken} />
              <button type="submit" className="rounded px-2 py-1 hover:bg-stone-200/60">
                Sign out
              </button>
            </form>
          </nav>
        </header>
        <div className="flex flex-1 flex-col md:flex-row">
          <AdminNav />
          <main className="min-w-0 flex-1 px-3 py-4 md:px-6 md:py-6">{children}</main>
        </div>
      </div>
    </AdminProvider>
  );
}
