import type { customerManager } from '@voxmesh/contracts';
import { isDuplicateKey } from '@voxmesh/store';
import { VoipError } from '@voxmesh/wire';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { accountNotFound, notUnique } from './errors.js';
import { newId } from './secrets.js';

type Vmbox = customerManager.Vmbox;
type VmboxInput = customerManager.VmboxInput;
type VmboxPatch = customerManager.VmboxPatch;
type VmMessage = customerManager.VmMessage;

/** Kazoo counts time in Gregorian seconds. */
const GREGORIAN_OFFSET_SECONDS = 62_167_219_200;
/** Kazoo's default `max_message_count`. */
const DEFAULT_MAX_MESSAGES = 100;

export interface VmboxServiceOptions {
  database: Database;
}

/** Voicemail boxes (Kazoo's `vmboxes`) and the messages left in them. */
export class VmboxService {
  constructor(private readonly options: VmboxServiceOptions) {}

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Vmbox>> {
    await this.account(accountId);
    return this.stores.vmboxes.list(accountId, size, startKey);
  }

  get(accountId: string, id: string): Promise<Vmbox> {
    return this.box(accountId, id);
  }

  async create(accountId: string, input: VmboxInput): Promise<Vmbox> {
    await this.account(accountId);
    await this.owner(accountId, input.owner_id);
    const now = nowIso();
    const box: Vmbox = { id: newId(), account_id: accountId, ...input, created: now, updated: now };
    await this.options.database.transaction(async (stores) => {
      await this.unique(() => stores.vmboxes.insert(box), box.mailbox);
      await stores.events.record('vmbox_created', box);
    });
    return box;
  }

  replace(accountId: string, id: string, input: VmboxInput): Promise<Vmbox> {
    return this.change(accountId, id, (current) => ({ id, account_id: accountId, ...input, created: current.created, updated: current.updated }));
  }

