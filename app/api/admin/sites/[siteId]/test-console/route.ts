import { readBody } from '@/lib/auth';
import { BotQuestionSchema } from '@/lib/schemas/site-admin';
import { testMessage } from '@/lib/sites';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const POST = siteRoute(async ({ siteId, request }) => {
  const { text } = await readBody(request, BotQuestionSchema);
  return testMessage(siteId, text);
});
