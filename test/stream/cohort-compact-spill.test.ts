// The spill in segments (engine/stream/spill.ts): pass 2 reads the lines back in order across any
// number of segment files — a line never split between two — and removes each segment once read, so
// the results it writes reuse that memory (issue 16, session 9). Lines of any length and script, any
// segment size (one byte: a segment a line), and a line longer than the reader's 1 MiB buffer.

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SpillReader, SpillWriter } from '../../engine/stream/spill.js';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-spill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function spilled(lines: string[], segmentBytes: number): Promise<{ path: string; segments: number }> {
  const w = new SpillWriter(join(dir, `s${n++}`), segmentBytes);
  for (const l of lines) { const p = w.add(l); if (p) await p; }
  await w.close();
  return { path: w.path, segments: w.segments };
}

describe('the spill in segments', () => {
  it('reads every line back in order and removes each segment once it is read', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `{"id":"P${i}","名":"${'优'.repeat(i * 3)}","rank":null,"x":${i}}`);
    const { path, segments } = await spilled(lines, 200);
    expect(segments).toBeGreaterThan(5);
    expect(readdirSync(dir).filter((f) => f.startsWith(`${path.slice(dir.length + 1)}.`))).toHaveLength(segments);
    const r = new SpillReader(path, segments);
    const got: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      got.push(r.bytes().toString('utf8'));
      if (i === lines.length - 1) expect(existsSync(`${path}.0`)).toBe(false); // read: gone
    }
    expect(got).toEqual(lines);
    expect(existsSync(`${path}.${segments - 1}`)).toBe(true); // the last one: the spill folder's removal takes it
    expect(() => r.bytes()).toThrow(/ended early/);
    await r.close();
  });

  it('a line longer than the reader\'s buffer, between short ones', async () => {
    const lines = ['a', 'x'.repeat((1 << 20) + 5), 'b', ''];
    const { path, segments } = await spilled(lines, 1);
    expect(segments).toBe(lines.length);
    const r = new SpillReader(path, segments);
    expect(lines.map(() => r.bytes().toString('utf8'))).toEqual(lines);
    await r.close();
  });

  it('any lines, any segment size: the same lines back', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }).map((s) => s.replace(/\n/g, ' ')), { maxLength: 30 }), fc.integer({ min: 1, max: 400 }), async (lines, size) => {
      const { path, segments } = await spilled(lines, size);
      const r = new SpillReader(path, segments);
      expect(lines.map(() => r.bytes().toString('utf8'))).toEqual(lines);
      await r.close();
    }), { numRuns: 40, seed: 9 });
  });
});
