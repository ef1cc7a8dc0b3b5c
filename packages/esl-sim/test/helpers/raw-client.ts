import net from 'node:net';

/** One message from the switch: its outer headers, its body, and the exact bytes. */
export interface Frame {
  headers: Record<string, string>;
  body: string;
  raw: Buffer;
}

/** Headers of a plain-format event body, URL-decoded. */
export function plainEventHeaders(body: string): Record<string, string> {
  const end = body.indexOf('\n\n');
  const headers: Record<string, string> = {};
  for (const line of body.slice(0, end < 0 ? body.length : end).split('\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) headers[line.slice(0, colon)] = decodeURIComponent(line.slice(colon + 2));
  }
  return headers;
}

/**
 * A client that speaks the event socket at the byte level, independent of any ESL
 * library: it frames by blank line and Content-Length and keeps every frame's bytes.
 */
export class RawClient {
  private buffer = Buffer.alloc(0);
  private readonly frames: Frame[] = [];
  private readonly waiters: (() => void)[] = [];
  private ended = false;
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Wraps a socket accepted by a test's own server (outbound mode). */
  static wrap(socket: net.Socket): RawClient {
    return new RawClient(socket);
  }

  private parse(): void {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const headers: Record<string, string> = {};
      for (const line of this.buffer.toString('utf8', 0, end).split('\n')) {
        const colon = line.indexOf(': ');
        if (colon > 0) headers[line.slice(0, colon)] = line.slice(colon + 2);
      }
      const length = Number(headers['Content-Length'] ?? 0);
      if (this.buffer.length < end + 2 + length) return;
      const raw = this.buffer.subarray(0, end + 2 + length);
      this.frames.push({ headers, body: this.buffer.toString('utf8', end + 2, end + 2 + length), raw: Buffer.from(raw) });
      this.buffer = this.buffer.subarray(end + 2 + length);
      this.wake();
    }
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  send(text: string): void {
    this.socket.write(text);
  }

  /** The next frame that satisfies `predicate`; frames before it are dropped. */
  async next(predicate: (frame: Frame) => boolean = () => true, timeoutMs = 3000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(predicate);
      if (index >= 0) {
        const frame = this.frames[index]!;
        this.frames.splice(0, index + 1);
        return frame;
      }
      if (this.ended) throw new Error('socket closed while waiting for a frame');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every frame up to and including the first that satisfies `predicate`. */
  async until(predicate: (frame: Frame) => boolean, timeoutMs = 3000): Promise<Frame[]> {
    const taken: Frame[] = [];
    await this.next((frame) => {
      taken.push(frame);
      return predicate(frame);
    }, timeoutMs);
    return taken;
  }

  /** The next event frame whose Event-Name (and optional header test) matches. */
  async event(name: string, test: (headers: Record<string, string>) => boolean = () => true, timeoutMs = 3000): Promise<Record<string, string>> {
    const frame = await this.next((f) => {
      if (f.headers['Content-Type'] !== 'text/event-plain') return false;
      const headers = plainEventHeaders(f.body);
      return headers['Event-Name'] === name && test(headers);
    }, timeoutMs);
    return plainEventHeaders(frame.body);
  }

  /** Frames already received and not yet taken. */
  pending(): Frame[] {
    return [...this.frames];
  }

  /** Sends a command and returns its command/reply. */
  async command(text: string): Promise<Frame> {
    this.send(`${text}\n\n`);
    return this.next((f) => f.headers['Content-Type'] === 'command/reply');
  }

  /** Sends `api` and returns the body of its api/response. */
  async api(command: string): Promise<string> {
    this.send(`api ${command}\n\n`);
    return (await this.next((f) => f.headers['Content-Type'] === 'api/response', 10_000)).body;
  }

  /** Connects and authenticates as an inbound client. */
  static async login(port: number, password = 'ClueCon'): Promise<RawClient> {
    const client = await RawClient.connect(port);
    await client.next((f) => f.headers['Content-Type'] === 'auth/request');
    const reply = await client.command(`auth ${password}`);
    if (reply.headers['Reply-Text'] !== '+OK accepted') throw new Error(`auth failed: ${reply.headers['Reply-Text']}`);
    return client;
  }

  async close(): Promise<void> {
    this.socket.end();
    this.socket.destroy();
    await this.closed;
  }
}
