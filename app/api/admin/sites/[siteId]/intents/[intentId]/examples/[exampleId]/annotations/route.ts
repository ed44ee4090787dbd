import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { annotateExample } from '@/lib/intents';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

/** Replaces the entities marked in one example: `{ annotations: ExampleAnnotation[] }`. */
export const PUT = siteRoute<{ intentId: string; exampleId: string }>(
  async ({ member, siteId, params, request }) =>
    annotateExample(
      member,
      siteId,
      params.intentId,
      params.exampleId,
      await readBody(request, z.unknown()),
    ),
);
