import { z } from 'zod';
import { ArticleInputSchema } from '@/lib/knowledge/schemas';
import * as api from '@/lib/schemas/api';
import { AgentConversationSchema, AgentMessageSchema } from '@/lib/schemas/events';
import { AddExamplesSchema, CreateIntentSchema, EditExampleSchema } from '@/lib/schemas/intent';
import * as visitors from '@/lib/schemas/visitor';
import { endpoints, type Endpoint } from './endpoints';

// The OpenAPI 3.1 document, generated from the endpoints' own zod schemas with zod's native
// z.toJSONSchema (draft 2020-12, the dialect OpenAPI 3.1 uses), so no converter library is needed.

/** Request shapes as clients write them (defaults optional), by component name. */
const REQUEST_SCHEMAS = {
  SendMessage: api.SendMessageBodySchema,
  Assign: api.AssignBodySchema,
  CreateIntent: CreateIntentSchema,
  UpdateIntent: api.UpdateIntentBodySchema,
  AddExamples: AddExamplesSchema,
  EditExample: EditExampleSchema,
  ArticleInput: ArticleInputSchema,
};

/** Answers as the server sends them, by component name. */
const RESPONSE_SCHEMAS = {
  Error: api.ApiErrorSchema,
  Site: api.SiteSummarySchema,
  SiteList: api.SiteListSchema,
  Conversation: AgentConversationSchema,
  Message: AgentMessageSchema,
  ConversationPage: api.ConversationPageSchema,
  ConversationWithMessages: api.ConversationWithMessagesSchema,
  ConversationEnvelope: api.ConversationEnvelopeSchema,
  MessageEnvelope: api.MessageEnvelopeSchema,
  VisitorSummary: visitors.VisitorSummarySchema,
  VisitorPage: visitors.VisitorPageSchema,
  VisitorDetail: visitors.VisitorDetailSchema,
  VisitorExport: visitors.VisitorExportSchema,
  VisitorDeleted: visitors.VisitorDeletedSchema,
  IntentSummary: api.IntentSummarySchema,
  IntentList: api.IntentListSchema,
  IntentExample: api.IntentExampleSchema,
  IntentExampleList: api.IntentExampleListSchema,
  IntentDetail: api.IntentDetailSchema,
  IntentCreated: api.IntentCreatedSchema,
  AddedExamples: api.AddedExamplesSchema,
  ArticleStatus: api.ArticleStatusSchema,
  ArticleList: api.ArticleListSchema,
  Article: api.ArticleSchema,
  TrainingRun: api.TrainingRunSchema,
  TrainingRunEnvelope: api.TrainingRunEnvelopeSchema,
  ModelVersion: api.ModelVersionSchema,
  ModelVersionList: api.ModelVersionListSchema,
};

type JsonSchema = Record<string, unknown>;

const REFUSALS = {
  Unauthenticated: ['401', 'No token, or an unknown, revoked or orphaned one'],
  Forbidden: ['403', 'A read-only token asked to change something'],
  NotFound: ['404', "No such resource in the token's workspace"],
  Conflict: ['409', 'The resource is not in a state that allows this'],
  TooLarge: ['413', 'The body is larger than 1 MB'],
  Invalid: ['422', 'The request does not match its schema (details.issues say where)'],
  RateLimited: ['429', "Over the token's requests per minute; Retry-After says when to retry"],
} as const;

/** The whole document; cheap enough to build per request, and always in step with the code. */
export function openApiDocument(serverUrl = '/api/v1') {
  const requests = componentSchemas(REQUEST_SCHEMAS, 'input');
  const responses = componentSchemas(RESPONSE_SCHEMAS, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation(
      operationId,
      endpoint,
      requests.refOf,
      responses.refOf,
    );
  }
  paths['/openapi.json'] = {
    get: {
      operationId: 'openApiDocument',
      tags: ['Reference'],
      summary: 'This document',
      security: [],
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hearth REST API',
      version: '1',
      description:
        'Conversations, visitors, intents, the knowledge base and training of one workspace. ' +
        'Create a token under Admin → API; send it as `Authorization: Bearer hearth_…`. A token ' +
        'acts as the admin who created it: read-only tokens may only GET. Errors are always ' +
        '`{ "error": { "code", "message", "details"? } }`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ token: [] }],
    paths,
    components: {
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', description: 'An API token (hearth_…)' },
      },
      schemas: { ...requests.schemas, ...responses.schemas },
      responses: Object.fromEntries(
        Object.entries(REFUSALS).map(([name, [, description]]) => [
          name,
          {
            description,
            ...(name === 'RateLimited'
              ? {
                  headers: {
                    'Retry-After': { schema: { type: 'integer' }, description: 'Seconds' },
                  },
                }
              : {}),
            content: { 'application/json': { schema: responses.refOf(api.ApiErrorSchema) } },
          },
        ]),
      ),
    },
  };
}

