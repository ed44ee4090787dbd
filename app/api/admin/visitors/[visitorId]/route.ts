import { deleteVisitor } from '@/lib/visitors';
import { adminRoute } from '@/app/api/admin/_lib/site-route';

/** The inbox's "Delete visitor": erases everything stored about them. */
export const DELETE = adminRoute<{ visitorId: string }>(async ({ member, params }) =>
  deleteVisitor(member, params.visitorId),
);
