import { describe, expect, it } from '@jest/globals';
import { flowManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import { compileCallflow } from '../compiler.js';
import { moduleCompilers } from './index.js';

const { callflowModuleCatalog, callflowModules, readAction } = flowManager;

describe('the callflow module compilers', () => {
  it('has a compiler for exactly the modules of the catalog', () => {
    expect(Object.keys(moduleCompilers).sort()).toEqual([...callflowModules].sort());
  });

  it.each(callflowModules.flatMap((module) => callflowModuleCatalog[module].examples.map((example, index) => [module, index, example] as const)))(
    'compiles %s example %d into valid actions',
    (module, _index, example) => {
      const actions = compileCallflow({ module, data: example.data as Record<string, unknown>, ...(example.children ? { children: example.children } : {}) });
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) expect(readAction(action)).toMatchObject({ ok: true });
    },
  );

  it.each(['constructor', '__proto__', 'toString'])('refuses %s as an unknown module, not a property of every object', (module) => {
    let error: unknown;
    try {
      compileCallflow({ module });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(VoipError);
    expect(error).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'flow.module' });
  });
});
