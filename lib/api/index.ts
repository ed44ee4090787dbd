// The REST API (/api/v1): its tokens (created and revoked by admins, used by other systems), what
// each use costs and leaves behind, and the endpoints' schemas with the OpenAPI document made of them.
export { createApiToken } from './create-api-token';
export { revokeApiToken } from './revoke-api-token';
export { listApiTokens } from './list-api-tokens';
export {
  authenticateApiToken,
  RevokedApiTokenError,
  type ApiCaller,
} from './authenticate-api-token';
export { limitApiToken } from './limit-api-token';
export { recordApiUse } from './record-api-use';
export { endpoints, type Endpoint } from './endpoints';
export { openApiDocument } from './openapi';
