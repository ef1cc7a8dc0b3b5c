import { afterEach, describe, expect, it } from '@jest/globals';
import { Counter } from 'prom-client';
import { HealthServer, parseListenAddr } from './health-server.js';
import { silentLogger } from './logger.js';
import { createRegistry } from './metrics.js';

describe('HealthServer', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  async function start(endpoint = '/metrics') {
    const registry = createRegistry();
    new Counter({ name: 'probe_total', help: 'a probe', registers: [registry] }).inc(3);
    server = new HealthServer({ listenAddr: '127.0.0.1:0', endpoint, registry, logger: silentLogger() });
    const addr = await server.start();
    return { base: `http://${addr}`, server };
  }

  it('serves metrics on the configured endpoint with the default Node metrics', async () => {
    const { base } = await start('/prom');
    const response = await fetch(`${base}/prom`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('probe_total 3');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
  });

  it('answers /healthz while alive and /readyz by its checks', async () => {
    const { base, server: health } = await start();
    let brokerUp = false;
    health.addCheck('broker', () => brokerUp);
    health.addCheck('database', async () => true);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not_ready', checks: { broker: false, database: true } });
    brokerUp = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    health.markDraining();
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it('reports readiness and each check in the metrics, as /readyz sees them', async () => {
    const { base, server: health } = await start();
    let cacheUp = false;
    health.addCheck('broker', () => true);
    health.addCheck('cache', () => cacheUp);
    health.addCheck('database', async () => {
      throw new Error('unreachable');
    });
    let text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('readiness_ready 0');
    expect(text).toContain('readiness_check_up{check="broker"} 1');
    expect(text).toContain('readiness_check_up{check="cache"} 0');
    expect(text).toContain('readiness_check_up{check="database"} 0');
    cacheUp = true;
    health.addCheck('database', () => true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('readiness_ready 1');
    expect(text).toContain('readiness_check_up{check="cache"} 1');
    health.markDraining();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('readiness_ready 0');
  });

  it('refuses other methods', async () => {
    const { base } = await start();
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('parseListenAddr', () => {
  it('reads the forms Go accepts', () => {
    expect(parseListenAddr(':2112')).toEqual({ host: undefined, port: 2112 });
    expect(parseListenAddr('0.0.0.0:80')).toEqual({ host: '0.0.0.0', port: 80 });
    expect(parseListenAddr('[::1]:9')).toEqual({ host: '::1', port: 9 });
    expect(() => parseListenAddr('2112')).toThrow();
  });
});
