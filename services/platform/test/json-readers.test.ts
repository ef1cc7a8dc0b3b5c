import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The one reader of outside JSON (see its comment); everything else goes through it. */
const READER = 'packages/wire/src/json.ts';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Calls of JSON.parse in code, not in comments. */
function bareParses(text: string): number {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return (code.match(/\bJSON\.parse\s*\(/g) ?? []).length;
}

describe('JSON from outside the process', () => {
  it('is read only through @voxmesh/wire parseJson, which refuses __proto__ and constructor.prototype', () => {
    const offenders: string[] = [];
    for (const top of ['packages', 'services']) {
      for (const unit of readdirSync(join(root, top))) {
        const src = join(root, top, unit, 'src');
        if (!statSync(join(root, top, unit)).isDirectory()) continue;
        let files: string[] = [];
        try {
          files = sources(src);
        } catch {
          continue;
        }
        for (const file of files) {
          const path = relative(root, file);
          if (path !== READER && bareParses(readFileSync(file, 'utf8')) > 0) offenders.push(path);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the check sees a call and ignores comments', () => {
    expect(bareParses('const a = JSON.parse(text);')).toBe(1);
    expect(bareParses('// JSON.parse(text)\n/* JSON.parse(x) */ const url = "http://x";')).toBe(0);
  });
});
