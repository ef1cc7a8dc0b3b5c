/** The parts of modesl (no types of its own) the tests use. */
declare module 'modesl' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  export class Event {
    getHeader(name: string): string | undefined;
    getBody(): string;
    getType(): string;
    serialize(format?: string): string;
  }

  export class Connection extends EventEmitter {
    constructor(host: string, port: number, password: string, ready?: () => void);
    api(command: string, args: string | string[], cb: (event: Event) => void): void;
    api(command: string, cb: (event: Event) => void): void;
    bgapi(command: string, args: string | string[], cb: (event: Event) => void): void;
    bgapi(command: string, cb: (event: Event) => void): void;
    events(type: 'plain' | 'json' | 'xml', events: string | string[], cb?: (event: Event) => void): void;
    filter(header: string, value: string, cb?: (event: Event) => void): void;
    execute(app: string, arg: string, uuid: string, cb?: (event: Event) => void): string;
    execute(app: string, arg: string, cb?: (event: Event) => void): string;
    sendRecv(command: string, args: Record<string, string> | null, cb?: (event: Event) => void): void;
    getInfo(): Event;
    disconnect(): void;
  }

  export class Server extends EventEmitter {
    constructor(options: { port?: number; host?: string; myevents?: boolean; server?: NetServer }, ready?: () => void);
    server: NetServer;
    close(cb?: () => void): void;
  }

  const modesl: { Connection: typeof Connection; Server: typeof Server; Event: typeof Event };
  export default modesl;
}
