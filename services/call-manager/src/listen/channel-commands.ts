import { callManager, type flowManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { HeldCall } from '../calls/live-call.js';
import type { CallRegistry } from '../calls/registry.js';
import type { Call } from '../contract.js';
import { checkNode, type MetaflowRunner } from '../metaflows/runner.js';

type CommandBody = { account_id?: string | undefined; action: string } & Record<string, unknown>;

export interface ChannelCommandDeps {
  registry: CallRegistry;
  metaflows: MetaflowRunner;
  /** Runs work on the call's queue, the media server's refusals made clear answers. */
  control(held: HeldCall, work: () => Promise<unknown>): Promise<Call>;
}

/** The live channel a command is about; another account's, or one gone, is not found. */
function heldChannel(registry: CallRegistry, id: string, accountId: string | undefined): HeldCall {
  const held = registry.byChannelId(id);
  if (!held || (accountId !== undefined && accountId !== '' && held.call.account_id !== accountId)) throw VoipError.notFound(`no live channel ${id}`);
  return held;
}

/**
 * Kazoo's channel commands (channels.md, cb_channels): `PUT` runs a metaflow node on the
 * live channel, `POST` one of the runtime actions, each carried out by the konami module
 * of the same name. The node is checked before the channel is looked up, so bad data is
 * a bad request whatever the channel.
 */
export class ChannelCommands {
  constructor(private readonly deps: ChannelCommandDeps) {}

  async metaflow(id: string, body: { account_id?: string | undefined; data: flowManager.CallflowNode }): Promise<callManager.Channel> {
    checkNode(body.data, 'data.');
    return this.runNode(id, body.account_id, body.data);
  }

  async command(id: string, body: CommandBody): Promise<callManager.Channel> {
    const node = this.nodeOf(body);
    checkNode(node, '');
    return this.runNode(id, body.account_id, node);
  }

  /** A POST's action as the konami node it runs: the body's other fields are the module's data. */
  private nodeOf(body: CommandBody): flowManager.CallflowNode {
    const data: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) if (key !== 'action' && key !== 'account_id') data[key] = value;
    if (!(callManager.channelMetaflowModules as readonly string[]).includes(body.action)) {
      throw VoipError.invalidArgument('action', `action: unknown channel action ${body.action.slice(0, 32)}`);
    }
    return { module: body.action, data };
  }

  private async runNode(id: string, accountId: string | undefined, node: flowManager.CallflowNode): Promise<callManager.Channel> {
    const held = heldChannel(this.deps.registry, id, accountId);
    await this.deps.control(held, () => this.deps.metaflows.run(held, node));
    return structuredClone(held.leg.channel);
  }
}
