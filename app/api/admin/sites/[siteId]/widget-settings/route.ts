import { z } from 'zod';
import { readBody } from '@/lib/auth';
import { updateWidgetSettings } from '@/lib/sites';
import { siteRoute } from '@/app/api/admin/_lib/site-route';

export const PUT = siteRoute(async ({ member, siteId, request }) => ({
  widgetSettings: await updateWidgetSettings(member, siteId, await readBody(request, z.unknown())),
}));
