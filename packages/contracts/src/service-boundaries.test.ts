import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { ServiceContract } from '@voxmesh/wire';
import { callManager, customerManager, flowManager, webhookManager } from './index.js';

/**
 * The services' boundaries, checked on their sources: a service calls another only
 * through the callee's contract (never by a uri of its own making), and reaches another
 * service's code only through that service's package (never by a path into its folder).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const contracts: ServiceContract[] = [
  callManager.callManagerContract,
  customerManager.customerManagerContract,
  flowManager.flowManagerContract,
  webhookManager.webhookManagerContract,
];

/** Where a substitution (`${…}`) stood in a template literal: any one path segment. */
const HOLE = '\u0000';

interface Finding {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function services(): string[] {
  return readdirSync(join(root, 'services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  node.forEachChild((child) => visit(child, each));
}

/** Every string literal of a source, template literals with their substitutions as HOLE. */
function stringLiterals(source: ts.SourceFile): { text: string; node: ts.Node }[] {
  const found: { text: string; node: ts.Node }[] = [];
  visit(source, (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push({ text: node.text, node });
    else if (ts.isTemplateExpression(node)) found.push({ text: node.head.text + node.templateSpans.map((span) => HOLE + span.literal.text).join(''), node });
  });
  return found;
}

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

const isPlaceholder = (segment: string) => segment.startsWith(':') || /^<.+>$/.test(segment);

/** One segment of a literal: its text, a substitution standing for any characters. */
function segmentPattern(segment: string): RegExp {
  return new RegExp(`^${segment.split(HOLE).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Whether a literal (a uri, perhaps with substitutions and a query) addresses `template`. */
function addresses(literal: string, template: string): boolean {
  const mine = segments(literal.split('?')[0]!);
  const theirs = segments(template);
  return mine.length === theirs.length && mine.every((segment, at) => isPlaceholder(theirs[at]!) || segmentPattern(segment).test(theirs[at]!));
}

/** The routes of other services' contracts that the source's string literals spell out. */
export function foreignRoutesIn(file: string, text: string, service: string): Finding[] {
  const source = parse(file, text);
  const others = contracts.filter((contract) => contract.service !== service);
  const findings: Finding[] = [];
  for (const { text: literal, node } of stringLiterals(source)) {
    if (!literal.startsWith('/v1/')) continue;
    for (const contract of others) {
      const route = Object.entries(contract.routes).find(([, spec]) => addresses(literal, spec.path));
      if (!route) continue;
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      findings.push({ file, line, text: `${literal.replaceAll(HOLE, '${…}')} is ${contract.service}'s ${route[0]} (${route[1].method} ${route[1].path})` });
      break;
    }
  }
  return findings;
}

/** The module specifiers of a source: imports, re-exports, `import()` and `jest.unstable_mockModule`. */
function specifiers(source: ts.SourceFile): { specifier: string; node: ts.Node }[] {
  const found: { specifier: string; node: ts.Node }[] = [];
  visit(source, (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, node });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression.getText(source);
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || callee.endsWith('mockModule') || callee === 'jest.mock' || callee === 'require') {
        found.push({ specifier: (node.arguments[0] as ts.StringLiteralLike).text, node });
      }
    }
  });
  return found;
}

/**
 * Imports that reach into another service's folder: a relative path that lands there, or
 * a deep import past a service package's entry point (`@voxmesh/flow-manager/src/…`).
 * `owner` is the service the file belongs to (undefined for a package's file).
 */
export function crossServiceImportsIn(file: string, text: string, owner: string | undefined, serviceNames: string[]): Finding[] {
  const source = parse(file, text);
  const findings: Finding[] = [];
  for (const { specifier, node } of specifiers(source)) {
    let reached: string | undefined;
    if (specifier.startsWith('.')) {
      const target = relative(join(root, 'services'), resolve(dirname(file), specifier));
      const service = target.split(sep)[0]!;
      if (!target.startsWith('..') && serviceNames.includes(service) && service !== owner) reached = service;
    } else {
      const deep = /^@voxmesh\/([^/]+)\/.+/.exec(specifier);
      if (deep && serviceNames.includes(deep[1]!)) reached = deep[1];
    }
    if (reached === undefined) continue;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    findings.push({ file, line, text: `${specifier} reaches into ${reached}; import @voxmesh/${reached} instead` });
  }
  return findings;
}

const where = (finding: Finding) => `${relative(root, finding.file)}:${finding.line}: ${finding.text}`;

describe('the boundaries between services', () => {
  const names = services();

  it('knows a contract for every service that serves routes', () => {
    expect(names).toEqual(expect.arrayContaining(contracts.map((contract) => contract.service)));
  });

  it('finds a hand-built uri of another service, and leaves a service its own routes', () => {
    const text = [
      "await client.request('POST', '/v1/confbridges', body);",
      'await client.request(`POST`, `/v1/calls/${encodeURIComponent(id)}/action-next`, {});',
      "const page = `/v1/calls?${search}`;",
      "const own = '/v1/flows/' + id;",
      "// '/v1/webhook_destinations' in a comment is prose",
    ].join('\n');
    expect(foreignRoutesIn('example.ts', text, 'flow-manager').map((finding) => finding.line)).toEqual([1, 2, 3]);
    expect(foreignRoutesIn('example.ts', "const mine = '/v1/confbridges';", 'call-manager')).toEqual([]);
    expect(foreignRoutesIn('example.ts', 'const base = `/v1/accounts/${id}`;', 'flow-manager')[0]!.text).toContain("customer-manager's getAccount");
  });

  it('finds an import that reaches into another service, and allows entry points and the service itself', () => {
    const file = join(root, 'services', 'api-gateway', 'test', 'example.test.ts');
    const text = [
      "import { flowManagerModule } from '../../flow-manager/src/main.js';",
      "import { customerManagerModule } from '@voxmesh/customer-manager';",
      "import { apiGatewayModule } from '../src/main.js';",
      "const lazy = await import('../../call-manager/src/main.js');",
      "export { x } from '@voxmesh/webhook-manager/src/index.js';",
    ].join('\n');
    expect(crossServiceImportsIn(file, text, 'api-gateway', names).map((finding) => finding.line)).toEqual([1, 4, 5]);
  });

  it("spells out no other service's route in any service's sources: calls go through the callee's contract", () => {
    const findings = names.flatMap((service) =>
      sourceFiles(join(root, 'services', service, 'src'))
        .filter((file) => !file.endsWith('.test.ts'))
        .flatMap((file) => foreignRoutesIn(file, readFileSync(file, 'utf8'), service)),
    );
    expect(findings.map(where)).toEqual([]);
  });

  it("reaches another service's code only through its package entry point, tests included", () => {
    const findings = [
      ...names.flatMap((service) =>
        ['src', 'test'].flatMap((folder) =>
          sourceFiles(join(root, 'services', service, folder)).flatMap((file) => crossServiceImportsIn(file, readFileSync(file, 'utf8'), service, names)),
        ),
      ),
      ...readdirSync(join(root, 'packages')).flatMap((name) =>
        ['src', 'test'].flatMap((folder) =>
          sourceFiles(join(root, 'packages', name, folder)).flatMap((file) => crossServiceImportsIn(file, readFileSync(file, 'utf8'), undefined, names)),
        ),
      ),
    ];
    expect(findings.map(where)).toEqual([]);
  });
});
