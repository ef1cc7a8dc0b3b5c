import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Copy, DockerfileParser } from 'dockerfile-ast';
import { ValidationSeverity, validate } from 'dockerfile-utils';
import { binaries, environmentOf, readText, root, services, yamlDocuments } from './repo.js';

/**
 * The image and the Compose file, read as files: no Docker daemon is needed to check
 * that the Dockerfile builds from what the build context keeps, runs as a non-root user
 * under tini from a pinned base, and that compose.yaml wires every service with its
 * health checks, start order and real flags.
 */
interface Instruction {
  op: string;
  args: string;
  /** `--from=<stage>` of a COPY. */
  from?: string;
}

/** The instructions as dockerfile-ast reads them, continuation lines joined. */
const parsed = DockerfileParser.parse(readText('deploy/Dockerfile'));
const dockerfile: Instruction[] = parsed.getInstructions().map((instruction) => {
  const from = instruction instanceof Copy ? instruction.getFromFlag()?.getValue() : undefined;
  return { op: instruction.getKeyword(), args: (instruction.getArgumentsContent() ?? '').replace(/\s+/g, ' '), ...(from ? { from } : {}) };
});
const args = Object.fromEntries(
  dockerfile.filter((each) => each.op === 'ARG' && each.args.includes('=')).map((each) => each.args.split('=') as [string, string]),
);
const expand = (text: string) => text.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? `\${${name}}`);
const stages = dockerfile.reduce<Instruction[][]>((all, each) => {
  if (each.op === 'FROM') all.push([]);
  all.at(-1)?.push(each);
  return all;
}, []);
const runtime = stages.at(-1)!;
const build = stages[0]!;

