import { describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { z } from 'zod';
import { apiRoutes, type Resources } from '../http/routes.js';
import { openapiDocument } from './document.js';
import { SchemaComponents } from './schema-components.js';

/** The document exactly as `GET /v2/openapi.json` serves it (building routes calls no resource). */
function servedDocument(): Record<string, unknown> {
  return openapiDocument(apiRoutes({} as Resources), { version: '2', serverUrl: 'http://127.0.0.1:8000' });
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document: every $ref resolves and the structure follows the specification', async () => {
    // The validator dereferences what it is given: a copy keeps the document as built.
    const document = structuredClone(servedDocument());
    await expect(SwaggerParser.validate(document as never)).resolves.toBeDefined();
  });

  it('keeps the recursive callflow and metaflow nodes under components/schemas, referred to by name', () => {
    const document = servedDocument() as { components: { schemas: Record<string, unknown> }; paths: Record<string, unknown> };
    const refs = refsIn(document);
    expect(refs.filter((ref) => !ref.startsWith('#/components/'))).toEqual([]);
    expect(Object.keys(document.components.schemas).sort()).toEqual(['CallflowNode', 'MetaflowNode', 'PivotFormValue']);
    expect(document.components.schemas.MetaflowNode).toMatchObject({ properties: { children: { additionalProperties: { $ref: '#/components/schemas/MetaflowNode' } } } });
    expect(document.components.schemas.CallflowNode).toMatchObject({
      type: 'object',
      required: ['module'],
      properties: { children: { additionalProperties: { $ref: '#/components/schemas/CallflowNode' } } },
    });
    expect(refsIn(document.paths)).toContain('#/components/schemas/CallflowNode');
  });
});

describe('SchemaComponents', () => {
  interface Tree {
    label: string;
    children: Tree[];
  }
  const tree: z.ZodType<Tree> = z.lazy(() => z.object({ label: z.string(), children: z.array(tree) }));

  it('moves an unnamed recursive schema to one component, however many times it is converted', () => {
    const components = new SchemaComponents();
    const first = components.convert(z.object({ root: tree }), 'output');
    const second = components.convert(z.object({ other: tree, size: z.number() }), 'output');
    expect(first).toMatchObject({ properties: { root: { $ref: '#/components/schemas/Schema0' } } });
    expect(second).toMatchObject({ properties: { other: { $ref: '#/components/schemas/Schema0' } } });
    expect(components.all()).toEqual({
      Schema0: {
        type: 'object',
        properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Schema0' } } },
        required: ['label', 'children'],
        additionalProperties: false,
      },
    });
  });

  it('answers a reference for a schema that refers to itself, and uses the name it is given', () => {
    const names = z.registry<{ id: string }>();
    names.add(tree, { id: 'Tree' });
    const components = new SchemaComponents(names);
    expect(components.convert(tree, 'input')).toEqual({ $ref: '#/components/schemas/Tree' });
    expect(components.convert(z.array(tree), 'input')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Tree' } });
    expect(Object.keys(components.all())).toEqual(['Tree']);
    expect(refsIn(components.all())).toEqual(['#/components/schemas/Tree']);
  });

  it('inlines schemas that are neither recursive nor named', () => {
    const components = new SchemaComponents();
    expect(components.convert(z.object({ a: z.string() }), 'input')).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
    });
    expect(components.all()).toEqual({});
  });
});
