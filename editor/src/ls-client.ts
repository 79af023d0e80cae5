// The page's side of the worker protocol: typed `call(method, params)` returning a promise.

import type { Method, ReplyMsg, Requests } from './protocol.js';
import LsWorker from './worker.ts?worker';

export class LsClient {
  private worker = new LsWorker();
  private nextId = 1;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor() {
    this.worker.onmessage = (e: MessageEvent<ReplyMsg>) => {
      const w = this.waiting.get(e.data.id);
      if (!w) return;
      this.waiting.delete(e.data.id);
      if (e.data.error !== undefined) w.reject(new Error(e.data.error)); else w.resolve(e.data.result);
    };
  }

  call<M extends Method>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, params });
    });
  }
}
