import { endpoints } from '@/lib/api';
import { exportVisitorData } from '@/lib/visitors';
import { apiRoute } from '../../../_lib/api-route';

export const GET = apiRoute(endpoints.exportVisitor, ({ caller, params }) =>
  exportVisitorData(caller.actor, params.visitorId),
);
