import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './repo.js';

/**
 * The schema validators accept fields they do not know, so a misspelt key (`resurces`)
 * would pass them and be dropped by the API server. Here each object becomes an object
 * literal typed with its kubernetes-models interface, and TypeScript's excess-property
 * check names every field the types do not have. Returns tsc's complaints, one a line.
 */
export function unknownFields(objects: { apiVersion: string; kind: string; metadata: { name: string } }[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'voxmesh-k8s-types-'));
  try {
    const lines: string[] = [];
    objects.forEach((object, index) => {
      const module = object.apiVersion.startsWith('monitoring.coreos.com/')
        ? `@kubernetes-models/prometheus-operator/${object.apiVersion}/${object.kind}`
        : `kubernetes-models/${object.apiVersion}/${object.kind}`;
      lines.push(`import type { I${object.kind} as T${index} } from '${module}';`);
      lines.push(`// ${object.kind} ${object.metadata.name}`);
      lines.push(`export const o${index}: T${index} = ${JSON.stringify(object)};`);
    });
    writeFileSync(join(dir, 'objects.ts'), `${lines.join('\n')}\n`);
    const modules = join(root, 'services', 'platform', 'node_modules');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          module: 'esnext',
          target: 'es2022',
          moduleResolution: 'node10',
          baseUrl: '.',
          paths: { 'kubernetes-models/*': [`${modules}/kubernetes-models/*`], '@kubernetes-models/*': [`${modules}/@kubernetes-models/*`] },
          types: [],
        },
        files: ['objects.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8', timeout: 120_000 });
    if (tsc.status === 0) return [];
    const complaints = tsc.stdout.split('\n').filter((line) => line.includes('error TS'));
    if (complaints.length === 0) throw new Error(`tsc failed without naming a field: ${tsc.stdout}${tsc.stderr}`);
    // Each object is the third line of its three: name it instead of a line number.
    return complaints.map((line) => {
      const at = /objects\.ts\((\d+),\d+\): error TS\d+: (.*)$/.exec(line);
      const object = at ? objects[(Number(at[1]) - 3) / 3] : undefined;
      return object ? `${object.kind} ${object.metadata.name}: ${at![2]}` : line;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
