// Text appended to a file in 1 MiB writes, waiting for 'drain' when the file system is behind: the
// streaming cohort's spill (spill.ts) and its result files (sinks.ts AtomicFile) write one short text
// per subject, and a write() per subject costs more than the subject's JSON. A write error is kept and
// thrown by the next call (the stream's 'error' event would otherwise end the process).

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK = 1 << 20;

export class BufferedWriter {
  readonly out: WriteStream;
  private buf: string[] = [];
  private size = 0;
  /** Why the file could not be written (its folder missing, no permission…), once it failed. */
  failed?: NodeJS.ErrnoException;

  constructor(path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.out.on('error', (e) => { this.failed ??= e; });
  }

  async write(text: string): Promise<void> {
    if (this.failed) throw this.failed;
    this.buf.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  /** The buffered text written, then the file closed. */
  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    if (this.failed) throw this.failed;
  }

  /** The buffered text dropped and the file closed without waiting for it. */
  async destroy(): Promise<void> {
    this.buf = [];
    if (!this.out.closed) { const closed = once(this.out, 'close').catch(() => undefined); this.out.destroy(); await closed; }
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.buf.length) return;
    const text = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}
