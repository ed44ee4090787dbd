'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const SECTIONS = [
  {
    href: '/admin',
    label: 'Intents',
    match: (path: string) => path === '/admin' || path.startsWith('/admin/intents'),
  },
  { href: '/admin/entities', label: 'Entities' },
  { href: '/admin/training', label: 'Training & versions' },
  { href: '/admin/test', label: 'Test console' },
  { href: '/admin/knowledge', label: 'Knowledge base' },
  { href: '/admin/sites', label: 'Sites & widget' },
  { href: '/admin/webhooks', label: 'Webhooks' },
  { href: '/admin/analytics', label: 'Analytics' },
  { href: '/admin/api', label: 'API' },
  { href: '/admin/audit', label: 'Audit log' },
];

export function AdminNav() {
  const path = usePathname();
  return (
    <nav
      aria-label="Admin"
      className="shrink-0 border-b border-stone-200 bg-white px-2 py-2 md:w-52 md:border-r md:border-b-0 md:py-4"
    >
      {/* A strip of tabs on phones, a sidebar from tablets up. */}
      <ul className="flex gap-1 overflow-x-auto md:block md:space-y-0.5">
        {SECTIONS.map((section) => {
          const active = section.match ? section.match(path) : path.startsWith(section.href);
          return (
            <li key={section.href} className="shrink-0">
              <Link
                href={section.href}
                aria-current={active ? 'page' : undefined}
                className={`block rounded px-3 py-1.5 text-sm whitespace-nowrap ${active ? 'bg-stone-900 text-white' : 'text-stone-700 hover:bg-stone-100'}`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
