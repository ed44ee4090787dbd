import { ActionError } from '@/lib/auth';
import { getIntent, type IntentDetail } from '@/lib/intents';

export async function requireIntent(siteId: string, intentId: string): Promise<IntentDetail> {
  const intent = await getIntent(siteId, intentId);
  if (!intent) throw new ActionError('not_found', 'No such intent');
  return intent;
}