  patch(accountId: string, id: string, patch: VmboxPatch): Promise<Vmbox> {
    return this.change(accountId, id, (current) => {
      const next: Record<string, unknown> = { ...current };
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete next[key];
        else if (value !== undefined) next[key] = value;
      }
      return next as Vmbox;
    });
  }

  async delete(accountId: string, id: string): Promise<Vmbox> {
    const box = await this.box(accountId, id);
    await this.options.database.transaction(async (stores) => {
      await stores.vmboxes.delete(accountId, id);
      await stores.events.record('vmbox_deleted', box);
    });
    return box;
  }

  async listMessages(accountId: string, id: string, folder: string | undefined, size: number, startKey: string | undefined): Promise<Page<VmMessage>> {
    await this.box(accountId, id);
    return this.stores.vmboxes.listMessages(accountId, id, folder, size, startKey);
  }

  /** A message a caller left; a full box refuses it (the caller was told it was full). */
  async createMessage(accountId: string, id: string, input: customerManager.VmMessageInput): Promise<VmMessage> {
    const box = await this.box(accountId, id);
    const counts = await this.stores.vmboxes.countMessages(accountId, id);
    if (counts.new + counts.saved >= (box.max_message_count ?? DEFAULT_MAX_MESSAGES)) throw VoipError.conflict(`voicemail box ${id} is full`, 'VMBOX_FULL');
    const message: VmMessage = {
      media_id: newId(),
      vmbox_id: id,
      account_id: accountId,
      folder: 'new',
      timestamp: Math.floor(Date.now() / 1000) + GREGORIAN_OFFSET_SECONDS,
      ...input,
    };
    await this.options.database.transaction(async (stores) => {
      await stores.vmboxes.insertMessage(message);
      await stores.events.record('mailbox_message_created', message);
    });
    return message;
  }

  async getMessage(accountId: string, id: string, messageId: string): Promise<VmMessage> {
    await this.box(accountId, id);
    const message = await this.stores.vmboxes.getMessage(accountId, id, messageId);
    if (!message) throw VoipError.notFound(`message ${messageId} is not in voicemail box ${id}`);
    return message;
  }

  /**
   * Kazoo's change of a message: a new `folder`; or, with `source_id`, the message moved
   * to that box (arriving as new, unless a folder is given), or copied to each box of a
   * list. A full box refuses, as it refuses a caller's message; the reply is the message
   * where it now is (the original, for a copy).
   */
  async changeMessage(accountId: string, id: string, messageId: string, change: customerManager.VmMessagePatch): Promise<VmMessage> {
    const message = await this.getMessage(accountId, id, messageId);
    const target = change.source_id;
    if (target === undefined || target === id) return this.setFolder(message, change.folder ?? message.folder);
    if (typeof target === 'string') {
      await this.roomIn(accountId, target, 'source_id');
      const moved: VmMessage = { ...message, vmbox_id: target, folder: change.folder ?? 'new' };
      await this.options.database.transaction(async (stores) => {
        await stores.vmboxes.moveMessage({ ...message, folder: moved.folder }, target);
        await stores.events.record('mailbox_message_updated', moved);
      });
      return moved;
    }
    for (const [index, box] of target.entries()) await this.roomIn(accountId, box, `source_id.${index}`);
    const copies = target.map((box): VmMessage => ({ ...message, media_id: newId(), vmbox_id: box, folder: change.folder ?? 'new' }));
    await this.options.database.transaction(async (stores) => {
      for (const copy of copies) {
        await stores.vmboxes.insertMessage(copy);
        await stores.events.record('mailbox_message_created', copy);
      }
    });
    return message;
  }

  private async setFolder(message: VmMessage, folder: VmMessage['folder']): Promise<VmMessage> {
    const changed = { ...message, folder };
    await this.options.database.transaction(async (stores) => {
      await stores.vmboxes.setFolder(changed);
      await stores.events.record('mailbox_message_updated', changed);
    });
    return changed;
  }

  /** A box of the account with room for one more message; else a 400 naming the field, or 409 when full. */
  private async roomIn(accountId: string, boxId: string, field: string): Promise<void> {
    const box = await this.stores.vmboxes.get(accountId, boxId);
    if (!box) throw VoipError.invalidArgument(field, `voicemail box ${boxId} does not exist in this account`);
    const counts = await this.stores.vmboxes.countMessages(accountId, boxId);
    if (counts.new + counts.saved >= (box.max_message_count ?? DEFAULT_MAX_MESSAGES)) throw VoipError.conflict(`voicemail box ${boxId} is full`, 'VMBOX_FULL');
  }

  async deleteMessage(accountId: string, id: string, messageId: string): Promise<VmMessage> {
    const message = await this.getMessage(accountId, id, messageId);
    await this.options.database.transaction(async (stores) => {
      await stores.vmboxes.deleteMessage(message);
      await stores.events.record('mailbox_message_deleted', message);
    });
    return message;
  }

  private async change(accountId: string, id: string, apply: (current: Vmbox) => Vmbox): Promise<Vmbox> {
    const current = await this.box(accountId, id);
    const box = { ...apply(current), updated: nowIso() };
    if (box.owner_id !== current.owner_id) await this.owner(accountId, box.owner_id);
    await this.options.database.transaction(async (stores) => {
      await this.unique(() => stores.vmboxes.update(box), box.mailbox);
      await stores.events.record('vmbox_updated', box);
    });
    return box;
  }

  private async owner(accountId: string, ownerId: string | undefined): Promise<void> {
    if (ownerId === undefined) return;
    if (!(await this.stores.users.get(accountId, ownerId))) throw VoipError.invalidArgument('owner_id', `user ${ownerId} does not exist in this account`);
  }

  private async account(accountId: string): Promise<void> {
    if (!(await this.stores.accounts.get(accountId))) throw accountNotFound(accountId);
  }

  private async box(accountId: string, id: string): Promise<Vmbox> {
    await this.account(accountId);
    const box = await this.stores.vmboxes.get(accountId, id);
    if (!box) throw VoipError.notFound(`voicemail box ${id} does not exist in account ${accountId}`);
    return box;
  }

  private async unique(write: () => Promise<void>, mailbox: string): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isDuplicateKey(error)) throw notUnique('mailbox', `mailbox ${mailbox} is taken in this account`);
      throw error;
    }
  }
}
