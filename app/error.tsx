'use client';

import { CrashNotice } from '@/components/crash-notice';

/** A crashed page inside the root layout (which gives it its language and styles). */
export default function PageError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return <CrashNotice digest={error.digest} retry={retry} />;
}
