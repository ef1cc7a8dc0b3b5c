import { randomUUID } from 'node:crypto';
import { VoipError } from '@voxmesh/wire';
import { readAction, type Action, type CallflowNode } from '../contract.js';
import { answer } from './modules/answer.js';
import { callflow } from './modules/callflow.js';
import { collectDtmf } from './modules/collect_dtmf.js';
import { hangup } from './modules/hangup.js';
import { menu } from './modules/menu.js';
import { pivot } from './modules/pivot.js';
import { play } from './modules/play.js';
import { prependCid } from './modules/prepend_cid.js';
import { recordCall } from './modules/record_call.js';
import { say } from './modules/say.js';
import { setCid } from './modules/set_cid.js';
import { sleep } from './modules/sleep.js';
import { temporalRoute } from './modules/temporal_route.js';
import { tts } from './modules/tts.js';
import { webhook } from './modules/webhook.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from './types.js';

export const kazooModules = [
  'answer',
  'callflow',
  'collect_dtmf',
  'hangup',
  'menu',
  'pivot',
  'play',
  'prepend_cid',
  'record_call',
  'say',
  'set_cid',
  'sleep',
  'temporal_route',
  'tts',
  'webhook',
] as const;
export type KazooModule = (typeof kazooModules)[number];

/** One compiler per supported module. */
const compilers = {
  answer,
  callflow,
  collect_dtmf: collectDtmf,
  hangup,
  menu,
  pivot,
  play,
  prepend_cid: prependCid,
  record_call: recordCall,
  say,
  set_cid: setCid,
  sleep,
  temporal_route: temporalRoute,
  tts,
  webhook,
} satisfies Record<KazooModule, ModuleCompiler>;

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
    const compiler = (compilers as Record<string, ModuleCompiler>)[node.module];
    if (!compiler) {
      throw VoipError.invalidArgument(`${path}.module`, `unknown callflow module ${JSON.stringify(node.module)}; supported: ${kazooModules.join(', ')}`);
    }
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
