import { endpoints } from '@/lib/api';
import { deleteVisitor, getVisitor } from '@/lib/visitors';
import { apiRoute } from '../../_lib/api-route';

export const GET = apiRoute(endpoints.getVisitor, ({ caller, params }) =>
  getVisitor(caller.actor.workspaceId, params.visitorId),
);

export const DELETE = apiRoute(endpoints.deleteVisitor, ({ caller, params }) =>
  deleteVisitor(caller.actor, params.visitorId),
);
