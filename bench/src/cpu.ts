import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent by the bench's own process and by the local servers it talks to, so a
 * throughput figure can be read as "where did each call's CPU go". On a machine where
 * the servers share the cores with the bench, the sum per call bounds the throughput.
 * Linux only (it reads /proc); elsewhere, or for a server that runs elsewhere, the
 * figure is simply left out.
 */
const SERVERS: Record<string, string[]> = {
  rabbitmq: ['beam.smp'],
  mariadb: ['mariadbd', 'mysqld'],
  redis: ['redis-server'],
};

/** Kernel clock ticks per second for /proc's utime and stime: 100 on every common Linux build. */
const TICKS_PER_SECOND = 100;

export type CpuSample = Record<string, number>;

export class CpuMeter {
  private constructor(private readonly servers: Map<string, number[]>) {}

  /** Finds the local servers by process name; an unreadable /proc gives a meter of Node alone. */
  static open(): CpuMeter {
    const servers = new Map<string, number[]>();
    let entries: string[] = [];
    try {
      entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
    } catch {
      return new CpuMeter(servers);
    }
    for (const entry of entries) {
      let name: string;
      try {
        name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      } catch {
        continue;
      }
      for (const [server, names] of Object.entries(SERVERS)) {
        if (names.includes(name)) servers.set(server, [...(servers.get(server) ?? []), Number(entry)]);
      }
    }
    return new CpuMeter(servers);
  }

  /** Counts a process the bench started (a service run from its binary) under `name`, apart from the bench's own. */
  watch(name: string, pid: number): this {
    this.servers.set(name, [...(this.servers.get(name) ?? []), pid]);
    return this;
  }

  /** Microseconds of CPU used so far, by process: `node` (this process, every thread) and each server found. */
  sample(): CpuSample {
    const usage = process.cpuUsage();
    const sample: CpuSample = { node: usage.user + usage.system };
    for (const [server, pids] of this.servers) {
      let total = 0;
      for (const pid of pids) total += ticksOf(pid);
      if (Number.isFinite(total)) sample[server] = (total * 1_000_000) / TICKS_PER_SECOND;
    }
    return sample;
  }
}

function ticksOf(pid: number): number {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

/** Where a run's measured calls begin and end, so a warm-up's CPU is not counted. */
export interface MeasureWindow {
  begin(): void;
  end(): void;
}

/** Adds up CPU per side over several rounds, for a per-call figure at the end. */
export class CpuTally {
  private readonly spent = new Map<string, CpuSample>();
  private readonly calls = new Map<string, number>();

  constructor(private readonly meter: CpuMeter) {}

  /**
   * Adds the CPU `run` spends to `side`, with its calls. `run` marks where its measured
   * calls begin and end (after a warm-up whose calls it does not count), so the CPU
   * counted is the CPU those calls cost; without marks the whole run counts.
   */
  async measure<T extends { count: number }>(side: string, run: (window: MeasureWindow) => Promise<T>): Promise<T> {
    let before = this.meter.sample();
    let after: CpuSample | undefined;
    const result = await run({
      begin: () => {
        before = this.meter.sample();
      },
      end: () => {
        after = this.meter.sample();
      },
    });
    after ??= this.meter.sample();
    const spent = this.spent.get(side) ?? {};
    for (const [key, value] of Object.entries(after)) {
      const start = before[key];
      if (start !== undefined) spent[key] = (spent[key] ?? 0) + value - start;
    }
    this.spent.set(side, spent);
    this.calls.set(side, (this.calls.get(side) ?? 0) + result.count);
    return result;
  }

  /** Microseconds of CPU per call that `process` (node, rabbitmq, a watched service, …) spent on `side`. */
  perCall(side: string, process: string): number | undefined {
    const spent = this.spent.get(side)?.[process];
    const calls = this.calls.get(side) ?? 0;
    return spent === undefined || calls === 0 ? undefined : spent / calls;
  }

  /** Per call, in µs: `node 180 µs, rabbitmq 78 µs, …, total 310 µs`. */
  describe(side: string): string {
    const spent = this.spent.get(side);
    const calls = this.calls.get(side) ?? 0;
    if (!spent || calls === 0) return 'no calls';
    // A process idle on this side (another side's server) is left out.
    const parts = Object.entries(spent).map(([key, value]) => [key, value / calls] as const).filter(([, value]) => value >= 0.5);
    const total = parts.reduce((sum, [, value]) => sum + value, 0);
    return [...parts.map(([key, value]) => `${key} ${value.toFixed(0)} µs`), `total ${total.toFixed(0)} µs`].join(', ');
  }
}
