import type { ReactNode } from 'react';
import type { openApiDocument } from '@/lib/api';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { textLinkClass } from '@/components/ui/link-styles';

type Document = ReturnType<typeof openApiDocument>;
type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  format?: string;
  additionalProperties?: JsonSchema | boolean;
};
interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  /** Absent on the public document itself. */
  'x-minimum-token-role'?: 'read_only' | 'read_write';
  parameters?: {
    name: string;
    in: string;
    required: boolean;
    description?: string;
    schema: JsonSchema;
  }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<
    string,
    {
      description?: string;
      $ref?: string;
      content?: { 'application/json': { schema?: JsonSchema } };
    }
  >;
}

const METHOD_TONE = {
  get: 'blue',
  post: 'green',
  put: 'amber',
  patch: 'amber',
  delete: 'red',
} as const;

/** A readable rendering of the OpenAPI document: operations by tag, then every schema. */
export function ApiReference({ document }: { document: Document }) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      path,
      method,
      operation: operation as Operation,
    })),
  );
  const tags = [...new Set(operations.map(({ operation }) => operation.tags[0]))];
  const schemas = document.components.schemas as Record<string, JsonSchema>;
  return (
    <div className="space-y-6">
      {tags.map((tag) => (
        <Card key={tag} title={tag}>
          <div className="space-y-5">
            {operations
              .filter(({ operation }) => operation.tags[0] === tag)
              .map(({ path, method, operation }) => (
                <OperationView
                  key={operation.operationId}
                  path={path}
                  method={method}
                  operation={operation}
                />
              ))}
          </div>
        </Card>
      ))}
      <Card title="Schemas">
        <div className="space-y-5">
          {Object.entries(schemas).map(([name, schema]) => (
            <section key={name} id={`schema-${name}`} className="scroll-mt-4">
              <h3 className="font-mono text-sm font-semibold">{name}</h3>
              {schema.description ? (
                <p className="text-xs text-stone-600">{schema.description}</p>
              ) : null}
              {schema.properties ? (
                <PropertyTable schema={schema} />
              ) : (
                <p className="text-xs text-stone-600">{typeOf(schema)}</p>
              )}
            </section>
          ))}
        </div>
      </Card>
    </div>
  );
}

function OperationView({
  path,
  method,
  operation,
}: {
  path: string;
  method: string;
  operation: Operation;
}) {
  const body = operation.requestBody?.content['application/json'].schema;
  return (
    <article aria-labelledby={`op-${operation.operationId}`} className="space-y-1.5">
      <h3 id={`op-${operation.operationId}`} className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={METHOD_TONE[method as keyof typeof METHOD_TONE]}>{method.toUpperCase()}</Badge>
        <span className="font-mono">/api/v1{path}</span>
        <span className="text-stone-600">{operation.summary}</span>
        {operation['x-minimum-token-role'] === 'read_write' ? (
          <Badge tone="amber">read-write token</Badge>
        ) : null}
      </h3>
      {operation.description ? (
        <p className="text-xs text-stone-600">{operation.description}</p>
      ) : null}
      {operation.parameters?.length ? (
        <table className="text-xs">
          <tbody>
            {operation.parameters.map((parameter) => (
              <tr key={`${parameter.in}-${parameter.name}`}>
                <td className="pr-3 font-mono">{parameter.name}</td>
                <td className="pr-3 text-stone-500">{parameter.in}</td>
                <td className="pr-3">{typeOf(parameter.schema)}</td>
                <td className="text-stone-500">
                  {parameter.required ? 'required' : 'optional'}
                  {parameter.description ? ` · ${parameter.description}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="text-xs">
        {body ? <>Body: {typeOf(body)} · </> : null}
        Answers:{' '}
        {Object.entries(operation.responses).map(([status, response], index) => (
          <span key={status}>
            {index ? ', ' : ''}
            <span className="font-mono">{status}</span>{' '}
            {response.content?.['application/json'].schema
              ? typeOf(response.content['application/json'].schema)
              : response.$ref
                ? response.$ref.split('/').pop()
                : response.description}
          </span>
        ))}
      </p>
    </article>
  );
}

function PropertyTable({ schema }: { schema: JsonSchema }) {
  return (
    <table className="mt-1 text-xs">
      <tbody>
        {Object.entries(schema.properties ?? {}).map(([name, property]) => (
          <tr key={name} className="align-top">
            <td className="pr-3 font-mono">{name}</td>
            <td className="pr-3">{typeOf(property)}</td>
            <td className="text-stone-500">
              {schema.required?.includes(name) ? '' : 'optional'}
              {property.description ? ` ${property.description}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A schema in a few words, with named schemas linked. */
function typeOf(schema: JsonSchema): ReactNode {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return (
      <a href={`#schema-${name}`} className={`font-mono ${textLinkClass}`}>
        {name}
      </a>
    );
  }
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return joined(options.map(typeOf), ' | ');
  if (schema.enum)
    return (
      <span className="font-mono">
        {schema.enum.map((value) => JSON.stringify(value)).join(' | ')}
      </span>
    );
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['any'];
  return joined(
    types.map((type) => {
      if (type === 'array' && schema.items) return <>{typeOf(schema.items)}[]</>;
      if (type === 'object' && schema.properties) {
        return (
          <>
            {'{ '}
            {joined(
              Object.entries(schema.properties).map(([name, property]) => (
                <>
                  {name}: {typeOf(property)}
                </>
              )),
              ', ',
            )}
            {' }'}
          </>
        );
      }
      return schema.format && type === 'string' ? `string (${schema.format})` : type;
    }),
    ' | ',
  );
}

function joined(parts: ReactNode[], separator: string): ReactNode {
  return parts.map((part, index) => (
    <span key={index}>
      {index ? separator : ''}
      {part}
    </span>
  ));
}
