import { exportIntents } from '@/lib/intents';
import { queryOf, siteRoute } from '@/app/api/admin/_lib/site-route';

/** `?format=hearth-json|csv|rasa-yaml|nlpjs`, downloaded as a file. */
export const GET = siteRoute(async ({ member, siteId, request }) => {
  const file = await exportIntents(member, siteId, queryOf(request).format);
  return new Response(file.content, {
    headers: {
      'content-type': `${file.mimeType}; charset=utf-8`,
      'content-disposition': `attachment; filename="${file.fileName}"`,
    },
  });
});
