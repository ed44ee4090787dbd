import type { ReactNode } from 'react';

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return <div className="min-h-screen bg-stone-50">{children}</div>;
}
