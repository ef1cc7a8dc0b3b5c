import { z } from 'zod';
import type { EventCatalog } from '@voxmesh/wire';

/**
 * Writes `docs/events.md` from the event catalogs: every event type, its publisher, when
 * it is sent and the fields of its data (types and descriptions from the zod schemas).
 * A test regenerates it and fails when the committed file differs.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  description?: string;
};

/** A field's type in a few words: nested documents are named, not expanded. */
function typeOf(schema: JsonSchema): string {
  if (schema.$ref !== undefined) return 'object';
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return [...new Set(variants.map(typeOf))].join(' or ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(', ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  if (type === 'array') return schema.items ? `array of ${typeOf(schema.items)}` : 'array';
  if (type === 'integer') return 'integer';
  if (type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') return `map of ${typeOf(schema.additionalProperties)}`;
  return type ?? 'any';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fieldsTable(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  const properties = json.properties ?? {};
  const required = new Set(json.required ?? []);
  const lines = ['| field | type | required | description |', '|---|---|---|---|'];
  for (const [name, property] of Object.entries(properties)) {
    lines.push(`| \`${name}\` | ${cell(typeOf(property))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(property.description ?? '')} |`);
  }
  if (json.additionalProperties !== false && json.properties) lines.push('', 'Other fields may be present.');
  return lines;
}

export function eventsMarkdown(catalogs: Readonly<Record<string, EventCatalog>>): string {
  const out = [
    '# Events',
    '',
    '<!-- Generated from packages/contracts/src/*/events.ts by `npm run build && node scripts/events-doc.mjs`; do not edit. -->',
    '',
    'Each service publishes its events `{type, publisher, data_type, data}` on the fanout exchange',
    '`<namespace>.<service>.event`. The types and the schemas of `data` are declared in',
    '`packages/contracts/src/<service>/events.ts`; publishing anything else does not compile.',
    '',
    '| event | publisher | when |',
    '|---|---|---|',
  ];
  for (const catalog of Object.values(catalogs)) {
    for (const [type, spec] of Object.entries(catalog.events)) out.push(`| [\`${type}\`](#${type}) | ${catalog.service} | ${cell(spec.summary)} |`);
  }
  // Events that carry the same document (call_created, call_updated, ...) share one table.
  const described = new Map<z.ZodType, string>();
  for (const catalog of Object.values(catalogs)) {
    out.push('', `## ${catalog.service}`, '', `Published on \`<namespace>.${catalog.service}.event\`.`);
    for (const [type, spec] of Object.entries(catalog.events)) {
      out.push('', `### ${type}`, '', `Publisher: ${catalog.service}. ${spec.summary}`, '');
      const first = described.get(spec.data);
      if (first !== undefined) {
        out.push(`Data: as [\`${first}\`](#${first}).`);
        continue;
      }
      described.set(spec.data, type);
      out.push(...fieldsTable(spec.data));
    }
  }
  return `${out.join('\n')}\n`;
}
