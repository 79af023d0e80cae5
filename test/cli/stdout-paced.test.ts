// Results of a streamed roster printed to standard output are paced by its reader (issue 16, user
// trial U7-18: `kaohe eval S 180k.jsonl | gzip` held 1.49 GB, the whole output queued in the process,
// against 176 MB with `--out`): each chunk waits for the one before to be taken (IO.drained), so a
// slow pipe holds at most a chunk. Measured with a real pipe at 20,000 people (55 MB of JSON, a reader
// sleeping 25 s first): peak RSS 378 MB → 272 MB. The copy is eval-stream.ts printFile; that a streamed
// roster's results are printed with it: test/stream/cli.test.ts (standard output equals the file).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printFile } from '../../cli/commands/eval-stream.js';
import { memoryIO } from '../memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-paced-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('printing a streamed result to standard output', () => {
  it('writes a chunk only after the reader took the one before, and all of it', async () => {
    const text = '结果'.repeat(1 << 20); // 6 MiB of UTF-8: several chunks, characters across their edges
    writeFileSync(join(dir, 'r.json'), text);
    const events: string[] = [];
    const io = memoryIO();
    const out = io.out.bind(io);
    io.out = (t) => { events.push('out'); out(t); };
    io.drained = async () => { events.push('drained'); await new Promise((r) => setTimeout(r, 1)); };
    await printFile(io, join(dir, 'r.json'));
    expect(io.stdout === text).toBe(true);
    expect(events.filter((e) => e === 'out').length).toBeGreaterThan(3);
    for (let i = 0; i < events.length; i++) if (events[i] === 'out') expect(events[i + 1], `event ${i}`).toBe('drained');
  });

  it('prints all of it to an IO with nothing to wait for', async () => {
    writeFileSync(join(dir, 's.json'), 'x'.repeat(3 << 20));
    const io = memoryIO();
    await printFile(io, join(dir, 's.json'));
    expect(io.stdout.length).toBe(3 << 20);
  });
});
