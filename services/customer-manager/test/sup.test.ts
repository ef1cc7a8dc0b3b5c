import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rabbitUrl } from '@voxmesh/testkit';
import { CustomerEnv } from './harness.js';

const SUP = fileURLToPath(new URL('../bin/sup', import.meta.url));

/** `bin/sup`, as an operator runs it: a process of its own reaching customer-manager over RabbitMQ. */
describe('sup against a running customer-manager', () => {
  const env = new CustomerEnv();
  let accountId = '';

  beforeAll(async () => {
    await env.start();
    const { RpcClient, BreakerRegistry } = await import('@voxmesh/mesh');
    const { customerManager } = await import('@voxmesh/contracts');
    const client = new RpcClient({ contract: customerManager.customerManagerContract, broker: await env.testBroker(), queue: env.names.requestQueue('customer-manager'), publisher: 'test', metrics: env.metrics, breakers: new BreakerRegistry() });
    accountId = (await client.call('bootstrap', { body: {} })).account_id;
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  function sup(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [SUP, ...args], { env: { ...process.env, RABBIT_ADDR: rabbitUrl, RABBIT_NAMESPACE: env.namespace } }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  it('sets, gets and unsets a system default and an account value; JSON values parse, strings stay strings', async () => {
    expect(await sup('kapps_config', 'set_default', 'metaflows', 'default_metaflow', 'true')).toMatchObject({ code: 0, stdout: 'true\n' });
    expect(await sup('kapps_config', 'get', 'metaflows', 'default_metaflow')).toMatchObject({ code: 0, stdout: 'true\n' });
    expect(await sup('kapps_config', 'set_default', 'metaflows', 'digit_timeout_ms', '800')).toMatchObject({ code: 0, stdout: '800\n' });
    expect(await sup('kapps_config', 'unset', 'metaflows', 'default_metaflow')).toMatchObject({ code: 0, stdout: 'undefined\n' });
    expect(await sup('kapps_config', 'get', 'metaflows', 'default_metaflow')).toMatchObject({ code: 0, stdout: 'undefined\n' });

    expect(await sup('kapps_account_config', 'set', accountId, 'metaflows', 'default_metaflow', 'true')).toMatchObject({ code: 0, stdout: 'true\n' });
    expect(await sup('kapps_account_config', 'set', accountId, 'tts', 'engine', 'flite')).toMatchObject({ code: 0, stdout: '"flite"\n' });
    expect(await sup('kapps_account_config', 'get', accountId, 'metaflows', 'default_metaflow')).toMatchObject({ code: 0, stdout: 'true\n' });
    expect(await sup('kapps_account_config', 'unset', accountId, 'metaflows', 'default_metaflow')).toMatchObject({ code: 0, stdout: 'undefined\n' });
    // An account that does not exist is refused by customer-manager.
    expect((await sup('kapps_account_config', 'get', 'no-such-account', 'metaflows', 'default_metaflow')).code).toBe(1);
  }, 60_000);

  it('prints its usage for -h, and exits 2 with the usage on a bad command line', async () => {
    const help = await sup('-h');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('kapps_account_config set <account_id> <category> <key> <value>');
    expect(help.stdout).toContain('-rabbit_addr');
    const bad = await sup('kapps_config', 'set_default', 'metaflows');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: sup');
    expect((await sup('-no_such_flag', 'kapps_config', 'get', 'a', 'b')).code).toBe(2);
  }, 60_000);

  it('says how to reach an embedded platform instead of failing silently', async () => {
    const embedded = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [SUP, '-rabbit_addr', 'embedded', 'kapps_config', 'get', 'metaflows', 'default_metaflow'], (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }));
    });
    expect(embedded.code).toBe(1);
    expect(embedded.stderr).toContain('-rabbit_addr amqp://');
  });
});
