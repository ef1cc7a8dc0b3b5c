/**
 * The channel flags by which uuid_break reaches the application running: CF_BREAK
 * (taken by the next media loop that looks, cleared when an application starts),
 * CF_BROADCAST (an application started by a queued message runs) and
 * CF_STOP_BROADCAST (uuid_break asked that application to stop).
 */
export class BreakFlags {
  private breakRequested = false;
  /** When the pending CF_BREAK was set (real ms). */
  private requestedAt = 0;
  private broadcasting = false;
  private stopBroadcast = false;

  /**
   * uuid_break (mod_commands.c, break_function): switch_channel_stop_broadcast when an
   * application started by a queued message runs (CF_STOP_BROADCAST and CF_BREAK),
   * else CF_BREAK alone.
   */
  request(): void {
    if (this.broadcasting) this.stopBroadcast = true;
    this.breakRequested = true;
    this.requestedAt = Date.now();
  }

  /** How long (real ms) a CF_BREAK nobody took has been pending; 0 for none. */
  pendingMs(): number {
    return this.breakRequested ? Date.now() - this.requestedAt : 0;
  }

  /** Takes CF_BREAK: true when a break was asked for and nobody took it yet. */
  take(): boolean {
    const requested = this.breakRequested;
    this.breakRequested = false;
    return requested;
  }

  /** switch_core_session_exec clears CF_BREAK as an application starts. */
  applicationStarted(): void {
    this.breakRequested = false;
  }

  /**
   * switch_ivr_parse_event for an execute: each queued execute clears CF_STOP_BROADCAST
   * (a uuid_break meant for the application it runs inside is forgotten), the outermost
   * one (or any on a bridged channel) owns CF_BROADCAST, and one stopped by uuid_break
   * leaves CF_BREAK set.
   */
  async queuedExecute(bridged: boolean, run: () => Promise<void>): Promise<void> {
    this.stopBroadcast = false;
    const inner = this.broadcasting && !bridged;
    this.broadcasting = true;
    try {
      await run();
    } finally {
      if (!inner) this.broadcasting = false;
      if (this.stopBroadcast) {
        this.broadcasting = false;
        this.breakRequested = true;
        this.requestedAt = Date.now();
      }
    }
  }
}
