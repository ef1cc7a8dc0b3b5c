import { z } from 'zod';
import { flowManager } from '@voxmesh/contracts';
import type { ApiRoute } from '../http/types.js';
import { SchemaComponents, type JsonSchema } from './schema-components.js';

/** The schemas the document calls by name; the rest are inlined where they are used. */
function namedSchemas(): z.core.$ZodRegistry<{ id: string }> {
  const names = z.registry<{ id: string }>();
  names.add(flowManager.callflowNodeSchema, { id: 'CallflowNode' });
  names.add(flowManager.pivotFormValueSchema, { id: 'PivotFormValue' });
  names.add(flowManager.metaflowNodeSchema, { id: 'MetaflowNode' });
  return names;
}

function openapiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)/g, (_whole, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: `/v2${converted}`, params };
}

function operationId(route: ApiRoute): string {
  const words = `${route.method.toLowerCase()} ${route.path}`
    .replace(/:[A-Za-z0-9_]+/g, 'by id')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
  return words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
}

const envelopeFields = {
  status: { type: 'string', const: 'success' },
  request_id: { type: 'string' },
  auth_token: { type: 'string' },
  node: { type: 'string' },
  timestamp: { type: 'string', format: 'date-time' },
  version: { type: 'string' },
  page_size: { type: 'integer' },
  start_key: { type: 'string' },
  next_start_key: { type: 'string' },
};

/**
 * The OpenAPI 3.1 document of the REST API, generated from the route table and the zod
 * schemas the gateway validates with, so the document cannot drift from the code. Recursive
 * and named schemas are `components/schemas`, referred to from the operations.
 */
export function openapiDocument(routes: ApiRoute[], options: { version: string; serverUrl: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas = new SchemaComponents(namedSchemas());
  const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => schemas.convert(schema, io);
  const usedIds = new Set<string>();
  for (const route of routes) {
    const { path, params } = openapiPath(route.path);
    let id = operationId(route);
    while (usedIds.has(id)) id = `${id}_`;
    usedIds.add(id);
    const parameters: Record<string, unknown>[] = params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    if (route.query) {
      const query = jsonSchema(route.query, 'input');
      const properties = (query.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((query.required ?? []) as string[]);
      for (const [name, schema] of Object.entries(properties)) parameters.push({ name, in: 'query', required: required.has(name), schema });
    }
    const operation: Record<string, unknown> = {
      operationId: id,
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses: {
        [String(route.successStatus ?? 200)]: {
          description: 'success',
          content: {
            'application/json': {
              schema: { type: 'object', required: ['data', 'status', 'request_id'], properties: { data: route.reply ? jsonSchema(route.reply, 'output') : {}, ...envelopeFields } },
            },
          },
        },
        '400': { $ref: '#/components/responses/Error' },
        ...(route.access !== 'public' ? { '401': { $ref: '#/components/responses/Error' }, '403': { $ref: '#/components/responses/Error' } } : {}),
        '404': { $ref: '#/components/responses/Error' },
        '429': { $ref: '#/components/responses/Error' },
        '503': { $ref: '#/components/responses/Error' },
      },
    };
    if (route.access === 'public') operation.security = [];
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: jsonSchema(route.body, 'input') } } } },
      };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'voxmesh REST API',
      version: options.version,
      description:
        'Kazoo crossbar conventions: `/v2` (or `/v1`), requests `{"data": …}`, replies `{"data", "status", "request_id"}`, PUT creates, POST replaces, PATCH merges, DELETE deletes. Paths also answer under `/v1`.',
    },
    servers: [{ url: options.serverUrl }],
    security: [{ authToken: [] }, { bearer: [] }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: schemas.all(),
      securitySchemes: {
        authToken: { type: 'apiKey', in: 'header', name: 'X-Auth-Token', description: 'From PUT /v2/api_auth or PUT /v2/user_auth.' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      responses: {
        Error: {
          description: 'crossbar error',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['status', 'error', 'message', 'data'],
                properties: {
                  status: { type: 'string', enum: ['error', 'fatal'] },
                  error: { type: 'string', description: 'the HTTP status code' },
                  message: { type: 'string' },
                  data: { type: 'object', description: 'details; validation errors keyed by field, then validator, then {message}' },
                  request_id: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  };
}
