import { endpoints } from '@/lib/api';
import { activateModelVersion } from '@/lib/training';
import { apiRoute } from '../../../../../_lib/api-route';

export const POST = apiRoute(endpoints.activateModelVersion, ({ caller, params }) =>
  activateModelVersion({ ...params, actorId: caller.actor.userId }),
);
