import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { unknownFields } from './known-fields.js';
import { binaries, credentialVariables, environmentOf, holdsPassword, readText, root, services, yamlDocuments } from './repo.js';

/**
 * The Kubernetes manifests as an operator applies them: each overlay rendered by
 * `kubectl kustomize`, every object checked against the Kubernetes schemas (the
 * kubernetes-models package; the Prometheus operator's for ServiceMonitors), then what
 * a deployment of voxmesh needs from each object.
 */
type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

function render(overlay: string): K8sObject[] {
  const run = spawnSync('kubectl', ['kustomize', join(root, 'k8s', overlay)], { encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw new Error(`kubectl (with its built-in kustomize) is needed to render k8s/: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`kubectl kustomize k8s/${overlay} failed: ${run.stderr}`);
  return yamlDocuments(run.stdout) as K8sObject[];
}

/** The model class of an object, by its apiVersion and kind, from the schema packages. */
async function modelOf(object: K8sObject): Promise<new (data: unknown) => { validate(): void }> {
  const module = object.apiVersion.startsWith('monitoring.coreos.com/')
    ? await import(`@kubernetes-models/prometheus-operator/${object.apiVersion}/${object.kind}`)
    : await import(`kubernetes-models/${object.apiVersion}/${object.kind}`);
  return module[object.kind];
}

const overlays = { dev: render('overlays/dev'), prod: render('overlays/prod') };

describe.each(Object.entries(overlays))('k8s/overlays/%s', (overlay, objects) => {
  const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
  const named = (kind: string, name: string) => {
    const found = ofKind(kind).find((object) => object.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in the ${overlay} overlay`);
    return found;
  };
  const deployments = services.map((service) => named('Deployment', service));
  const configMaps = ofKind('ConfigMap');
  const secrets = ofKind('Secret');

  it('renders objects that each pass their Kubernetes schema', async () => {
    expect(objects.length).toBeGreaterThan(20);
    for (const object of objects) {
      const Model = await modelOf(object);
      try {
        new Model(object).validate();
      } catch (error) {
        throw new Error(`${object.kind} ${object.metadata.name}: ${(error as Error).message}`);
      }
      if (object.kind !== 'Namespace') expect(`${object.kind} ${object.metadata.name} in ${object.metadata.namespace}`).toBe(`${object.kind} ${object.metadata.name} in voxmesh`);
    }
  });

  it('has no field the Kubernetes types do not know (a misspelt key the schemas let pass)', () => {
    expect(unknownFields(objects)).toEqual([]);
    // The check names such a field.
    const deployment = structuredClone(named('Deployment', 'flow-manager'));
    deployment.spec.template.spec.containers[0].resurces = {};
    expect(unknownFields([deployment])).toEqual([expect.stringMatching(/^Deployment flow-manager: .*resurces.* does not exist in type 'IContainer'/)]);
  }, 120_000);

  it.each(services)('runs %s with both probes, requests and limits, the metrics port and a pinned image', (service) => {
    const deployment = named('Deployment', service);
    const pod = deployment.spec.template;
    const [container, ...others] = pod.spec.containers;
    expect(others).toEqual([]);
    expect(container.args[0]).toBe(service);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'metrics' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    for (const kind of ['requests', 'limits']) {
      expect(container.resources[kind].cpu).toBeDefined();
      expect(container.resources[kind].memory).toBeDefined();
    }
    expect(container.ports).toContainEqual({ name: 'metrics', containerPort: 2112 });
    expect(pod.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '2112', 'prometheus.io/path': '/metrics' });
    expect(pinned(container.image)).toBe(true);
    expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
    expect(pod.metadata.labels['app.kubernetes.io/part-of']).toBe('voxmesh');
  });

  it('gives every Deployment a disruption budget and an autoscaler', () => {
    for (const deployment of deployments) {
      const selector = deployment.spec.selector.matchLabels;
      const budgets = ofKind('PodDisruptionBudget').filter((budget) => sameLabels(budget.spec.selector.matchLabels, selector));
      expect(`${deployment.metadata.name}: ${budgets.length} budget`).toBe(`${deployment.metadata.name}: 1 budget`);
      const scalers = ofKind('HorizontalPodAutoscaler').filter(
        (scaler) => scaler.spec.scaleTargetRef.kind === 'Deployment' && scaler.spec.scaleTargetRef.name === deployment.metadata.name,
      );
      expect(`${deployment.metadata.name}: ${scalers.length} autoscaler`).toBe(`${deployment.metadata.name}: 1 autoscaler`);
      expect(scalers[0]!.spec.minReplicas).toBeLessThanOrEqual(scalers[0]!.spec.maxReplicas);
      // The autoscaler owns the replica count: a count in the Deployment would fight it on every apply.
      expect(deployment.spec.replicas).toBeUndefined();
    }
  });

  it('keeps credentials out of ConfigMaps and reads only variables the binaries know', () => {
    for (const map of configMaps) {
      for (const [key, value] of Object.entries(map.data as Record<string, string>)) {
        expect(`${map.metadata.name}: ${key} is a credential: ${credentialVariables.has(key)}`).toBe(`${map.metadata.name}: ${key} is a credential: false`);
        expect(`${map.metadata.name}: ${key} holds a password: ${holdsPassword(value)}`).toBe(`${map.metadata.name}: ${key} holds a password: false`);
      }
    }
    for (const deployment of [...ofKind('Deployment'), ...ofKind('Job')]) {
      for (const container of deployment.spec.template.spec.containers) {
        const binary = container.args[0];
        expect(Object.keys(binaries)).toContain(binary);
        const known = environmentOf(binary);
        const given = [
          ...(container.env ?? []).map((variable: { name: string }) => variable.name),
          ...(container.envFrom ?? []).flatMap((source: any) => keysOf(source.configMapRef?.name ?? source.secretRef?.name)),
        ].filter((name) => name !== 'NODE_OPTIONS');
        // Shared maps carry variables for other binaries too; what a container names itself must be its own.
        for (const variable of (container.env ?? []).map((each: { name: string }) => each.name)) {
          if (variable !== 'NODE_OPTIONS') expect(`${binary} reads ${variable}: ${known.has(variable)}`).toBe(`${binary} reads ${variable}: true`);
        }
        expect(given.length).toBeGreaterThan(0);
      }
    }
    // Every shared variable is read by at least one binary that receives it.
    const everyKnown = new Set(services.flatMap((service) => [...environmentOf(service)]));
    for (const map of [...configMaps, ...secrets]) {
      for (const key of Object.keys(map.data ?? {})) expect(`${key} read by a service: ${everyKnown.has(key)}`).toBe(`${key} read by a service: true`);
    }
  });

  function keysOf(name: string | undefined): string[] {
    if (!name) return [];
    const source = [...configMaps, ...secrets].find((object) => object.metadata.name === name);
    return source ? Object.keys(source.data ?? {}) : [];
  }

  it('exposes the REST API and websockets, and call-manager\'s outbound socket', () => {
    const gateway = named('Service', 'api-gateway');
    expect(gateway.spec.ports.map((port: { port: number }) => port.port).sort()).toEqual([5555, 8000]);
    expect(gateway.spec.selector).toEqual(named('Deployment', 'api-gateway').spec.selector.matchLabels);
    const calls = named('Service', 'call-manager');
    expect(calls.spec.ports.map((port: { port: number }) => port.port)).toEqual([8084]);
    const callContainer = named('Deployment', 'call-manager').spec.template.spec.containers[0];
    expect(callContainer.ports).toContainEqual({ name: 'esl-outbound', containerPort: 8084 });
  });

  it('migrates every service that has a schema in a job labelled to run before the rollout', () => {
    const job = named('Job', 'voxmesh-migrate');
    expect(job.metadata.labels['voxmesh.io/stage']).toBe('pre-rollout');
    const runs = job.spec.template.spec.containers.map((container: { args: string[]; image: string }) => {
      expect(pinned(container.image)).toBe(true);
      expect(container.args.slice(1)).toEqual(['-migrate_only']);
      return container.args[0];
    });
    expect(runs.sort()).toEqual(['call-manager', 'customer-manager', 'flow-manager', 'webhook-manager']);
    // What the job needs before it runs carries the same label, so `-l voxmesh.io/stage=pre-rollout` applies it all.
    expect(named('Namespace', 'voxmesh').metadata.labels['voxmesh.io/stage']).toBe('pre-rollout');
    expect(configMaps.every((map) => map.metadata.labels?.['voxmesh.io/stage'] === 'pre-rollout')).toBe(true);
  });

  it('denies by default and lets each service reach only its ports', () => {
    const policies = ofKind('NetworkPolicy');
    const deny = policies.find((policy) => policy.metadata.name === 'voxmesh-default-deny')!;
    expect(deny.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
    expect(deny.spec.ingress).toBeUndefined();
    expect(deny.spec.egress).toBeUndefined();
    for (const deployment of deployments) {
      expect(selects(deny.spec.podSelector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    }
    // No policy opens a port the pods it selects do not listen on.
    for (const policy of policies) {
      const pods = ofKind('Deployment').filter((deployment) => selects(policy.spec.podSelector.matchLabels ?? {}, deployment.spec.template.metadata.labels));
      for (const rule of policy.spec.ingress ?? []) {
        for (const port of rule.ports ?? []) {
          const listening = pods.every((pod) => pod.spec.template.spec.containers.some((container: any) => (container.ports ?? []).some((each: any) => each.containerPort === port.port)));
          expect(`${policy.metadata.name} opens ${port.port}: ${listening}`).toBe(`${policy.metadata.name} opens ${port.port}: true`);
        }
      }
    }
  });
});

describe('overlay differences', () => {
  it('pins the image in both overlays, runs esl-sim only in dev and adds ServiceMonitors and the alert rules only in prod', () => {
    const images = (objects: typeof overlays.dev) =>
      new Set(objects.filter((object) => object.kind === 'Deployment' || object.kind === 'Job').flatMap((object) => object.spec.template.spec.containers.map((c: { image: string }) => c.image)));
    expect([...images(overlays.dev)]).toEqual(['voxmesh:0.1.0']);
    expect([...images(overlays.prod)]).toEqual(['registry.example.com/voxmesh:0.1.0']);
    expect(overlays.dev.some((object) => object.kind === 'Deployment' && object.metadata.name === 'esl-sim')).toBe(true);
    expect(overlays.prod.some((object) => object.metadata.name === 'esl-sim')).toBe(false);
    const monitors = overlays.prod.filter((object) => object.kind === 'ServiceMonitor');
    expect(monitors.map((monitor) => monitor.metadata.name).sort()).toEqual([...services].sort());
    for (const monitor of monitors) {
      const target = overlays.prod.find((object) => object.kind === 'Service' && selects(monitor.spec.selector.matchLabels, object.metadata.labels ?? {}));
      expect(target?.spec.ports).toContainEqual(expect.objectContaining({ name: monitor.spec.endpoints[0].port, port: 2112 }));
    }
    expect(overlays.dev.some((object) => object.kind === 'ServiceMonitor')).toBe(false);
    // The operator's copy of the alert rules is the rule file's, and up to date with it.
    const rule = overlays.prod.find((object) => object.kind === 'PrometheusRule')!;
    expect(rule.spec).toEqual(yamlDocuments(readText('deploy/prometheus/alerts.yaml'))[0]);
    const check = spawnSync(process.execPath, [join(root, 'scripts/prometheus-rule.mjs'), '--check'], { encoding: 'utf8', timeout: 60_000 });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    // Production credentials are made out of band, never rendered from the repository.
    expect(overlays.prod.some((object) => object.kind === 'Secret')).toBe(false);
  });

  it('starts every binary the manifests name from a file that exists', () => {
    for (const path of Object.values(binaries)) expect(existsSync(join(root, path))).toBe(true);
  });
});

/** A tag other than latest, or a digest. */
function pinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest';
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
