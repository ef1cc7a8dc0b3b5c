#!/usr/bin/env node
// Writes deploy/grafana/voxmesh.json, the Grafana dashboard, from the panels below through
// Grafana's foundation SDK. `--check` writes nothing and exits 1 when the file differs
// from what this script makes (a test runs it): change the panels here, then rerun.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DashboardBuilder, DatasourceVariableBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'deploy', 'grafana', 'voxmesh.json');
const datasource = { type: 'prometheus', uid: '${datasource}' };
const rate = (selector) => `rate(${selector}[$__rate_interval])`;
const p99 = (histogram, by) => `histogram_quantile(0.99, sum by (${[...by, 'le'].join(', ')}) (${rate(`${histogram}_bucket`)}))`;

/** One panel: a title, what it shows, its unit and its queries as [expr, legend]. */
function panel(kind, title, description, unit, queries, span = 12) {
  const builder = (kind === 'stat' ? new stat.PanelBuilder() : new timeseries.PanelBuilder())
    .title(title)
    .description(description)
    .datasource(datasource)
    .unit(unit)
    .height(8)
    .span(span);
  queries.forEach(([expr, legend], index) =>
    builder.withTarget(new DataqueryBuilder().expr(expr).legendFormat(legend).refId(String.fromCharCode(65 + index))),
  );
  return builder;
}