describe('deploy/Dockerfile', () => {
  it('passes dockerfile-utils\' checks, its warnings counted as errors', () => {
    const strict = Object.fromEntries(
      ['deprecatedMaintainer', 'directiveCasing', 'emptyContinuationLine', 'instructionCasing', 'instructionCmdMultiple', 'instructionEntrypointMultiple', 'instructionHealthcheckMultiple', 'instructionJSONInSingleQuotes', 'instructionWorkdirRelative'].map((rule) => [rule, ValidationSeverity.ERROR]),
    );
    const problems = validate(readText('deploy/Dockerfile'), strict).map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`);
    expect(problems).toEqual([]);
    // The checker does find problems: an unknown flag and a bad port.
    expect(validate('FROM node:20.20.2\nCOPY --frm=x a b\nEXPOSE abc\n', strict)).toHaveLength(2);
  });

  it('builds in one stage and runs from another, each from a pinned base', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      const image = expand(stage[0]!.args.split(/\s+/)[0]!);
      expect(image).toMatch(/^[a-z0-9./-]+(:\d+\.\d+\.\d+[\w.-]*|@sha256:[0-9a-f]{64})$/);
    }
    const copied = runtime.filter((each) => each.op === 'COPY');
    expect(copied.length).toBeGreaterThan(0);
    for (const copy of copied) expect(copy.from).toBe('build');
    // The base's Node satisfies the engines field.
    const [major, minor] = args.NODE_VERSION!.split('.').map(Number) as [number, number];
    const [wantMajor, wantMinor] = /(\d+)\.(\d+)/.exec(JSON.parse(readText('package.json')).engines.node)!.slice(1).map(Number) as [number, number];
    expect(major > wantMajor || (major === wantMajor && minor >= wantMinor)).toBe(true);
  });

  it('installs the pinned pnpm and compiles every service', () => {
    const pinned = JSON.parse(readText('package.json')).packageManager as string;
    expect(build.some((each) => each.op === 'RUN' && each.args.includes(pinned))).toBe(true);
    const compile = build.find((each) => each.op === 'RUN' && each.args.includes('tsc -b'))!;
    // Production dependencies only, after compiling, without a terminal to confirm the purge.
    const steps = compile.args.split('&&').map((step) => step.trim());
    const compiled = steps.findIndex((step) => step.includes('tsc -b'));
    const production = steps.findIndex((step) => /^pnpm install .*--prod\b/.test(step));
    expect(production).toBeGreaterThan(compiled);
    expect(steps[production]).toContain('--config.confirm-modules-purge=false');
    const projects = /tsc -b ([^&]+)/.exec(compile.args)![1]!.trim().split(/\s+/);
    const reached = new Set<string>();
    const visit = (project: string) => {
      if (reached.has(project)) return;
      reached.add(project);
      const config = JSON.parse(readText(join(project, 'tsconfig.json'))) as { references?: { path: string }[] };
      for (const reference of config.references ?? []) visit(join(project, reference.path));
    };
    projects.forEach(visit);
    for (const path of Object.values(binaries)) expect([...reached]).toContain(path.replace(/\/bin\/[^/]+$/, ''));
  });

  it('runs as a non-root user under tini, with labels, every binary on PATH', () => {
    const user = runtime.filter((each) => each.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const entrypoint = JSON.parse(runtime.find((each) => each.op === 'ENTRYPOINT')!.args) as string[];
    expect(entrypoint[0]).toMatch(/tini$/);
    expect(runtime.some((each) => each.op === 'RUN' && /apt-get install[^&]*\btini\b/.test(each.args))).toBe(true);
    const labels = runtime.filter((each) => each.op === 'LABEL').map((each) => each.args).join(' ');
    for (const key of ['title', 'description', 'version', 'revision']) expect(labels).toContain(`org.opencontainers.image.${key}=`);
    const path = /PATH=(\S+)/.exec(runtime.filter((each) => each.op === 'ENV').map((each) => each.args).join(' '))![1]!.split(':');
    for (const [name, file] of Object.entries(binaries)) {
      expect(path).toContain(`/app/${file.replace(/\/[^/]+$/, '')}`);
      expect(statSync(join(root, file)).mode & 0o111).not.toBe(0);
      expect(name).toBe(file.split('/').at(-1));
    }
    const command = JSON.parse(runtime.find((each) => each.op === 'CMD')!.args) as string[];
    expect(Object.keys(binaries)).toContain(command[0]);
  });
});

describe('.dockerignore', () => {
  const patterns = readText('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const matchers = patterns.map((pattern) => new RegExp(`^${globToRegex(pattern.replace(/^\/+|\/+$/g, ''))}$`));
  const ignored = (path: string) => {
    const parts = path.split('/');
    return parts.some((_, index) => matchers.some((matcher) => matcher.test(parts.slice(0, index + 1).join('/'))));
  };
  const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);

  it('keeps every file the build reads: manifests, lockfile, tsconfigs, sources and binaries', () => {
    expect(patterns.some((pattern) => pattern.startsWith('!'))).toBe(false);
    const needed = tracked.filter(
      (file) =>
        /^(package\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|tsconfig[\w.]*\.json)$/.test(file) ||
        /^(packages|services|bench)\/[^/]+\/package\.json$|^bench\/package\.json$/.test(file) ||
        /^(packages|services)\/[^/]+\/(tsconfig\.json|bin\/.+)$/.test(file) ||
        (/^(packages|services)\/[^/]+\/src\//.test(file) && !file.endsWith('.test.ts')),
    );
    expect(needed.length).toBeGreaterThan(100);
    expect(needed.filter(ignored)).toEqual([]);
  });

  it('leaves out tests, build output and local installs', () => {
    const tests = tracked.filter((file) => /(^|\/)test\/|\.test\.ts$/.test(file));
    expect(tests.length).toBeGreaterThan(50);
    expect(tests.filter((file) => !ignored(file))).toEqual([]);
    for (const path of ['node_modules/x', 'packages/wire/node_modules/x', 'services/platform/dist/main.js', '.git/HEAD', '.tools/x', 'packages/wire/tsconfig.tsbuildinfo']) {
      expect(`${path} ignored: ${ignored(path)}`).toBe(`${path} ignored: true`);
    }
  });
});

/** Docker's pattern syntax (Go's filepath.Match plus `**`) as a regular expression. */
function globToRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (pattern.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      out += '.*';
      i += 1;
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

describe('deploy/compose.yaml', () => {
  type ComposeService = {
    image?: string;
    command?: string[] | string;
    environment?: Record<string, string>;
    healthcheck?: { test: string[] };
    depends_on?: Record<string, { condition: string }>;
    volumes?: string[];
    build?: { context: string; dockerfile: string };
  };
  const compose = yamlDocuments(readText('deploy/compose.yaml'))[0] as { services: Record<string, ComposeService> };
  const all = compose.services;

  it('runs the broker, database, cache, media server, every service, Prometheus and Grafana, each healthchecked', () => {
    for (const name of ['rabbitmq', 'mysql', 'redis', 'esl-sim', 'migrate', ...services, 'prometheus', 'grafana']) {
      expect(Object.keys(all)).toContain(name);
      if (name !== 'migrate') expect(`${name}: ${(all[name]!.healthcheck?.test?.length ?? 0) > 0}`).toBe(`${name}: true`);
    }
    for (const [name, service] of Object.entries(all)) {
      if (service.image?.startsWith('voxmesh:')) continue;
      expect(`${name}: ${service.image}`).toMatch(/:(v?\d+\.\d+\.\d+)(-[\w.]+)?$/);
    }
    // For those with a FreeSWITCH of their own.
    expect(readText('deploy/compose.yaml')).toMatch(/^ {2}# freeswitch:$/m);
    const built = all.migrate!.build!;
    expect(existsSync(join(root, 'deploy', built.context, built.dockerfile))).toBe(true);
  });

  it.each(services)('starts %s after its dependencies are healthy and the migrations ran, with flags it knows', (name) => {
    const service = all[name]!;
    expect(service.image).toBe(all.migrate!.image);
    const command = service.command as string[];
    expect(command[0]).toBe(name);
    expect(service.depends_on).toMatchObject({
      rabbitmq: { condition: 'service_healthy' },
      mysql: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
    expect(service.healthcheck!.test.join(' ')).toContain('/readyz');
    const known = environmentOf(name);
    // NODE_OPTIONS is Node's own, read before any binary starts.
    for (const variable of Object.keys(service.environment ?? {})) {
      if (variable !== 'NODE_OPTIONS') expect(`${name} reads ${variable}: ${known.has(variable)}`).toBe(`${name} reads ${variable}: true`);
    }
  });

  it('migrates every service with a schema, and hands calls between esl-sim and call-manager', () => {
    const migrate = (all.migrate!.command as string[]).join(' ');
    for (const name of ['flow-manager', 'call-manager', 'webhook-manager', 'customer-manager']) expect(migrate).toContain(`${name} -migrate_only`);
    expect(all['call-manager']!.environment!.ESL_ADDR).toBe('esl-sim:8021');
    expect(all['call-manager']!.depends_on!['esl-sim']).toEqual({ condition: 'service_healthy' });
    const sim = all['esl-sim']!.command as string[];
    expect(sim[0]).toBe('esl-sim');
    expect(sim.join(' ')).toContain('-app_addr call-manager:8084');
  });

  it('gives Prometheus the rules and every service as a target, and Grafana the dashboard', () => {
    const mounts = [...all.prometheus!.volumes!, ...all.grafana!.volumes!].map((volume) => volume.split(':'));
    for (const [source] of mounts) expect(existsSync(join(root, 'deploy', source!))).toBe(true);
    expect(mounts.map(([source, target]) => `${source} ${target}`)).toEqual(
      expect.arrayContaining(['./prometheus/alerts.yaml /etc/prometheus/alerts.yaml', './grafana/voxmesh.json /var/lib/grafana/dashboards/voxmesh.json']),
    );
    const prometheus = yamlDocuments(readText('deploy/prometheus/prometheus.yml'))[0] as { rule_files: string[]; scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    expect(prometheus.rule_files).toEqual(['alerts.yaml']);
    expect(prometheus.scrape_configs.map((job) => `${job.job_name} ${job.static_configs[0]!.targets.join(',')}`).sort()).toEqual(services.map((name) => `${name} ${name}:2112`).sort());
    const provider = yamlDocuments(readText('deploy/grafana/provisioning/dashboards/voxmesh.yaml'))[0] as { providers: { options: { path: string } }[] };
    expect(provider.providers[0]!.options.path).toBe('/var/lib/grafana/dashboards');
  });
});
