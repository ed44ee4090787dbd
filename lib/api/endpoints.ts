import { z } from 'zod';
import { ArticleInputSchema } from '@/lib/knowledge/schemas';
import {
  AddedExamplesSchema,
  ArticleListSchema,
  ArticleSchema,
  AssignBodySchema,
  ConversationEnvelopeSchema,
  ConversationListQuerySchema,
  ConversationPageSchema,
  ConversationReadQuerySchema,
  ConversationWithMessagesSchema,
  IdempotencyHeadersSchema,
  IntentCreatedSchema,
  IntentDetailSchema,
  IntentExampleListSchema,
  IntentExampleSchema,
  IntentListSchema,
  MessageEnvelopeSchema,
  ModelVersionListSchema,
  PathIdSchema,
  SendMessageBodySchema,
  SiteListSchema,
  TrainingRunEnvelopeSchema,
  UpdateIntentBodySchema,
} from '@/lib/schemas/api';
import { AddExamplesSchema, CreateIntentSchema, EditExampleSchema } from '@/lib/schemas/intent';
import {
  VisitorDeletedSchema,
  VisitorDetailSchema,
  VisitorExportSchema,
  VisitorListQuerySchema,
  VisitorPageSchema,
} from '@/lib/schemas/visitor';

/**
 * One operation of the REST API: what its route parses and answers, and what the OpenAPI document
 * says about it — the same schemas, so the two cannot drift. GET needs any token; every other
 * method a read-write one. Without `response` the answer is 204 No Content.
 */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below /api/v1, in OpenAPI's form (`/conversations/{conversationId}`). */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: 200 | 201 | 202;
}

const endpoint = <const E extends Endpoint>(spec: E): E => spec;

function pathParams<const Name extends string>(...names: Name[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, PathIdSchema]))) as z.ZodObject<
    Record<Name, typeof PathIdSchema>
  >;
}

const conversation = pathParams('conversationId');
const visitor = pathParams('visitorId');
const site = pathParams('siteId');
const intent = pathParams('siteId', 'intentId');
const article = pathParams('siteId', 'articleId');