function operation(
  operationId: string,
  endpoint: Endpoint,
  requestRef: (schema: z.ZodType) => JsonSchema,
  responseRef: (schema: z.ZodType) => JsonSchema,
) {
  const writes = endpoint.method !== 'GET';
  const refusals: (keyof typeof REFUSALS)[] = ['Unauthenticated'];
  if (writes) refusals.push('Forbidden');
  if (endpoint.params) refusals.push('NotFound');
  if (writes) refusals.push('Conflict');
  if (endpoint.body) refusals.push('TooLarge');
  refusals.push('Invalid', 'RateLimited');
  const status = endpoint.response ? String(endpoint.status ?? 200) : '204';
  return {
    operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    // The least a token needs: GET takes any token, everything else a read-write one.
    'x-minimum-token-role': writes ? 'read_write' : 'read_only',
    parameters: [
      ...parameters('path', endpoint.params),
      ...parameters('query', endpoint.query),
      ...parameters('header', endpoint.headers),
    ],
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: requestRef(endpoint.body) } },
          },
        }
      : {}),
    responses: {
      [status]: endpoint.response
        ? {
            description: 'OK',
            content: { 'application/json': { schema: responseRef(endpoint.response) } },
          }
        : { description: 'Done; no content' },
      ...Object.fromEntries(
        refusals.map((name) => [REFUSALS[name][0], { $ref: `#/components/responses/${name}` }]),
      ),
    },
  };
}

/** One OpenAPI parameter per property of a path, query or header schema. */
function parameters(where: 'path' | 'query' | 'header', schema: z.ZodObject | undefined) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, property]) => {
    const json = toJson(property as z.ZodType, 'input');
    const { description, ...rest } = json;
    return {
      name: where === 'header' ? headerName(name) : name,
      in: where,
      required: where === 'path' || !(property as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** `idempotency-key` → `Idempotency-Key`, as people write it. */
const headerName = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

/** Named schemas as `components.schemas`, with nested named ones as `$ref`s. */
function componentSchemas(named: Record<string, z.ZodType>, io: 'input' | 'output') {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    ...generatorOptions(io),
    uri: (id) => `#/components/schemas/${id}`,
  });
  const refOf = (schema: z.ZodType): JsonSchema => {
    const id = registry.get(schema)?.id;
    if (!id)
      throw new Error('An endpoint uses a schema without a component name (lib/api/openapi.ts)');
    return { $ref: `#/components/schemas/${id}` };
  };
  return {
    schemas: Object.fromEntries(
      Object.entries(schemas).map(([id, json]) => [id, withoutDialect(json as JsonSchema)]),
    ),
    refOf,
  };
}

function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return withoutDialect(z.toJSONSchema(schema, generatorOptions(io)) as JsonSchema);
}

function generatorOptions(io: 'input' | 'output') {
  return {
    target: 'draft-2020-12' as const,
    io,
    // Dates travel as ISO 8601 strings (JSON has no date type).
    unrepresentable: 'any' as const,
    override: ({
      zodSchema,
      jsonSchema,
    }: {
      zodSchema: z.core.$ZodType;
      jsonSchema: JsonSchema;
    }) => {
      if (zodSchema._zod.def.type === 'date')
        Object.assign(jsonSchema, { type: 'string', format: 'date-time' });
    },
  };
}

/** The document states its dialect once (OpenAPI 3.1's default) and names schemas by their key. */
function withoutDialect({ $schema: _dialect, $id: _id, ...schema }: JsonSchema): JsonSchema {
  return schema;
}
