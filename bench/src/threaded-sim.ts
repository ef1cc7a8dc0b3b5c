import { Worker } from 'node:worker_threads';
import type { EslSimulatorOptions, PlaceCallRequest, SimulatorAddresses } from '@voxmesh/esl-sim';

/** The calls bench's handle on esl-sim running in a worker thread (see esl-sim-worker.ts). */
export class ThreadedSimulator {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(options: EslSimulatorOptions) {
    this.worker = new Worker(new URL('./esl-sim-worker.js', import.meta.url), { workerData: options });
    this.worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
  }

  private ask<T>(op: string, ...args: unknown[]): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  start(): Promise<SimulatorAddresses> {
    return this.ask('start');
  }

  /** Resolves with the new call's uuid. */
  placeCall(request: PlaceCallRequest): Promise<string> {
    return this.ask('placeCall', request);
  }

  hangup(uuid: string): Promise<void> {
    return this.ask('hangup', uuid);
  }

  async stop(): Promise<void> {
    await this.ask('stop');
    await this.worker.terminate();
  }
}