export const endpoints = {
  listSites: endpoint({
    method: 'GET',
    path: '/sites',
    tag: 'Sites',
    summary: "The workspace's sites",
    response: SiteListSchema,
  }),

  listConversations: endpoint({
    method: 'GET',
    path: '/conversations',
    tag: 'Conversations',
    summary: 'A page of conversations in one inbox view',
    description: "The inbox's views and order; pass `nextCursor` as `cursor` for the next page.",
    query: ConversationListQuerySchema,
    response: ConversationPageSchema,
  }),
  getConversation: endpoint({
    method: 'GET',
    path: '/conversations/{conversationId}',
    tag: 'Conversations',
    summary: 'A conversation with its messages',
    params: conversation,
    query: ConversationReadQuerySchema,
    response: ConversationWithMessagesSchema,
  }),
  sendMessage: endpoint({
    method: 'POST',
    path: '/conversations/{conversationId}/messages',
    tag: 'Conversations',
    summary: 'Send an agent message (or a private note)',
    description:
      'Sent as the admin who created the token. Replying to a conversation the bot answers takes it ' +
      'over. With an `Idempotency-Key`, a retry stores nothing new and answers with the first message.',
    params: conversation,
    headers: IdempotencyHeadersSchema,
    body: SendMessageBodySchema,
    response: MessageEnvelopeSchema,
    status: 201,
  }),
  assignConversation: endpoint({
    method: 'POST',
    path: '/conversations/{conversationId}/assign',
    tag: 'Conversations',
    summary: 'Assign to a member of the workspace, or unassign',
    params: conversation,
    body: AssignBodySchema,
    response: ConversationEnvelopeSchema,
  }),
  resolveConversation: endpoint({
    method: 'POST',
    path: '/conversations/{conversationId}/resolve',
    tag: 'Conversations',
    summary: 'Resolve',
    params: conversation,
    response: ConversationEnvelopeSchema,
  }),
  reopenConversation: endpoint({
    method: 'POST',
    path: '/conversations/{conversationId}/reopen',
    tag: 'Conversations',
    summary: 'Reopen a resolved conversation',
    params: conversation,
    response: ConversationEnvelopeSchema,
  }),
  handBackConversation: endpoint({
    method: 'POST',
    path: '/conversations/{conversationId}/hand-back',
    tag: 'Conversations',
    summary: 'Hand back to the bot',
    params: conversation,
    response: ConversationEnvelopeSchema,
  }),

  listVisitors: endpoint({
    method: 'GET',
    path: '/visitors',
    tag: 'Visitors',
    summary: 'Visitors (contacts), most recently seen first',
    query: VisitorListQuerySchema,
    response: VisitorPageSchema,
  }),
  getVisitor: endpoint({
    method: 'GET',
    path: '/visitors/{visitorId}',
    tag: 'Visitors',
    summary: 'A visitor and their conversations',
    params: visitor,
    response: VisitorDetailSchema,
  }),
  exportVisitor: endpoint({
    method: 'GET',
    path: '/visitors/{visitorId}/export',
    tag: 'Visitors',
    summary: 'Everything stored about a visitor (right of access)',
    params: visitor,
    response: VisitorExportSchema,
  }),
  deleteVisitor: endpoint({
    method: 'DELETE',
    path: '/visitors/{visitorId}',
    tag: 'Visitors',
    summary: 'Erase a visitor completely (right to erasure)',
    description:
      'Identity, conversations, messages, review items, training examples made from their ' +
      'messages and webhook deliveries about them. Cannot be undone.',
    params: visitor,
    response: VisitorDeletedSchema,
  }),

  listIntents: endpoint({
    method: 'GET',
    path: '/sites/{siteId}/intents',
    tag: 'Intents',
    summary: "A site's intents with counts and how well the latest model knows each",
    params: site,
    response: IntentListSchema,
  }),
  createIntent: endpoint({
    method: 'POST',
    path: '/sites/{siteId}/intents',
    tag: 'Intents',
    summary: 'Create an intent',
    params: site,
    body: CreateIntentSchema,
    response: IntentCreatedSchema,
    status: 201,
  }),
  getIntent: endpoint({
    method: 'GET',
    path: '/sites/{siteId}/intents/{intentId}',
    tag: 'Intents',
    summary: 'An intent with its examples and responses',
    params: intent,
    response: IntentDetailSchema,
  }),
  updateIntent: endpoint({
    method: 'PATCH',
    path: '/sites/{siteId}/intents/{intentId}',
    tag: 'Intents',
    summary: 'Rename an intent or change its flags',
    params: intent,
    body: UpdateIntentBodySchema,
    response: IntentDetailSchema,
  }),
  deleteIntent: endpoint({
    method: 'DELETE',
    path: '/sites/{siteId}/intents/{intentId}',
    tag: 'Intents',
    summary: 'Delete an intent with its examples and responses',
    params: intent,
  }),
  listExamples: endpoint({
    method: 'GET',
    path: '/sites/{siteId}/intents/{intentId}/examples',
    tag: 'Intents',
    summary: "An intent's training examples, newest first",
    params: intent,
    response: IntentExampleListSchema,
  }),
  addExamples: endpoint({
    method: 'POST',
    path: '/sites/{siteId}/intents/{intentId}/examples',
    tag: 'Intents',
    summary: 'Add examples (duplicates are skipped, conflicts flagged)',
    params: intent,
    body: AddExamplesSchema,
    response: AddedExamplesSchema,
    status: 201,
  }),
  updateExample: endpoint({
    method: 'PATCH',
    path: '/sites/{siteId}/intents/{intentId}/examples/{exampleId}',
    tag: 'Intents',
    summary: 'Rewrite an example (its entity marks are dropped)',
    params: pathParams('siteId', 'intentId', 'exampleId'),
    body: EditExampleSchema,
    response: IntentExampleSchema,
  }),
  deleteExample: endpoint({
    method: 'DELETE',
    path: '/sites/{siteId}/intents/{intentId}/examples/{exampleId}',
    tag: 'Intents',
    summary: 'Remove an example',
    params: pathParams('siteId', 'intentId', 'exampleId'),
  }),

  listArticles: endpoint({
    method: 'GET',
    path: '/sites/{siteId}/articles',
    tag: 'Knowledge base',
    summary: "A site's articles with their index status",
    params: site,
    response: ArticleListSchema,
  }),
  createArticle: endpoint({
    method: 'POST',
    path: '/sites/{siteId}/articles',
    tag: 'Knowledge base',
    summary: 'Write an article (indexed at once)',
    params: site,
    body: ArticleInputSchema,
    response: ArticleSchema,
    status: 201,
  }),
  getArticle: endpoint({
    method: 'GET',
    path: '/sites/{siteId}/articles/{articleId}',
    tag: 'Knowledge base',
    summary: 'An article',
    params: article,
    response: ArticleSchema,
  }),
  updateArticle: endpoint({
    method: 'PUT',
    path: '/sites/{siteId}/articles/{articleId}',
    tag: 'Knowledge base',
    summary: 'Replace an article (re-indexed at once)',
    params: article,
    body: ArticleInputSchema,
    response: ArticleSchema,
  }),
  deleteArticle: endpoint({
    method: 'DELETE',
    path: '/sites/{siteId}/articles/{articleId}',
    tag: 'Knowledge base',
    summary: 'Delete an article',
    params: article,
  }),

  startTraining: endpoint({
    method: 'POST',
    path: '/sites/{siteId}/training-runs',
    tag: 'Training',
    summary: 'Start training a new model version',
    description: 'Answers at once with the queued run; 409 with `details.runId` while one runs.',
    params: site,
    response: TrainingRunEnvelopeSchema,
    status: 202,
  }),
  getTrainingRun: endpoint({
    method: 'GET',
    path: '/sites/{siteId}/training-runs/{runId}',
    tag: 'Training',
    summary: "A training run's status, progress and log",
    params: pathParams('siteId', 'runId'),
    response: TrainingRunEnvelopeSchema,
  }),
  listModelVersions: endpoint({
    method: 'GET',
    path: '/sites/{siteId}/model-versions',
    tag: 'Training',
    summary: 'Trained model versions, newest first, with their evaluation',
    params: site,
    response: ModelVersionListSchema,
  }),
  activateModelVersion: endpoint({
    method: 'POST',
    path: '/sites/{siteId}/model-versions/{versionId}/activate',
    tag: 'Training',
    summary: 'Make a version the live model (rolling back is activating an older one)',
    params: pathParams('siteId', 'versionId'),
  }),
} satisfies Record<string, Endpoint>;
