import { TestConsole } from '@/components/admin/test/test-console';
import { adminSiteContext } from '../admin-context';

export default async function TestConsolePage() {
  const { site } = await adminSiteContext();
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Test console</h1>
        <p className="text-sm text-stone-600">
          Type what a visitor might write to {site.name}: see how the live model reads it and what
          the bot would answer. Nothing is stored.
        </p>
      </div>
      <TestConsole />
    </div>
  );
}
