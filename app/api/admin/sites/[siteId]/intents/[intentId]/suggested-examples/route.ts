import { readBody } from '@/lib/auth';
import { labelMessages } from '@/lib/conversations';
import { AddSuggestedExamplesSchema } from '@/lib/schemas/intent';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

/** Suggested review-queue messages become examples of the intent, as labelling them in the inbox does. */
export const POST = siteRoute<{ intentId: string }>(async ({ member, params, request }) => {
  const { messageIds } = await readBody(request, AddSuggestedExamplesSchema);
  return labelMessages(member, { messageIds, intentId: params.intentId });
});
