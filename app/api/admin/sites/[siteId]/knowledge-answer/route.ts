import { readBody } from '@/lib/auth';
import { BotQuestionSchema } from '@/lib/schemas/site-admin';
import { previewKnowledgeAnswer } from '@/lib/sites';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

/** "What would the bot answer": retrieved passages and the reply with its citations. */
export const POST = siteRoute(async ({ siteId, request }) => {
  const { text } = await readBody(request, BotQuestionSchema);
  return previewKnowledgeAnswer(siteId, text);
});