const rows = [
  [
    'RPC, per service and route',
    [
      panel('timeseries', 'Requests served', 'RPC requests each service answered, by route template.', 'reqps', [
        [`sum by (service, route) (${rate('rpc_server_requests_total')})`, '{{service}} {{route}}'],
      ]),
      panel('timeseries', 'Errors', 'Replies with a 5xx status, by route: the service failed, not the caller.', 'reqps', [
        [`sum by (service, route) (${rate('rpc_server_requests_total{status=~"5.."}')})`, '{{service}} {{route}}'],
      ]),
      panel('timeseries', 'Latency p99', 'From taking a request off the queue to sending its reply.', 's', [
        [p99('rpc_server_request_duration_seconds', ['service', 'route']), '{{service}} {{route}}'],
      ]),
      panel('timeseries', 'Requests dropped past their deadline', 'Requests whose caller had stopped waiting before work began: the service is behind.', 'reqps', [
        [`sum by (service) (${rate('rpc_server_expired_total')})`, '{{service}}'],
      ]),
      panel('timeseries', 'Queue depth', 'Messages waiting in each queue a service consumes (requests, events, parked events).', 'short', [
        ['max by (service, queue) (mesh_queue_messages)', '{{queue}}'],
      ]),
      panel('timeseries', 'Queue consumers', 'Consumers of each queue, every replica counted: 0 means nobody serves it.', 'short', [
        ['max by (service, queue) (mesh_queue_consumers)', '{{queue}}'],
      ]),
      panel('timeseries', 'Event consumer lag p99', 'From an event\'s publishing to its subscriber taking it (whole seconds, as events are stamped).', 's', [
        [p99('events_consumed_lag_seconds', ['service']), '{{service}}'],
      ]),
      panel('timeseries', 'Events consumed', 'Events each subscriber took, by result: ok, retry, dead (parked after every retry), ignored, invalid.', 'ops', [
        [`sum by (service, result) (${rate('events_consumed_total')})`, '{{service}} {{result}}'],
      ]),
      panel('timeseries', 'Event outbox depth', 'Events committed with their change and not yet published: growing means the broker is not taking them.', 'short', [
        ['max by (service) (event_outbox_depth)', '{{service}}'],
      ]),
      panel('timeseries', 'Open circuits', 'Circuit breakers open from a service to a target queue.', 'short', [
        ['max by (service, target) (rpc_client_circuit_open)', '{{service}} → {{target}}'],
      ]),
    ],
  ],
  [
    'Calls',
    [
      panel('stat', 'Live calls', 'Calls held by every call-manager replica now.', 'short', [['sum(call_manager_calls_live)', 'live']], 6),
      panel('stat', 'Running activeflows', 'Activeflows running now, every flow-manager replica counted.', 'short', [['sum(flow_manager_activeflows_running)', 'running']], 6),
      panel('timeseries', 'Calls per second', 'Calls started, by direction.', 'cps', [
        [`sum by (direction) (${rate('call_manager_calls_started_total')})`, '{{direction}}'],
      ]),
      panel('timeseries', 'Calls ended, by reason', 'Why calls ended: normal hangups beside failures, timeouts and rejections.', 'cps', [
        [`sum by (reason) (${rate('call_manager_calls_ended_total')})`, '{{reason}}'],
      ]),
      panel('timeseries', 'Next-action latency', 'call-manager asking flow-manager for the next action, round trip; and flow-manager working on it.', 's', [
        [p99('call_manager_next_action_seconds', []), 'call-manager p99'],
        [p99('flow_manager_next_duration_seconds', []), 'flow-manager p99'],
      ]),
      panel('timeseries', 'Media server connections', 'Inbound event sockets up per media server, and event-socket connections by kind.', 'short', [
        ['max by (media_server) (call_manager_media_server_up)', 'up {{media_server}}'],
        ['sum by (kind) (call_manager_esl_connections)', '{{kind}} sockets'],
      ]),
    ],
  ],
  [
    'Webhooks',
    [
      panel('timeseries', 'Deliveries', 'Webhook attempts by result: success, retry, failure (given up), refused, parked (hook disabled), dropped.', 'reqps', [
        [`sum by (result) (${rate('webhook_deliveries_total')})`, '{{result}}'],
      ]),
      panel('timeseries', 'Delivery latency p99', 'From the event to the receiver answering, retries included.', 's', [
        [p99('webhook_delivery_latency_seconds', []), 'p99'],
      ]),
      panel('timeseries', 'Webhook outbox depth', 'Deliveries waiting to be sent.', 'short', [['max(webhook_outbox_depth)', 'pending']]),
      panel('timeseries', 'Disabled hooks', 'Hooks the disabler turned off and nobody re-enabled, and how many it turned off lately.', 'short', [
        ['max(webhook_disabled_hooks)', 'disabled now'],
        ['sum(increase(webhook_auto_disabled_total[1h]))', 'disabled in the last hour'],
      ]),
    ],
  ],
  [
    'Processes',
    [
      panel('timeseries', 'Event-loop lag p99', 'How late timers and I/O callbacks run in each process: high means it is CPU bound.', 's', [
        ['max by (job, instance) (nodejs_eventloop_lag_p99_seconds)', '{{job}} {{instance}}'],
      ]),
      panel('timeseries', 'Ready', '1 while a replica answers /readyz: broker, database and cache reachable and not draining.', 'short', [
        ['min by (job, instance) (readiness_ready)', '{{job}} {{instance}}'],
      ]),
      panel('timeseries', 'CPU', 'CPU seconds per second of each process.', 'percentunit', [
        [`sum by (job, instance) (${rate('process_cpu_seconds_total')})`, '{{job}} {{instance}}'],
      ]),
      panel('timeseries', 'Heap used', 'V8 heap in use per process.', 'bytes', [['max by (job, instance) (nodejs_heap_size_used_bytes)', '{{job}} {{instance}}']]),
    ],
  ],
];

function build() {
  const dashboard = new DashboardBuilder('voxmesh')
    .uid('voxmesh-overview')
    .description('Per service RPC rate, latency and errors, queues and outboxes, calls, activeflows, webhooks and process health.')
    .tags(['voxmesh'])
    .refresh('30s')
    .time({ from: 'now-1h', to: 'now' })
    .timezone('browser')
    .withVariable(new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'));
  let id = 1;
  for (const [title, panels] of rows) {
    dashboard.withRow(new RowBuilder(title).id(id++));
    for (const each of panels) dashboard.withPanel(each.id(id++));
  }
  return `${JSON.stringify(dashboard.build(), null, 2)}\n`;
}

const text = build();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file differs like any other.
  }
  if (current !== text) {
    process.stderr.write(`${target} is not what scripts/grafana-dashboard.mjs makes; run it to rewrite the file\n`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
