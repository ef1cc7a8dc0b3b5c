import { Session } from 'node:inspector/promises';
import WebSocket from 'ws';

/**
 * Where a process's CPU goes, from V8's sampling profiler: each busy sample is given to
 * the first part its stack names, from the leaf up (a client library, JSON, the
 * collector, socket writes, the promise machinery), else to the project's own code.
 * Shares of the busy samples, so they apply to the CPU per operation read from /proc.
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface CpuShare {
  part: string;
  share: number;
}

const LIBRARIES: [RegExp, string][] = [
  [/secure-json-parse/, 'JSON parse'],
  [/ioredis|redis-parser|standard-as-callback/, 'ioredis'],
  [/mysql2|sqlstring|lru\.min/, 'mysql2'],
  [/amqplib/, 'amqplib'],
  [/\/esl@|\/esl\//, 'esl'],
  [/zod/, 'zod'],
  [/prom-client|packages\/telemetry/, 'metrics and logs'],
];

const SOCKET_WRITES = new Set(['writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writev']);
const PROMISES = new Set(['runMicrotasks', 'processTicksAndRejections']);

function partOf(byId: Map<number, CpuProfile['nodes'][number]>, parent: Map<number, number>, id: number): string | undefined {
  const leaf = byId.get(id)!.callFrame;
  if (leaf.functionName === '(idle)') return undefined;
  if (leaf.functionName === '(garbage collector)') return 'garbage collection';
  if (SOCKET_WRITES.has(leaf.functionName)) return 'socket writes';
  if (PROMISES.has(leaf.functionName)) return 'promises and ticks';
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const { url, functionName } = byId.get(at)!.callFrame;
    if (url === '' && functionName === 'parse') return 'JSON parse';
    if (url === '' && functionName === 'stringify') return 'JSON stringify';
    for (const [pattern, part] of LIBRARIES) if (pattern.test(url)) return part;
    const own = /\/(services|packages)\/([^/]+)\//.exec(url);
    if (own && !url.includes('node_modules')) return `${own[2]} (own code)`;
  }
  return 'node and V8 internals';
}

/** The busy samples' shares by part, largest first. */
export function cpuShares(profile: CpuProfile): CpuShare[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const time = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const part = partOf(byId, parent, id);
    if (part === undefined) return;
    const delta = profile.timeDeltas[index] ?? 0;
    busy += delta;
    time.set(part, (time.get(part) ?? 0) + delta);
  });
  if (busy === 0) return [];
  return [...time].map(([part, spent]) => ({ part, share: spent / busy })).sort((a, b) => b.share - a.share);
}

/**
 * `ioredis 21 µs (12%), garbage collection 18 µs (10%), …` given the CPU per call
 * (`perCallUs`), else shares alone; parts under 2% are folded into "other".
 */
export function describeShares(shares: CpuShare[], perCallUs?: number): string {
  const shown = shares.filter(({ share }) => share >= 0.02);
  const other = shares.filter(({ share }) => share < 0.02).reduce((sum, { share }) => sum + share, 0);
  const one = (part: string, share: number) => (perCallUs === undefined ? `${part} ${(share * 100).toFixed(0)}%` : `${part} ${(share * perCallUs).toFixed(0)} µs (${(share * 100).toFixed(0)}%)`);
  const parts = shown.map(({ part, share }) => one(part, share));
  if (other > 0) parts.push(one('other', other));
  return parts.join(', ');
}

/** Profiles `work` in this process. */
export async function profileHere(work: () => Promise<void>): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    await work();
    const { profile } = await session.post('Profiler.stop');
    return profile as unknown as CpuProfile;
  } finally {
    session.disconnect();
  }
}

/**
 * Profiles `work` in another Node process started with `--inspect=127.0.0.1:0`, through
 * the inspector's websocket (`inspectorUrl` is the `ws://…` address it printed).
 */
export async function profileProcess(inspectorUrl: string, work: () => Promise<void>): Promise<CpuProfile> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return;
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) pending?.reject(new Error(message.error.message));
    else pending?.resolve(message.result);
  });
  const post = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    await work();
    const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
    return profile;
  } finally {
    socket.close();
  }
}
