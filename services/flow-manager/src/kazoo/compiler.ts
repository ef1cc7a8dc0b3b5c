import { randomUUID } from 'node:crypto';
import { VoipError } from '@voxmesh/wire';
import { callflowModules, isCallflowModule, readAction, type Action, type CallflowNode } from '../contract.js';
import { moduleCompilers } from './modules/index.js';
import type { EmittedAction, ModuleContext } from './types.js';

const RESULT = 'voipbin.action.result';

interface Pending {
  node: CallflowNode;
  path: string;
  entry: string;
}

/**
 * Compiles a Kazoo callflow tree into a flat action list the engine runs like any flow.
 * Each node becomes its module's actions; its children become where those actions go
 * next: the `_` child by `next_id`, the others through the module's own choice (menu
 * digits, temporal rules) or a branch on the module's result. A node with nowhere to go
 * ends in a `stop`, which hangs the call up, as Kazoo does when `_` is missing.
 */
export function compileCallflow(root: CallflowNode, rootPath = 'flow'): Action[] {
  const actions: EmittedAction[] = [];
  const queue: Pending[] = [{ node: root, path: rootPath, entry: randomUUID() }];
  let end: string | undefined;
  while (queue.length > 0) {
    const { node, path, entry } = queue.shift()!;
    if (!isCallflowModule(node.module)) {
      throw VoipError.invalidArgument(`${path}.module`, `unknown callflow module ${JSON.stringify(node.module)}; supported: ${callflowModules.join(', ')}`);
    }
    const compiler = moduleCompilers[node.module];
    const children = node.children ?? {};
    const reserved = new Map<string, string>();
    const child = (key: string): string | undefined => {
      const target = children[key];
      if (!target) return undefined;
      let id = reserved.get(key);
      if (id === undefined) {
        id = randomUUID();
        reserved.set(key, id);
        queue.push({ node: target, path: `${path}.children.${key}`, entry: id });
      }
      return id;
    };
    const next = () => child('_') ?? (end ??= randomUUID());
    let emitted = 0;
    const context: ModuleContext = {
      path,
      data: node.data ?? {},
      childKeys: Object.keys(children),
      emit(type, option) {
        const read = readAction({ type, option });
        if (!read.ok) throw VoipError.invalidArgument(`${path}.data`, `${node.module}: ${read.issue.message}`);
        const action: EmittedAction = { id: emitted === 0 ? entry : randomUUID(), type, option: read.action.option as Record<string, unknown> };
        emitted++;
        actions.push(action);
        return action;
      },
      child,
      next,
      invalid(field, message) {
        throw VoipError.invalidArgument(`${path}.data.${field}`, `${node.module}: data.${field} ${message}`);
      },
    };
    const exit = compiler.compile(context);
    if (emitted === 0) throw VoipError.internal(`callflow module ${node.module} emitted nothing`);
    if (!compiler.routesChildren && exit) {
      const others = Object.keys(children).filter((key) => key !== '_');
      if (others.length === 0) exit.next_id = next();
      else {
        const targets = Object.fromEntries(others.map((key) => [key, child(key)!]));
        const choose = context.emit('branch', { variable: compiler.resultVariable ?? RESULT, target_ids: targets, default_target_id: next() });
        exit.next_id = choose.id;
      }
    }
  }
  if (end !== undefined) actions.push({ id: end, type: 'stop', option: {} });
  return actions as Action[];
}
