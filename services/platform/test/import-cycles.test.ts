import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const script = join(root, 'scripts', 'import-cycles.mjs');

function check(...folders: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [script, ...folders], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('import cycles', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are found in no service', () => {
    const { status, output } = check();
    expect(output).toMatch(/^no import cycles in \d+ folder/m);
    expect(status).toBe(0);
  });

  it('are found through type-only imports, re-exports and folders, and named', () => {
    const src = join(scratch, 'cyclic');
    mkdirSync(join(src, 'calls'), { recursive: true });
    writeFileSync(join(src, 'main.ts'), "import { Session } from './calls/session.js';\nexport const start = () => new Session();\n");
    writeFileSync(join(src, 'calls', 'session.ts'), "import type { Registry } from './registry.js';\nexport class Session { registry?: Registry }\n");
    writeFileSync(join(src, 'calls', 'registry.ts'), "export type { Session as Held } from './session.js';\nexport class Registry {}\n");
    // A comment naming an import is not one.
    writeFileSync(join(src, 'calls', 'index.ts'), "// import { start } from '../main.js';\nexport { Registry } from './registry.js';\n");
    const { status, output } = check(src);
    expect(output).toContain('2 modules, e.g. calls/registry.ts -> calls/session.ts -> calls/registry.ts');
    expect(output).toMatch(/^1 import cycle\(s\) in 1 folder/m);
    expect(status).toBe(1);
  });

  it('leave a folder without cycles alone', () => {
    const src = join(scratch, 'acyclic');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'a.ts'), "import { b } from './b.js';\nexport const a = b;\n");
    writeFileSync(join(src, 'b.ts'), "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n");
    expect(check(src).status).toBe(0);
  });
});
