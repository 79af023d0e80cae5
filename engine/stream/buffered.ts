// Text and bytes appended to a file in 1 MiB writes, waiting for 'drain' when the file system is
// behind: the streaming cohort's spill (spill.ts) and its result files (sinks.ts AtomicFile) write one
// short piece per subject, and a write() per subject costs more than the subject's JSON. Pieces are
// copied into one buffer as UTF-8 (text) or as they are (bytes: a spilled line copied to the results
// without decoding it, issue 16); a full buffer is handed to the file and another taken (one the file
// has written, when there is one). A write error is kept and thrown by the next call (the stream's
// 'error' event would otherwise end the process).

import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK = 1 << 20;
const NEWLINE = Buffer.from('\n');

export class BufferedWriter {
  readonly out: WriteStream;
  private buf: Buffer;
  private size = 0;
  /** Bytes handed to the file so far (`written` adds those still buffered). */
  private handed = 0;
  /** Buffers the file has written, taken again (a fresh 1 MiB per write is external memory V8 must
   * collect: in a million-subject cohort that cost more than the copying). */
  private readonly spare: Buffer[];
  /** Why the file could not be written (its folder missing, no permission…), once it failed. */
  failed?: NodeJS.ErrnoException;

  /** `mode`: the new file's permissions (less the umask); 0o600 for what only this user may read.
   * `spare`: the list of spare buffers, shared by writers one after another (spill.ts segments: each
   * writer's own would be 1–5 MiB of external memory until V8 collected it — 1M cohort: 160 MB more). */
  constructor(path: string, mode = 0o666, spare: Buffer[] = []) {
    this.spare = spare;
    this.buf = spare.pop() ?? Buffer.allocUnsafe(CHUNK);
    // Opened now, not by the stream a moment later: a file that exists once it is registered is one
    // an interrupt removes (litter.ts; it was created after the removal). Created, never reused
    // ('wx': O_CREAT|O_EXCL): a name someone planted — a symbolic link to a file of theirs or ours — is
    // refused, not followed and overwritten (hostile audit H6 F6). Not opened: the stream tries again
    // the same way and reports why.
    let fd: number | undefined;
    try { fd = openSync(path, 'wx', mode); } catch { /* reported by the stream */ }
    this.out = createWriteStream(path, fd === undefined ? { flags: 'wx', mode } : { fd });
    this.out.on('error', (e) => { this.failed ??= e; });
  }

  /** Bytes taken so far, written or buffered (spill.ts cuts its file into segments by it). */
  get written(): number { return this.handed + this.size; }

  /** Appends text (UTF-8); a promise only when the buffer was handed to the file and it is behind. */
  write(text: string): void | Promise<void> {
    if (this.failed) throw this.failed;
    if (text.length * 3 > CHUNK - this.size) { // a UTF-16 unit is at most 3 bytes of UTF-8
      const w = this.flush();
      if (text.length * 3 > CHUNK) return this.after(w, () => this.hand(Buffer.from(text, 'utf8')));
      if (w) return w.then(() => { this.size += this.buf.write(text, this.size, 'utf8'); });
    }
    this.size += this.buf.write(text, this.size, 'utf8');
  }

  /** Appends bytes (copied: the caller may reuse them). */
  bytes(b: Buffer): void | Promise<void> {
    if (this.failed) throw this.failed;
    if (b.length > CHUNK - this.size) {
      const w = this.flush();
      if (b.length > CHUNK) return this.after(w, () => this.hand(Buffer.from(b)));
      if (w) return w.then(() => { this.size += b.copy(this.buf, this.size); });
    }
    this.size += b.copy(this.buf, this.size);
  }

  /** Appends one line: `src` with `text` in place of its bytes [at, at + cut), then a newline — a
   * spilled result with its rank put in (cohort-stream.ts pass 2), copied without a view or a piece
   * made for each part. `src` is read before the returned promise settles only when none is returned. */
  line(src: Buffer, at: number, cut: number, text: string): void | Promise<void> {
    if (this.failed) throw this.failed;
    const need = src.length - cut + text.length * 3 + 1;
    if (need > CHUNK - this.size) {
      const whole = Buffer.concat([src.subarray(0, at), Buffer.from(text, 'utf8'), src.subarray(at + cut), NEWLINE]); // before src is reused
      const w = this.flush();
      if (need > CHUNK) return this.after(w, () => this.hand(whole));
      if (w) return w.then(() => { this.size += whole.copy(this.buf, this.size); });
      this.size += whole.copy(this.buf, this.size);
      return;
    }
    this.size += src.copy(this.buf, this.size, 0, at);
    this.size += this.buf.write(text, this.size, 'utf8');
    this.size += src.copy(this.buf, this.size, at + cut);
    this.buf[this.size++] = 10;
  }

  /** The buffered bytes written, then the file closed. */
  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    if (this.failed) throw this.failed;
    if (this.spare.length < 4) this.spare.push(this.buf); // empty since the flush: the next writer's
  }

  /** The buffered bytes dropped and the file closed without waiting for it. */
  async destroy(): Promise<void> {
    this.size = 0;
    if (!this.out.closed) { const closed = once(this.out, 'close').catch(() => undefined); this.out.destroy(); await closed; }
  }

  private after(w: Promise<void> | undefined, then: () => Promise<void> | undefined): Promise<void> {
    return w ? w.then(then) : then() ?? Promise.resolve();
  }

  /** The buffer handed to the file (a fresh one taken); a promise when the file is behind. */
  private flush(): Promise<void> | undefined {
    if (this.failed) throw this.failed;
    if (!this.size) return undefined;
    const full = this.buf, size = this.size;
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK);
    this.size = 0;
    return this.hand(full.subarray(0, size), full);
  }

  private hand(b: Buffer, reuse?: Buffer): Promise<void> | undefined {
    this.handed += b.length;
    const more = this.out.write(b, reuse && ((err) => { if (!err && this.spare.length < 4) this.spare.push(reuse); }));
    return more ? undefined : once(this.out, 'drain').then(() => undefined);
  }
}
