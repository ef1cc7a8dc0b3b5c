import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parser } from '@prometheus-io/lezer-promql';
import { stringify } from 'yaml';
import { spawnPlatform, type SpawnedPlatform } from '../spawned-platform.js';
import { readText, root, yamlDocuments } from './repo.js';

/**
 * The alert rules and the dashboard: promtool accepts the rules and fires them when it
 * should, the dashboard is what its generator makes, and every metric either names is
 * served by a running platform's /metrics, with the labels they select on.
 */
type Rule = { alert: string; expr: string; for?: string; labels: Record<string, string>; annotations: Record<string, string> };
const rules = (yamlDocuments(readText('deploy/prometheus/alerts.yaml'))[0] as { groups: { rules: Rule[] }[] }).groups.flatMap((group) => group.rules);
const dashboard = JSON.parse(readText('deploy/grafana/voxmesh.json')) as { panels: { title: string; targets?: { expr: string }[] }[] };

function promtool(...args: string[]) {
  const run = spawnSync('promtool', args, { encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw new Error(`promtool (Debian package prometheus) is needed: ${run.error.message}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A selector's metric name and the labels it matches on, from PromQL's own grammar. */
interface Selector {
  metric: string;
  labels: string[];
}

function selectorsOf(expr: string): Selector[] {
  // Grafana's interval variable is not PromQL; any duration stands in for it.
  const text = expr.replaceAll('$__rate_interval', '5m');
  const tree = parser.parse(text);
  const found: Selector[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) throw new Error(`PromQL does not parse at ${cursor.from}: ${text}`);
    if (cursor.name !== 'VectorSelector') continue;
    const node = cursor.node;
    const identifier = node.getChild('Identifier');
    if (!identifier) throw new Error(`a selector without a metric name: ${text.slice(node.from, node.to)}`);
    const labels = node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher').map((matcher) => text.slice(matcher.getChild('LabelName')!.from, matcher.getChild('LabelName')!.to)) ?? [];
    found.push({ metric: text.slice(identifier.from, identifier.to), labels });
  } while (cursor.next());
  return found;
}

const named = [
  ...rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
  ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr }))),
];

describe('alert rules', () => {
  it('pass promtool check rules, and the compose Prometheus configuration passes check config', () => {
    const checked = promtool('check', 'rules', join(root, 'deploy/prometheus/alerts.yaml'));
    expect(checked.output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(checked.status).toBe(0);
    const config = promtool('check', 'config', join(root, 'deploy/prometheus/prometheus.yml'));
    expect(config.status).toBe(0);
  });

  it('cover what the deployment must watch, each with a severity, a summary and a runbook note', () => {
    const wanted = ['RpcErrorRate', 'RpcLatencyHigh', 'QueueBacklog', 'QueueNoConsumer', 'EventOutboxGrowing', 'WebhookOutboxGrowing', 'WebhookHooksDisabled', 'MediaServerDown', 'NotReady', 'EventLoopLag'];
    expect(rules.map((rule) => rule.alert)).toEqual(expect.arrayContaining(wanted.map((name) => `Voxmesh${name}`)));
    for (const rule of rules) {
      expect(['critical', 'warning', 'info']).toContain(rule.labels.severity);
      expect(rule.annotations.summary?.length).toBeGreaterThan(10);
      expect(rule.annotations.runbook?.length).toBeGreaterThan(60);
    }
  });

  it('fire on the series they watch, and stay quiet otherwise (promtool test rules)', () => {
    const expected = (alert: string, labels: Record<string, string>, summary: string) => {
      const rule = rules.find((each) => each.alert === alert)!;
      return { exp_labels: { severity: rule.labels.severity, ...labels }, exp_annotations: { summary, runbook: rule.annotations.runbook } };
    };
    const tests = [
      {
        interval: '1m',
        input_series: [
          { series: 'call_manager_media_server_up{media_server="fs1:8021", job="call-manager", instance="cm-0"}', values: '1 1 0 0 0 0' },
          { series: 'call_manager_media_server_up{media_server="fs2:8021", job="call-manager", instance="cm-0"}', values: '1 1 1 1 1 1' },
          { series: 'mesh_queue_consumers{service="flow-manager", queue="bin-manager.flow-manager.request"}', values: '2 0 0 0 0 0' },
          { series: 'mesh_queue_consumers{service="flow-manager", queue="bin-manager.flow-manager.subscribe.dead"}', values: '0 0 0 0 0 0' },
          { series: 'readiness_ready{job="webhook-manager", instance="wm-0"}', values: '1 0 0 0 0 0 0 0' },
          { series: 'readiness_ready{job="webhook-manager", instance="wm-1"}', values: '1 1 1 1 1 1 1 1' },
        ],
        alert_rule_test: [
          { eval_time: '2m', alertname: 'VoxmeshMediaServerDown', exp_alerts: [] },
          { eval_time: '5m', alertname: 'VoxmeshMediaServerDown', exp_alerts: [expected('VoxmeshMediaServerDown', { media_server: 'fs1:8021' }, 'No call-manager is connected to media server fs1:8021')] },
          {
            eval_time: '4m',
            alertname: 'VoxmeshQueueNoConsumer',
            exp_alerts: [expected('VoxmeshQueueNoConsumer', { service: 'flow-manager', queue: 'bin-manager.flow-manager.request' }, 'Nobody consumes bin-manager.flow-manager.request')],
          },
          { eval_time: '7m', alertname: 'VoxmeshNotReady', exp_alerts: [expected('VoxmeshNotReady', { job: 'webhook-manager', instance: 'wm-0' }, 'wm-0 has not been ready for 5 minutes')] },
        ],
      },
      {
        interval: '1m',
        input_series: [
          { series: 'rpc_server_requests_total{service="flow-manager", route="/v1/activeflows/:id/next", method="POST", status="500"}', values: '0+60x20' },
          { series: 'rpc_server_requests_total{service="flow-manager", route="/v1/activeflows/:id/next", method="POST", status="200"}', values: '0+60x20' },
          { series: 'rpc_server_requests_total{service="flow-manager", route="/v1/flows", method="GET", status="200"}', values: '0+60x20' },
          { series: 'nodejs_eventloop_lag_p99_seconds{job="flow-manager", instance="fm-0"}', values: '0.3x20' },
          { series: 'nodejs_eventloop_lag_p99_seconds{job="flow-manager", instance="fm-1"}', values: '0.01x20' },
        ],
        alert_rule_test: [
          {
            eval_time: '15m',
            alertname: 'VoxmeshRpcErrorRate',
            exp_alerts: [expected('VoxmeshRpcErrorRate', { service: 'flow-manager', route: '/v1/activeflows/:id/next' }, 'flow-manager fails 50% of /v1/activeflows/:id/next')],
          },
          { eval_time: '15m', alertname: 'VoxmeshEventLoopLag', exp_alerts: [expected('VoxmeshEventLoopLag', { job: 'flow-manager', instance: 'fm-0' }, "fm-0's event loop lags 300ms at p99")] },
        ],
      },
      {
        interval: '1m',
        input_series: [
          { series: 'mesh_queue_messages{service="webhook-manager", queue="bin-manager.webhook-manager.subscribe"}', values: '50+50x30' },
          { series: 'mesh_queue_messages{service="flow-manager", queue="bin-manager.flow-manager.request"}', values: '500 0 500 0 500 0 500 0 500 0 500 0 500 0 500 0' },
          { series: 'mesh_queue_messages{service="webhook-manager", queue="bin-manager.webhook-manager.subscribe.dead"}', values: '3x30' },
          { series: 'event_outbox_depth{service="flow-manager"}', values: '0+20x30' },
          { series: 'event_outbox_depth{service="call-manager"}', values: '500x30' },
        ],
        alert_rule_test: [
          {
            eval_time: '15m',
            alertname: 'VoxmeshQueueBacklog',
            exp_alerts: [expected('VoxmeshQueueBacklog', { service: 'webhook-manager', queue: 'bin-manager.webhook-manager.subscribe' }, 'bin-manager.webhook-manager.subscribe has held over 100 messages for 10 minutes')],
          },
          { eval_time: '10m', alertname: 'VoxmeshEventsParked', exp_alerts: [] },
          {
            eval_time: '20m',
            alertname: 'VoxmeshEventsParked',
            exp_alerts: [expected('VoxmeshEventsParked', { service: 'webhook-manager', queue: 'bin-manager.webhook-manager.subscribe.dead' }, '3 events parked in bin-manager.webhook-manager.subscribe.dead')],
          },
          // A full outbox that is not growing is the broker catching up, not failing.
          {
            eval_time: '25m',
            alertname: 'VoxmeshEventOutboxGrowing',
            exp_alerts: [expected('VoxmeshEventOutboxGrowing', { service: 'flow-manager' }, "flow-manager's event outbox keeps growing (500 waiting)")],
          },
        ],
      },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'voxmesh-rules-'));
    try {
      const file = join(dir, 'alerts.test.yaml');
      writeFileSync(file, stringify({ rule_files: [join(root, 'deploy/prometheus/alerts.yaml')], evaluation_interval: '1m', tests }));
      const run = promtool('test', 'rules', file);
      expect(run.output).toContain('SUCCESS');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Grafana dashboard', () => {
  it('is what scripts/grafana-dashboard.mjs makes with the foundation SDK', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/grafana-dashboard.mjs'), '--check'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('shows what an operator watches', () => {
    const metrics = new Set(named.filter((each) => each.where.startsWith('panel')).flatMap((each) => selectorsOf(each.expr).map((selector) => selector.metric)));
    for (const metric of [
      'rpc_server_requests_total',
      'rpc_server_request_duration_seconds_bucket',
      'call_manager_calls_live',
      'call_manager_calls_started_total',
      'flow_manager_activeflows_running',
      'call_manager_next_action_seconds_bucket',
      'webhook_deliveries_total',
      'webhook_disabled_hooks',
      'call_manager_media_server_up',
      'nodejs_eventloop_lag_p99_seconds',
      'mesh_queue_messages',
    ]) {
      expect(metrics).toContain(metric);
    }
  });
});

describe('metrics named by the rules and the dashboard', () => {
  let platform: SpawnedPlatform;
  let dataDir: string;
  let served: Map<string, Set<string>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'voxmesh-metrics-'));
    platform = await spawnPlatform(['-data_dir', dataDir]);
    const address = /^ {2}metrics\s+(http:\/\/\S+)/m.exec(platform.output())?.[1];
    if (!address) throw new Error(`no metrics address in the banner:\n${platform.output()}`);
    served = parseExposition(await (await fetch(address)).text());
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('are each served by a running platform, with the labels they select on', () => {
    expect(named.length).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const { where, expr } of named) {
      for (const selector of selectorsOf(expr)) {
        const labels = served.get(selector.metric);
        if (!labels) {
          missing.push(`${where}: ${selector.metric}`);
          continue;
        }
        // A metric with samples shows its labels; one without samples yet cannot be checked.
        for (const label of selector.labels) if (labels.size > 0 && !labels.has(label)) missing.push(`${where}: ${selector.metric} has no label ${label}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/**
 * Series names from a Prometheus text exposition, each with the label names its samples
 * carry: a histogram serves `_bucket`, `_sum` and `_count`, a counter its `_total` name.
 */
function parseExposition(text: string): Map<string, Set<string>> {
  const series = new Map<string, Set<string>>();
  for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = match as unknown as [string, string, string];
    const names = type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : type === 'summary' ? [name, `${name}_sum`, `${name}_count`] : [name];
    for (const each of names) series.set(each, new Set());
  }
  for (const match of text.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\} /gm)) {
    const labels = series.get(match[1]!);
    if (!labels) continue;
    for (const label of match[2]!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)) labels.add(label[1]!);
  }
  return series;
}
