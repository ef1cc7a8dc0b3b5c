#!/usr/bin/env node
// Writes k8s/components/servicemonitors/prometheus-rule.yaml: the alert rules of
// deploy/prometheus/alerts.yaml as a PrometheusRule for the Prometheus operator. The
// rule file's `groups` become the object's spec, line for line, so the two cannot
// drift: `--check` writes nothing and exits 1 when the file differs (a test runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = 'deploy/prometheus/alerts.yaml';
const target = join(root, 'k8s/components/servicemonitors/prometheus-rule.yaml');

const rules = readFileSync(join(root, source), 'utf8')
  .split('\n')
  .filter((line) => !line.startsWith('#'))
  .map((line) => (line === '' ? '' : `  ${line}`))
  .join('\n')
  .replace(/^\n+/, '');
const text = `# Made by scripts/prometheus-rule.mjs from ${source}; edit that file, then rerun.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: voxmesh
  labels:
    app.kubernetes.io/name: voxmesh
spec:
${rules}`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file differs like any other.
  }
  if (current !== text) {
    process.stderr.write(`${target} is not what scripts/prometheus-rule.mjs makes from ${source}; run it to rewrite the file\n`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
