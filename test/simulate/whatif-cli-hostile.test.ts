// `kaohe whatif` against a hostile tester's findings (issue 15, hostile F4, F5, F6, F10): names from
// the round file never reach the terminal with their control characters raw; a hand-edited export
// (inputs of someone not on the roster, absurd scores) is refused by its path; a file too big is
// refused by its size before it is read; `--out` of another kind names the kinds there are.

import { closeSync, mkdtempSync, openSync, rmSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { MAX_FILE_BYTES } from '../../cli/commands/whatif.js';
import { memoryIO } from '../memory-io.js';
import { exportDoc, PEOPLE, scheme } from './fixture.js';

const BEFORE = scheme();
const HEAVIER = scheme({ w1: '80%', w2: '20%' });
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** Control characters a terminal acts on, and the bidi overrides/isolates. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function exportOf(people = PEOPLE, edit: (doc: any) => void = () => {}): Promise<string> {
  const doc = await exportDoc(BEFORE, people);
  edit(doc);
  return JSON.stringify(doc);
}

/** The export with every string `from` replaced by `to`, as a hand edit of the file would. */
async function editedExport(from: string, to: string): Promise<string> {
  const swap = (v: unknown): unknown => v === from ? to : Array.isArray(v) ? v.map(swap)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)])) : v;
  return JSON.stringify(swap(JSON.parse(await exportOf())));
}

async function whatif(args: string[], files: Record<string, string>, opts: { disk?: boolean; cwd?: string } = {}) {
  const io = memoryIO(files, opts);
  const read: string[] = [];
  const inner = io.read.bind(io);
  io.read = (p) => { read.push(p); return inner(p); };
  const code = await main(['whatif', ...args], io);
  return { code, out: io.stdout, err: io.stderr, read };
}

describe('kaohe whatif (hostile F4, F5, F6, F10)', () => {
  it('F4: ids, units, display names, the round name and labels print their control characters and bidi overrides as \\uXXXX', async () => {
    // Ids and units with a control character are refused by the engine (engine/subject-id.ts: ids since
    // issue 16, units since its session 11, KH-E061 — a unit that differs by an unseen character would be
    // a cohort of its own): both are checked below; names and labels may still hold them.
    const round = await exportOf(PEOPLE, (doc) => {
      doc.round.name = '2026\u009b年度\u202e考核';
      for (const m of doc.members) m.display = { 姓名: '\u001b]0;PWNED\u0007\u001b[31mRED\u2066\u0000' };
    });
    const label = HEAVIER.replace('"工作业绩"', '"工作\u001b[2J业绩"');
    for (const lang of ['zh', 'en']) {
      const r = await whatif(['new.kaohe', '--against', 'round.json', '--base', 'old.kaohe', '--lang', lang], { 'new.kaohe': label, 'old.kaohe': BEFORE, 'round.json': round });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(RAW);
      expect(r.out).toContain('\\u001b]0;PWNED\\u0007\\u001b[31mRED\\u2066\\u0000');
      expect(r.out).toContain('2026\\u009b年度\\u202e考核');
      expect(r.out).toContain('工作\\u001b[2J业绩');
    }
    // A unit, then an id, edited into the file with a control character: refused (the id at its path), the
    // character named, not printed.
    const badUnit = await whatif(['new.kaohe', '--against', 'round.json'], { 'new.kaohe': HEAVIER, 'round.json': await editedExport('甲科', '甲\u001b[2J科') });
    expect(badUnit.code).not.toBe(0);
    expect(badUnit.err + badUnit.out).not.toMatch(RAW);
    expect(badUnit.err).toContain('U+001B');
    const badId = await whatif(['new.kaohe', '--against', 'round.json'], { 'new.kaohe': HEAVIER, 'round.json': await editedExport('A2', 'A2\u001b[1m') });
    expect(badId.code).not.toBe(0);
    expect(badId.err + badId.out).not.toMatch(RAW);
    expect(badId.err).toContain('subjects[1].id');
    expect(badId.err).toContain('U+001B');
    // Refusals that quote the file's names too: the scheme of another name, inputs that do not fit.
    const other = await whatif(['new.kaohe', '--against', 'round.json'], { 'new.kaohe': HEAVIER, 'round.json': await exportOf(PEOPLE, (doc) => { doc.scheme.id = 'X\u001b[2J'; doc.round.name = 'R\u202e'; }) });
    expect(other.code).toBe(2);
    expect(other.err).not.toMatch(RAW);
    expect(other.err).toContain('X\\u001b[2J');
  });

  it('F5: inputs of someone not among `members` — exit 2 naming them and the path; nothing printed', async () => {
    const round = await exportOf(PEOPLE, (doc) => { doc.inputs.push({ subject: 'GHOST', input: { ...doc.inputs[0].input }, decision: null }); });
    const r = await whatif(['new.kaohe', '--against', 'round.json'], { 'new.kaohe': HEAVIER, 'round.json': round });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('inputs[10].subject');
    expect(r.err).toContain('`GHOST`');
  });

  it('F5: result numbers no scheme gives (1e308, -2e9) — exit 2 naming each path; an ordinary file still runs', async () => {
    const round = await exportOf(PEOPLE, (doc) => { doc.result.results[0].score = 1e308; doc.result.results[3].indicators[1].points = -2e9; });
    const r = await whatif(['new.kaohe', '--against', 'round.json', '--lang', 'zh'], { 'new.kaohe': HEAVIER, 'round.json': round });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('result.results[0].score');
    expect(r.err).toContain('result.results[3].indicators[1].points');
    const fine = await whatif(['new.kaohe', '--against', 'round.json'], { 'new.kaohe': HEAVIER, 'round.json': await exportOf() });
    expect(fine.code).toBe(0);
  });

  it('F6: a round file above the limit is refused by its size, never read (a sparse file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-whatif-big-'));
    dirs.push(dir);
    const big = join(dir, 'round.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, MAX_FILE_BYTES + 1);
    closeSync(fd);
    const r = await whatif(['new.kaohe', '--against', 'round.json', '--lang', 'zh'], { 'new.kaohe': HEAVIER }, { disk: true, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.read).not.toContain('round.json');
    expect(r.err).toContain('“round.json”');
    expect(r.err).toContain(`${MAX_FILE_BYTES / 1024 / 1024} MB`);
    expect(MAX_FILE_BYTES).toBe(256 * 1024 * 1024);
  });

  it('F10: --out r.pdf says which kinds there are (.json, .xlsx) and exits 2, not the usage', async () => {
    const r = await whatif(['new.kaohe', '--against', 'round.json', '--out', 'r.pdf'], { 'new.kaohe': HEAVIER, 'round.json': await exportOf() });
    expect(r.code).toBe(2);
    expect(r.err).toContain('r.pdf');
    expect(r.err).toContain('.json');
    expect(r.err).toContain('.xlsx');
    expect(r.err).not.toMatch(/usage|用法/i);
    const zh = await whatif(['new.kaohe', '--against', 'round.json', '--out', 'r.pdf', '--lang', 'zh'], { 'new.kaohe': HEAVIER, 'round.json': await exportOf() });
    expect(zh.err).toContain('“r.pdf”');
  });
});
