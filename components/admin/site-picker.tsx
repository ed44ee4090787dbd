'use client';

import { useRouter } from 'next/navigation';

/** Which site the admin pages work on; the server re-checks the choice on every request. */
export function SitePicker({
  sites,
  current,
}: {
  sites: { id: string; name: string }[];
  current: string;
}) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Site</span>
      <select
        value={current}
        onChange={(event) => {
          document.cookie = `hearth_admin_site=${encodeURIComponent(event.target.value)}; path=/; samesite=lax; max-age=31536000`;
          router.refresh();
        }}
        className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
      >
        {sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </select>
    </label>
  );
}
