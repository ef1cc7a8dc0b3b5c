import type { ModuleCompiler, ModuleCompilers } from '../types.js';
import type { moduleCompilers } from './index.js';

/**
 * Build-time proof that the compiler table follows the module catalog: `tsc -b` checks
 * this file, and a `@ts-expect-error` whose error stops happening fails the build.
 * Never called; it exists to be compiled.
 */
export function moduleTableChecks(table: typeof moduleCompilers, unheard: ModuleCompiler): void {
  table satisfies ModuleCompilers;

  const { menu: _menu, ...withoutMenu } = table;
  // @ts-expect-error a catalog module (menu) without its compiler does not build
  withoutMenu satisfies ModuleCompilers;

  // @ts-expect-error a compiler for a module the catalog lacks (unheard) does not build
  ({ ...table, unheard }) satisfies ModuleCompilers;
}
