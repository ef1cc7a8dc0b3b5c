#!/usr/bin/env node
// Entry point behind `npm start`, `npm test`, `npm run build` and `npm run bench`.
// A new machine has only Node and npm, so this script brings the pinned pnpm when it
// is missing, installs the workspace when the lockfile changed, builds incrementally,
// and then runs the task. Everything after `--` goes to the task.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [task = 'build', ...taskArgs] = process.argv.slice(2);
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function say(message) {
  process.stderr.write(`[voxmesh] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function mustRun(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) process.exit(status);
}

/** Returns the argv prefix that runs the pinned pnpm, installing it locally if needed. */
function ensurePnpm() {
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim() === pinned) return ['pnpm'];
  const local = join(root, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  const localPkg = join(root, '.tools', 'node_modules', 'pnpm', 'package.json');
  if (!existsSync(localPkg) || JSON.parse(readFileSync(localPkg, 'utf8')).version !== pinned) {
    say(`pnpm ${pinned} not found; installing it into .tools/ from the npm registry`);
    mkdirSync(join(root, '.tools'), { recursive: true });
    writeFileSync(join(root, '.tools', 'package.json'), '{"private":true}\n');
    mustRun('npm', ['install', '--prefix', join(root, '.tools'), '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `pnpm@${pinned}`]);
  }
  return [process.execPath, local];
}

/** The files whose change calls for a new install: the lockfile and every manifest. */
function manifests() {
  const files = ['pnpm-lock.yaml', 'package.json', 'pnpm-workspace.yaml', 'bench/package.json'];
  for (const dir of ['packages', 'services']) {
    if (!existsSync(join(root, dir))) continue;
    for (const name of readdirSync(join(root, dir)).sort()) files.push(join(dir, name, 'package.json'));
  }
  return files.filter((file) => existsSync(join(root, file)));
}

function lockDigest() {
  const hash = createHash('sha256');
  for (const file of manifests()) hash.update(file).update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

function ensureInstalled(pnpm) {
  const stamp = join(root, 'node_modules', '.voxmesh-install');
  const digest = lockDigest();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  say('installing dependencies');
  // CI installs exactly what the lockfile says; a developer's install may update it.
  const frozen = process.env.CI && existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  mustRun(pnpm[0], [...pnpm.slice(1), 'install', ...frozen, '--reporter=append-only'], {
    env: { ...process.env, npm_config_manage_package_manager_versions: 'false' },
  });
  writeFileSync(stamp, lockDigest());
}

function build() {
  say('building (tsc -b)');
  mustRun(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.json']);
}

const jestBin = join(root, 'node_modules', 'jest', 'bin', 'jest.js');

/** Runs one jest pass and returns its counts read from the JSON report. */
function jestPass(name, args) {
  const out = join(root, '.test-results', `${name}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const status = run(process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jestBin, '--json', `--outputFile=${out}`, ...args]);
  let passed = 0;
  let failed = 0;
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  } else if (status !== 0) {
    failed = 1;
  }
  return { status, passed, failed };
}

function test() {
  // Tests named *.solo.test.ts disturb shared servers (they restart the broker), so they
  // run alone, after everything else.
  const filters = taskArgs.length > 0 ? taskArgs : [];
  // The paths come first: the ignore option takes a list and would swallow them, running
  // everything but the tests asked for.
  const main = jestPass('main', [...filters, '--testPathIgnorePatterns', '\\.solo\\.test\\.ts$', '/node_modules/']);
  const solo = filters.length > 0 ? { status: 0, passed: 0, failed: 0 } : jestPass('solo', ['--runInBand', '--testPathPattern', '\\.solo\\.test\\.ts$']);
  const passed = main.passed + solo.passed;
  const failed = main.failed + solo.failed;
  process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
  process.exit(main.status === 0 && solo.status === 0 && failed === 0 ? 0 : 1);
}

const pnpm = ensurePnpm();
ensureInstalled(pnpm);
build();

switch (task) {
  case 'build':
    break;
  case 'start':
    process.exit(run(process.execPath, [join(root, 'services', 'platform', 'dist', 'main.js'), ...taskArgs]));
    break;
  case 'test':
    test();
    break;
  case 'bench':
    process.exit(run(process.execPath, [join(root, 'bench', 'dist', 'main.js'), ...taskArgs]));
    break;
  default:
    say(`unknown task ${task}; use build, start, test or bench`);
    process.exit(2);
}
