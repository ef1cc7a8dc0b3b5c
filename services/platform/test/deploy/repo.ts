import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envName, type FlagSpec } from '@voxmesh/config';
import { parseAllDocuments } from 'yaml';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The binaries the image puts on PATH, by name, and where each lives in the repository. */
export const binaries: Record<string, string> = {
  'flow-manager': 'services/flow-manager/bin/flow-manager',
  'call-manager': 'services/call-manager/bin/call-manager',
  'webhook-manager': 'services/webhook-manager/bin/webhook-manager',
  'customer-manager': 'services/customer-manager/bin/customer-manager',
  'api-gateway': 'services/api-gateway/bin/api-gateway',
  voxmesh: 'services/platform/bin/voxmesh',
  'esl-sim': 'packages/esl-sim/bin/esl-sim',
};

/** The services that run as Deployments, each from its own binary. */
export const services = ['flow-manager', 'call-manager', 'webhook-manager', 'customer-manager', 'api-gateway'];

export function readText(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

/** Every YAML document of a text, as plain objects; a syntax error fails the caller. */
export function yamlDocuments(text: string): Record<string, unknown>[] {
  // Merge keys (`<<: *anchor`), as Docker Compose reads them.
  return parseAllDocuments(text, { merge: true }).map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.map((error) => error.message).join('\n'));
    return document.toJS() as Record<string, unknown>;
  });
}

const flagCache = new Map<string, Set<string>>();

/**
 * The environment variables a binary reads, from its own `-h` (the built binary, as the
 * image runs it): every flag also reads a variable named after it.
 */
export function environmentOf(binary: string): Set<string> {
  const cached = flagCache.get(binary);
  if (cached) return cached;
  const path = binaries[binary];
  if (!path) throw new Error(`no binary ${binary}`);
  const run = spawnSync(process.execPath, [join(root, path), '-h'], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`${binary} -h exited ${run.status}: ${run.stderr}`);
  const names = [...run.stdout.matchAll(/^ {2}-([A-Za-z0-9_]+)/gm)].map((match) => match[1]!);
  if (names.length === 0) throw new Error(`${binary} -h listed no flags`);
  const variables = new Set(names.map((name) => envName({ name } as FlagSpec)));
  flagCache.set(binary, variables);
  return variables;
}

/** Environment variables that carry credentials, which belong in a Secret only. */
export const credentialVariables = new Set(['DB_DSN', 'RABBIT_ADDR', 'REDIS_PASSWORD', 'ESL_PASSWORD', 'MASTER_API_KEY']);

/** True when a value looks like it holds a password: a URL or DSN with user:password@. */
export function holdsPassword(value: string): boolean {
  return /[^\s/:@]+:[^\s/@]+@/.test(value);
}
