import { NextResponse } from 'next/server';
import { exportVisitorData } from '@/lib/visitors';
import { adminRoute } from '@/app/api/admin/_lib/site-route';

/** The inbox's "Export data": everything stored about the visitor, as a JSON file to download. */
export const GET = adminRoute<{ visitorId: string }>(async ({ member, params }) => {
  const data = await exportVisitorData(member, params.visitorId);
  return NextResponse.json(data, {
    headers: { 'content-disposition': `attachment; filename="visitor-${data.visitor.id}.json"` },
  });
});
