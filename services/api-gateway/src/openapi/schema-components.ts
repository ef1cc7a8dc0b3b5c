import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

const LOCAL_REF = '#/$defs/';
const COMPONENT_REF = '#/components/schemas/';

/**
 * Turns zod schemas into JSON Schema 2020-12 (OpenAPI 3.1's dialect) for one OpenAPI
 * document, keeping what must be referenced — recursive schemas, and those given a
 * name — under `components/schemas`.
 *
 * zod converts one schema at a time and puts what it refers to under that schema's own
 * `$defs`, with refs (`#/$defs/…`, or `#` for the schema itself) that only make sense
 * when the schema is a document of its own. Inlined into paths they would point at the
 * OpenAPI document's root, where nothing is; so each definition moves to the components,
 * under one name however many operations use it, and its refs are rewritten to match.
 */
export class SchemaComponents {
  private readonly schemas: Record<string, JsonSchema> = {};
  /** A definition's text (with its own refs) → the component holding it. */
  private readonly byContent = new Map<string, string>();
  private anonymous = 0;

  /** `names`: the schemas to call by a name of their own (else a recursive one is `SchemaN`). */
  constructor(private readonly names: z.core.$ZodRegistry<{ id: string }> = z.registry<{ id: string }>()) {}

  /** What zod cannot express becomes `{}`. */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    let converted: JsonSchema;
    try {
      converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', cycles: 'ref', reused: 'inline', metadata: this.names }) as JsonSchema;
    } catch {
      return {};
    }
    delete converted.$schema;
    const definitions = (converted.$defs ?? {}) as Record<string, JsonSchema>;
    delete converted.$defs;
    const local = new Map<string, string>();
    // A schema that refers to itself (`#`), or that has a name, is a component too.
    const root = typeof converted.id === 'string' || refersTo(converted, '#') ? this.nameFor(converted, rootContent(converted)) : undefined;
    if (root !== undefined) local.set('#', root);
    for (const [key, definition] of Object.entries(definitions)) {
      // zod numbers unnamed definitions per conversion (`__schema0`): only the whole set tells one apart.
      const content = isNamed(key) ? JSON.stringify(definition) : `${key}${JSON.stringify(definitions)}`;
      local.set(`${LOCAL_REF}${key}`, this.nameFor(definition, content));
    }
    for (const [key, definition] of Object.entries(definitions)) this.keep(local.get(`${LOCAL_REF}${key}`)!, definition, local);
    if (root === undefined) return rewriteRefs(converted, local) as JsonSchema;
    this.keep(root, converted, local);
    return { $ref: `${COMPONENT_REF}${root}` };
  }

  /** Every component named so far, for `components.schemas`. */
  all(): Record<string, JsonSchema> {
    return { ...this.schemas };
  }

  private nameFor(definition: JsonSchema, content: string): string {
    const known = this.byContent.get(content);
    if (known !== undefined) return known;
    const base = typeof definition.id === 'string' ? definition.id : `Schema${this.anonymous++}`;
    let name = base;
    // The same name with other content (an input and an output that differ): a second name.
    for (let n = 2; name in this.schemas || [...this.byContent.values()].includes(name); n++) name = `${base}${n}`;
    this.byContent.set(content, name);
    return name;
  }

  private keep(name: string, definition: JsonSchema, local: Map<string, string>): void {
    if (name in this.schemas) return;
    // zod copies the registry's `id` into the schema; in 2020-12 that is not a keyword, and the name says it already.
    const { id: _id, ...rest } = definition;
    this.schemas[name] = rewriteRefs(rest, local) as JsonSchema;
  }
}

/** A named root written as the definition zod makes of it elsewhere (`#` is then `#/$defs/<id>`), so both are one component. */
function rootContent(root: JsonSchema): string {
  if (typeof root.id !== 'string') return `#${JSON.stringify(root)}`;
  return JSON.stringify(rewriteRefs(root, new Map([['#', `${LOCAL_REF}${root.id}`]]), ''));
}

function isNamed(key: string): boolean {
  return !/^__schema\d+$/.test(key);
}

function refersTo(value: unknown, ref: string): boolean {
  if (Array.isArray(value)) return value.some((item) => refersTo(item, ref));
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => (key === '$ref' ? item === ref : refersTo(item, ref)));
}

function rewriteRefs(value: unknown, local: Map<string, string>, prefix = COMPONENT_REF): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, local, prefix));
  if (typeof value !== 'object' || value === null) return value;
  const copy: JsonSchema = {};
  for (const [key, item] of Object.entries(value)) {
    const target = key === '$ref' && typeof item === 'string' ? local.get(item) : undefined;
    copy[key] = target !== undefined ? `${prefix}${target}` : rewriteRefs(item, local, prefix);
  }
  return copy;
}
