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
  const link = (href: string, label: string, active: boolean, short = label) => (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      aria-label={label}
      className={`shrink-0 rounded px-2 py-1 text-sm whitespace-nowrap ${active ? 'bg-stone-200 font-medium' : 'text-stone-600 hover:bg-stone-200/60'}`}
    >
      {/* Short labels on phones, so the bar fits 390 px. */}
      <span className="sm:hidden">{short}</span>
      <span className="hidden sm:inline">{label}</span>
    </Link>
  );
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-stone-200 bg-white px-3">
      <span className="mr-1 font-semibold tracking-tight sm:mr-2">Hearth</span>
      <nav aria-label="Main" className="flex min-w-0 items-center gap-1 overflow-x-auto">
        {link('/inbox', 'Inbox', current === 'inbox')}
        {member.role === 'admin' ? (
          <>
            {link('/settings/team', 'Team', current === 'team')}
            {link('/settings/canned', 'Canned responses', current === 'canned', 'Canned')}
            {link('/admin', 'Admin console', false, 'Admin')}
          </>
        ) : null}
        {link('/settings', 'Account', current === 'settings')}
      </nav>
      <div className="ml-auto flex shrink-0 items-center gap-3">
        <span className="hidden text-sm text-stone-600 sm:inline" title={member.email}>
          {member.name}
        </span>
        <form action={signOutAction}>
          <CsrfField token={member.csrfToken} />
          <button
            type="submit"
            className="rounded px-2 py-1 text-sm whitespace-nowrap text-stone-600 hover:bg-stone-200/60"
          >
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
