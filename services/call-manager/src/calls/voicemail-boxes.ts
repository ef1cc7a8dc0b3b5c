import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import * as fs from '../esl/commands.js';
import type { MediaServer } from '../esl/media-server.js';

type Vmbox = customerManager.Vmbox;

const TIMEOUT_MS = 2000;
const PAGE_SIZE = 500;

/**
 * Voicemail boxes as a call uses them: customer-manager keeps the boxes and their
 * messages; this stores a message a caller left and lights the box owner's phones
 * (MESSAGE_WAITING on the media server, which mod_sofia turns into a NOTIFY).
 */
export class VoicemailBoxes {
  constructor(
    private readonly client: RpcClient<customerManager.CustomerManagerRoutes>,
    private readonly mediaServer: (address: string) => MediaServer | undefined,
    private readonly logger: Logger,
  ) {}

  /** The box, or undefined when the account has none by that id. */
  async box(accountId: string, id: string): Promise<Vmbox | undefined> {
    try {
      return await this.client.call('getVmbox', { params: { account_id: accountId, id } }, { timeoutMs: TIMEOUT_MS });
    } catch (error) {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** Stores the message; `full` when the box takes no more. */
  async store(box: Vmbox, message: customerManager.VmMessageInput): Promise<'stored' | 'full'> {
    try {
      await this.client.call('createVmMessage', { params: { account_id: box.account_id, id: box.id }, body: message }, { timeoutMs: TIMEOUT_MS });
      return 'stored';
    } catch (error) {
      if (error instanceof VoipError && error.reason === 'VMBOX_FULL') return 'full';
      throw error;
    }
  }

  /** The box's messages in a folder, oldest first. */
  async messages(box: Vmbox, folder: 'new' | 'saved'): Promise<customerManager.VmMessage[]> {
    const page = await this.client.call('listVmMessages', { params: { account_id: box.account_id, id: box.id }, query: { folder, page_size: PAGE_SIZE } }, { timeoutMs: TIMEOUT_MS });
    return page.result.sort((a, b) => a.timestamp - b.timestamp);
  }

  async move(box: Vmbox, messageId: string, folder: 'saved'): Promise<void> {
    await this.client.call('patchVmMessage', { params: { account_id: box.account_id, id: box.id, message_id: messageId }, body: { folder } }, { timeoutMs: TIMEOUT_MS });
  }

  async remove(box: Vmbox, messageId: string): Promise<void> {
    await this.client.call('deleteVmMessage', { params: { account_id: box.account_id, id: box.id, message_id: messageId } }, { timeoutMs: TIMEOUT_MS });
  }

  /** Tells the owner's devices how many messages wait, through the media server the call is on. */
  async notifyOwner(box: Vmbox, mediaServer: string): Promise<void> {
    const server = this.mediaServer(mediaServer);
    if (!box.owner_id || !server?.connected) return;
    const counts = await this.counts(box);
    const devices = await this.devicesOf(box.account_id, box.owner_id);
    for (const device of devices) {
      await server.sendEvent('MESSAGE_WAITING', fs.messageWaiting(device.sip.username, device.sip.realm, counts)).catch((error: unknown) => {
        this.logger.warn({ err: error, vmbox_id: box.id, device_id: device.id }, 'message waiting not sent');
      });
    }
  }

  private async counts(box: Vmbox): Promise<{ new: number; saved: number }> {
    const count = async (folder: 'new' | 'saved') =>
      (await this.client.call('listVmMessages', { params: { account_id: box.account_id, id: box.id }, query: { folder, page_size: PAGE_SIZE } }, { timeoutMs: TIMEOUT_MS })).result.length;
    return { new: await count('new'), saved: await count('saved') };
  }

  private async devicesOf(accountId: string, ownerId: string): Promise<customerManager.Device[]> {
    const owned: customerManager.Device[] = [];
    let startKey: string | undefined;
    do {
      const page = await this.client.call('listDevices', { params: { account_id: accountId }, query: { page_size: PAGE_SIZE, ...(startKey ? { start_key: startKey } : {}) } }, { timeoutMs: TIMEOUT_MS });
      owned.push(...page.result.filter((device) => device.owner_id === ownerId && device.enabled));
      startKey = page.next_start_key;
    } while (startKey !== undefined);
    return owned;
  }
}
