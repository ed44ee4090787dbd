import Link from 'next/link';

/** The ways back into Hearth from a page that could not be shown. */
export function WaysBack() {
  return (
    <nav className="flex justify-center gap-4 text-sm" aria-label="Ways back">
      <Link href="/inbox" className="text-blue-800 underline">
        Inbox
      </Link>
      <Link href="/admin" className="text-blue-800 underline">
        Admin
      </Link>
      <Link href="/" className="text-blue-800 underline">
        Demo shop
      </Link>
    </nav>
  );
}
