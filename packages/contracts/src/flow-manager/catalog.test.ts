import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  actionCatalog,
  actionOptionSchemas,
  actionSchema,
  actionTypes,
  flowActionTypes,
  mediaActionTypes,
  readAction,
} from './actions/index.js';
import { callflowNodeSchema } from './flow.js';
import { callflowModuleCatalog, callflowModules } from './modules/index.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The files of a catalog folder that are entries, not its shared pieces. */
function entryFiles(folder: string): string[] {
  const shared = new Set(['catalog.ts', 'common.ts', 'define.ts', 'index.ts']);
  return readdirSync(join(here, folder))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !shared.has(name))
    .map((name) => name.slice(0, -'.ts'.length))
    .sort();
}

describe('the action catalog', () => {
  it('lists every entry file, each under its own type', () => {
    expect([...actionTypes].sort()).toEqual(entryFiles('actions'));
    for (const type of actionTypes) expect(actionCatalog[type].type).toBe(type);
  });

  it('splits the types between flow-manager and the media layer, each in exactly one', () => {
    expect([...flowActionTypes, ...mediaActionTypes].sort()).toEqual([...actionTypes].sort());
    expect(flowActionTypes.filter((type) => mediaActionTypes.includes(type as never))).toEqual([]);
    expect(flowActionTypes.length).toBeGreaterThan(0);
    expect(mediaActionTypes.length).toBeGreaterThan(0);
  });

  it('describes every type in one line and derives its option schema from the entry', () => {
    for (const type of actionTypes) {
      const entry = actionCatalog[type];
      expect({ type, description: entry.description.length > 0 && !entry.description.includes('\n') }).toEqual({ type, description: true });
      expect(actionOptionSchemas[type]).toBe(entry.option);
    }
  });

  it.each(actionTypes.flatMap((type) => actionCatalog[type].examples.map((option, index) => [type, index, option] as const)))(
    '%s example %d reads as an action of its type',
    (type, _index, option) => {
      const read = readAction({ id: 'example', type, option });
      expect(read).toMatchObject({ ok: true, action: { type } });
      expect(actionSchema.safeParse({ id: 'example', type, option }).success).toBe(true);
    },
  );
});

describe('the callflow module catalog', () => {
  it('lists every entry file, each under its own module', () => {
    expect([...callflowModules].sort()).toEqual(entryFiles('modules'));
    for (const module of callflowModules) expect(callflowModuleCatalog[module].module).toBe(module);
  });

  it.each(callflowModules.flatMap((module) => callflowModuleCatalog[module].examples.map((example, index) => [module, index, example] as const)))(
    '%s example %d is valid data and a valid callflow node',
    (module, _index, example) => {
      const entry = callflowModuleCatalog[module];
      const data = entry.data.safeParse(example.data);
      expect(data.error?.issues ?? []).toEqual([]);
      expect(callflowNodeSchema.safeParse({ module, data: example.data, children: example.children }).success).toBe(true);
      expect(entry.description.length > 0 && !entry.description.includes('\n')).toBe(true);
    },
  );

  it('refuses data that breaks a module schema', () => {
    expect(callflowModuleCatalog.pivot.data.safeParse({ voice_url: 'ftp://x' }).success).toBe(false);
    expect(callflowModuleCatalog.tts.data.safeParse({}).success).toBe(false);
    expect(callflowModuleCatalog.temporal_route.data.safeParse({ rules: [42] }).success).toBe(false);
    expect(callflowModuleCatalog.sleep.data.safeParse({ duration: 1, unit: 'days' }).success).toBe(false);
  });
});
