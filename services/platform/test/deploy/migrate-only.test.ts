import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { mysqlTarget } from '@voxmesh/testkit';
import mysql from 'mysql2/promise';
import { binaries, root } from './repo.js';

/**
 * `-migrate_only`, which the migration job and the Compose `migrate` service run: the
 * built binary applies its schema with nothing but a database (the broker given here
 * answers nowhere), exits 0, and a second run finds nothing to do.
 */
const database = `voxmesh_migrate_${randomBytes(4).toString('hex')}`;
const dsn = `${mysqlTarget.user}:${mysqlTarget.password}@tcp(${mysqlTarget.host}:${mysqlTarget.port})/${database}`;

function run(binary: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(root, binaries[binary]!), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

async function applied(): Promise<Record<string, number>> {
  const connection = await mysql.createConnection(mysqlTarget);
  try {
    const [rows] = await connection.query(`SELECT service, COUNT(*) AS n FROM \`${database}\`.schema_migrations GROUP BY service`);
    return Object.fromEntries((rows as { service: string; n: number }[]).map((row) => [row.service, Number(row.n)]));
  } finally {
    await connection.end();
  }
}

afterAll(async () => {
  const connection = await mysql.createConnection(mysqlTarget);
  await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await connection.end();
});

describe('-migrate_only', () => {
  const offline = ['-rabbit_addr', 'amqp://guest:guest@127.0.0.1:1', '-redis_addr', '127.0.0.1:1', '-log_format', 'json'];

  it('applies every service\'s migrations without a broker or cache, then exits 0; again, it applies none', async () => {
    for (const service of ['flow-manager', 'call-manager', 'webhook-manager', 'customer-manager']) {
      const first = await run(service, ['-migrate_only', '-dbDSN', dsn, ...offline]);
      expect(`${service}: ${first.code}`).toBe(`${service}: 0`);
      expect(first.output).toContain('schema is current');
    }
    const counts = await applied();
    expect(Object.keys(counts).sort()).toEqual(['call-manager', 'customer-manager', 'flow-manager', 'webhook-manager']);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(0);
    const again = await run('flow-manager', ['-migrate_only', '-dbDSN', dsn, ...offline]);
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/"applied":0/);
    expect(await applied()).toEqual(counts);
  }, 120_000);

  it('exits 0 for a service without a schema, and 1 naming the reason for the in-memory database', async () => {
    const gateway = await run('api-gateway', ['-migrate_only', '-dbDSN', dsn, ...offline]);
    expect(gateway.code).toBe(0);
    expect(gateway.output).toContain('no migrations for this service');
    const memory = await run('flow-manager', ['-migrate_only', '-dbDSN', 'embedded:memory', ...offline]);
    expect(memory.code).toBe(1);
    expect(memory.output).toContain('-migrate_only on the in-memory database keeps nothing');
  }, 60_000);

  it('exits 1 when the database cannot be reached, instead of waiting for it', async () => {
    const unreachable = await run('flow-manager', ['-migrate_only', '-dbDSN', `root:@tcp(127.0.0.1:1)/${database}`, ...offline]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toContain('migrations failed');
  }, 60_000);
});
