'use client';

import { CrashNotice } from '@/components/crash-notice';
import './globals.css';

/** A crash in the root layout itself: this page then stands in for the layout, html and body. */
export default function GlobalError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <html lang="en">
      <body className="bg-stone-50 text-stone-900 antialiased">
        <CrashNotice digest={error.digest} retry={retry} />
      </body>
    </html>
  );
}
