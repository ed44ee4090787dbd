import Link from 'next/link';
import type { SessionMember } from '@/lib/auth/session';
import { signOutAction } from '@/app/settings/actions';
import { CsrfField } from '@/components/ui/csrf-field';

/** The bar above the inbox and settings: where you are, who you are, and a way out. */
export function WorkspaceNav({
  member,
  current,
}: {
  member: SessionMember;
  current: 'inbox' | 'settings' | 'team' | 'canned';
}) {
  const link = (href: string, label: string, active: boolean) => (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`rounded px-2 py-1 text-sm ${active ? 'bg-stone-200 font-medium' : 'text-stone-600 hover:bg-stone-200/60'}`}
    >
      {label}
    </Link>
  );
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-stone-200 bg-white px-3">
      <span className="mr-2 font-semibold tracking-tight">Hearth</span>
      <nav aria-label="Main" className="flex items-center gap-1">
        {link('/inbox', 'Inbox', current === 'inbox')}
        {member.role === 'admin' ? (
          <>
            {link('/settings/team', 'Team', current === 'team')}
            {link('/settings/canned', 'Canned responses', current === 'canned')}
            {link('/admin', 'Admin console', false)}
          </>
        ) : null}
        {link('/settings', 'Account', current === 'settings')}
      </nav>
      <div className="ml-auto flex items-center gap-3">
        <span className="hidden text-sm text-stone-600 sm:inline" title={member.email}>
          {member.name}
        </span>
        <form action={signOutAction}>
          <CsrfField token={member.csrfToken} />
          <button
            type="submit"
            className="rounded px-2 py-1 text-sm text-stone-600 hover:bg-stone-200/60"
          >
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
