#!/usr/bin/env node
// Finds import cycles among a folder's TypeScript modules: `node scripts/import-cycles.mjs
// [folder…]` (by default every service's src). Type-only imports
// count: a cycle of types is still two modules that cannot be understood one at a time.
// Prints each cycle and exits 1 when there is one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT = /(?:^|[;\s])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

function sourcesUnder(folder) {
  const found = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...sourcesUnder(path));
    else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) found.push(path);
  }
  return found;
}

/** The relative specifiers a module imports, comments left out. */
export function specifiersOf(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const specifiers = [];
  for (const match of code.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier.startsWith('.')) specifiers.push(specifier);
  }
  return specifiers;
}

function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** The import graph of the modules under `folder`: file → the files under it that it imports. */
export function importGraph(folder) {
  const files = sourcesUnder(folder);
  const inside = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const targets = specifiersOf(readFileSync(file, 'utf8'))
      .map((specifier) => resolveImport(file, specifier))
      .filter((target) => target !== undefined && inside.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * The cycles of the graph, one per strongly connected component (Tarjan): how many
 * modules it ties together, and one path through it that returns to its start.
 */
export function cyclesOf(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components.map((component) => ({ modules: component.length, path: pathWithin(graph, new Set(component), component.sort()[0]) }));
}

/** A shortest way from `start` back to itself inside one component. */
function pathWithin(graph, members, start) {
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** The folders checked when none is named: every service's sources. */
export function serviceFolders(root) {
  return readdirSync(join(root, 'services'))
    .sort()
    .map((name) => join(root, 'services', name, 'src'))
    .filter((src) => existsSync(src));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const folders = process.argv.length > 2 ? process.argv.slice(2).map((folder) => resolve(folder)) : serviceFolders(root);
  let found = 0;
  for (const folder of folders) {
    for (const cycle of cyclesOf(importGraph(folder))) {
      found++;
      process.stdout.write(`${relative(root, folder)}: ${cycle.modules} modules, e.g. ${cycle.path.map((file) => relative(folder, file)).join(' -> ')}\n`);
    }
  }
  process.stdout.write(`${found === 0 ? 'no import cycles' : `${found} import cycle(s)`} in ${folders.length} folder(s)\n`);
  process.exit(found === 0 ? 0 : 1);
}
