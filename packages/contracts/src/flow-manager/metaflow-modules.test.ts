import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metaflowsSchema } from './metaflow.js';
import { metaflowModuleCatalog, metaflowModules } from './metaflow-modules/index.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('the konami module catalog', () => {
  it('lists every entry file under its own module name', () => {
    const shared = new Set(['catalog.ts', 'common.ts', 'define.ts', 'index.ts']);
    const files = readdirSync(join(here, 'metaflow-modules'))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !shared.has(name))
      .map((name) => name.slice(0, -3))
      .sort();
    expect([...metaflowModules].sort()).toEqual(files);
    for (const module of metaflowModules) expect(metaflowModuleCatalog[module].module).toBe(module);
  });

  it('accepts every example, in a metaflows document as Kazoo writes it', () => {
    for (const module of metaflowModules) {
      for (const example of metaflowModuleCatalog[module].examples) {
        const document = { numbers: { '5': { module, data: example.data } }, binding_key: '*' };
        const parsed = metaflowsSchema.safeParse(document);
        expect({ module, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ module, issues: [] });
      }
    }
  });
});

describe('a metaflows document', () => {
  it('reads binding_key as binding_digit, binding_digit winning when both are written', () => {
    expect(metaflowsSchema.parse({ binding_key: '#' })).toEqual({ binding_digit: '#' });
    expect(metaflowsSchema.parse({ binding_key: '#', binding_digit: '*' })).toEqual({ binding_digit: '*' });
  });

  it('refuses an unknown module, data that does not fit, and bad children, naming the path', () => {
    const paths = (document: unknown) => {
      const parsed = metaflowsSchema.safeParse(document);
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
    };
    expect(paths({ numbers: { '1': { module: 'explode' } } })).toEqual(['numbers.1.module']);
    expect(paths({ numbers: { '1': { module: 'tts', data: { text: 7 } } } })).toEqual(['numbers.1.data.text']);
    expect(paths({ patterns: { '^1(\\d+)$': { module: 'play', data: { id: 'm', leg: 'sideways' } } } })).toEqual(['patterns.^1(\\d+)$.data.leg']);
    expect(paths({ numbers: { '1': { module: 'hangup', children: { _: { module: 'nope' } } } } })).toEqual(['numbers.1.children._.module']);
    expect(paths({ numbers: { '1': { module: 'hangup', children: { _: 'hangup' } } } })).toEqual(['numbers.1.children._']);
    expect(paths({ patterns: { '([': { module: 'hangup' } } })).toEqual(['patterns.([']);
  });
});
