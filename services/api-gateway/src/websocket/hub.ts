import type { Principal } from '../http/types.js';
import { matches, nameOf, routingKeyOf, type Binding, type LiveEvent } from './bindings.js';

/** The account a subscription listens to; `*` is the master's "every account". */
export interface Subscription {
  session: SocketSession;
  accountId: string;
  binding: Binding;
}

/** What the hub needs of a socket: where to send, and what it holds. */
export interface SocketSession {
  readonly id: string;
  readonly source: string;
  readonly connectedAt: string;
  principal: Principal | undefined;
  name: string | undefined;
  metadata: Record<string, unknown> | undefined;
  /** Sends a frame; false when the socket is too far behind and the frame was dropped. */
  send(frame: Record<string, unknown>): boolean;
}

/** Subscriptions a socket may hold (blackhole has no cap; an unbounded list is a memory leak). */
export const MAX_BINDINGS_PER_SOCKET = 100;

/**
 * The sockets of this replica and their subscriptions, indexed by account so an event
 * touches only the sockets that listen to its accounts.
 */
export class Hub {
  private readonly sessions = new Map<string, SocketSession>();
  private readonly bySession = new Map<string, Map<string, Subscription>>();
  private readonly byAccount = new Map<string, Set<Subscription>>();

  constructor(private readonly onDelivery: (sent: boolean) => void = () => undefined) {}

  add(session: SocketSession): void {
    this.sessions.set(session.id, session);
    this.bySession.set(session.id, new Map());
  }

  remove(session: SocketSession): void {
    for (const subscription of this.bySession.get(session.id)?.values() ?? []) this.unindex(subscription);
    this.bySession.delete(session.id);
    this.sessions.delete(session.id);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Adds bindings; answers the session's bindings afterwards, or the error that stopped it. */
  subscribe(session: SocketSession, accountId: string, bindings: Binding[]): { ok: true } | { ok: false; error: string } {
    const own = this.bySession.get(session.id);
    if (!own) return { ok: false, error: 'socket is closed' };
    const fresh = bindings.filter((binding) => !own.has(key(accountId, binding.text)));
    if (own.size + fresh.length > MAX_BINDINGS_PER_SOCKET) return { ok: false, error: `a socket holds at most ${MAX_BINDINGS_PER_SOCKET} bindings` };
    for (const binding of fresh) {
      const subscription: Subscription = { session, accountId, binding };
      own.set(key(accountId, binding.text), subscription);
      let set = this.byAccount.get(accountId);
      if (!set) this.byAccount.set(accountId, (set = new Set()));
      set.add(subscription);
    }
    return { ok: true };
  }

  /** Removes the named bindings, or every binding of the account when none is named, or every binding when no account is. */
  unsubscribe(session: SocketSession, accountId: string | undefined, bindings: string[] | undefined): string[] {
    const own = this.bySession.get(session.id);
    if (!own) return [];
    const removed: string[] = [];
    for (const [subscriptionKey, subscription] of own) {
      if (accountId !== undefined && subscription.accountId !== accountId) continue;
      if (bindings !== undefined && !bindings.includes(subscription.binding.text)) continue;
      own.delete(subscriptionKey);
      this.unindex(subscription);
      removed.push(subscription.binding.text);
    }
    return removed;
  }

  bindingsOf(session: SocketSession, accountId?: string): string[] {
    const texts = [...(this.bySession.get(session.id)?.values() ?? [])]
      .filter((subscription) => accountId === undefined || subscription.accountId === accountId)
      .map((subscription) => subscription.binding.text);
    return [...new Set(texts)];
  }

  /** The sockets with a binding on the account. */
  sessionsOf(accountId: string): SocketSession[] {
    const found = new Set<SocketSession>();
    for (const subscription of this.byAccount.get(accountId) ?? []) found.add(subscription.session);
    return [...found];
  }

  session(id: string): SocketSession | undefined {
    return this.sessions.get(id);
  }

  /** One frame per matching binding, as blackhole sends them. */
  deliver(event: LiveEvent): number {
    let sent = 0;
    const routingKey = routingKeyOf(event);
    const name = nameOf(event);
    const candidates = [...event.accounts.map((account) => this.byAccount.get(account)), this.byAccount.get('*')];
    for (const set of candidates) {
      for (const subscription of set ?? []) {
        if (!matches(subscription.binding, event)) continue;
        const ok = subscription.session.send({
          action: 'event',
          subscribed_key: subscription.binding.text,
          subscription_key: `${subscription.accountId}.${subscription.binding.text}`,
          name,
          routing_key: routingKey,
          data: event.data,
        });
        this.onDelivery(ok);
        if (ok) sent++;
      }
    }
    return sent;
  }

  /** Sockets whose token was revoked or whose account went away stop hearing at once. */
  dropPrincipal(predicate: (principal: Principal) => boolean): void {
    for (const session of this.sessions.values()) {
      if (!session.principal || !predicate(session.principal)) continue;
      for (const subscription of this.bySession.get(session.id)?.values() ?? []) this.unindex(subscription);
      this.bySession.set(session.id, new Map());
      session.principal = undefined;
    }
  }

  private unindex(subscription: Subscription): void {
    const set = this.byAccount.get(subscription.accountId);
    if (!set) return;
    set.delete(subscription);
    if (set.size === 0) this.byAccount.delete(subscription.accountId);
  }
}

function key(accountId: string, binding: string): string {
  return `${accountId}\u0000${binding}`;
}
