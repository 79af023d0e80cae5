// `kaohe eval SCHEME ROSTER` streams (issue 16, cli/commands/eval-stream.ts): for .jsonl, .csv and
// .xlsx rosters its output — standard output, --out .json, --out .jsonl — is exactly what the
// in-memory cohort gives for the same roster (read by sheets/, evaluated by evaluateCohort); a batch
// that fails writes nothing (no target, no temporary file, an existing target untouched); --backend
// is checked.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import type { CohortResult } from '../../engine/api.js';
import { evaluateCohort, prepare } from '../../engine/index.js';
import { sheetCsv } from '../../sheets/index.js';
import { contractOf } from '../../sheets/scheme.js';
import { readRosterFile } from '../../sheets/node/files.js';
import { writeXlsxFile } from '../../sheets/node/xlsx-stream.js';
import { people, rosterSheet, WINDOW_SCHEME, windowSource } from '../../bench/roster-data.js';
import { memoryIO } from '../memory-io.js';

const N = 300;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-stream-cli-'));
const io = () => memoryIO({}, { disk: true, cwd: dir });
const ps = people(N, 16);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const sheet = rosterSheet(ps);
  writeFileSync(join(dir, 'r.csv'), sheetCsv(sheet), 'utf8');
  await writeXlsxFile(join(dir, 'r.xlsx'), { sheets: [sheet] });
  writeFileSync(join(dir, 'r.jsonl'), ps.map((p) => JSON.stringify(p.subject)).join('\n') + '\n', 'utf8');
  // one invalid person (a negative count) on line/row 151
  const bad = ps.map((p, i) => (i === 150 ? { ...p.subject, input: { ...p.subject.input, 办件量: -3 } } : p.subject));
  writeFileSync(join(dir, 'bad.jsonl'), bad.map((s) => JSON.stringify(s)).join('\n') + '\n', 'utf8');
}, 60_000);

/** What the in-memory path prints for a roster: its cohort result, pretty. */
async function reference(file: string, lang: 'en' | 'zh' = 'en'): Promise<CohortResult> {
  const source = windowSource();
  const c = contractOf(source);
  const roster = await readRosterFile(join(dir, file), c.fields, { grades: c.grades, committee: !!c.committee });
  const out = await evaluateCohort(prepare(source).value!, roster.subjects, { lang, maxErrors: 1000 });
  if (!out.ok) throw new Error(JSON.stringify(out.errors.slice(0, 2)));
  return out.value;
}

const leftovers = () => readdirSync(dir).filter((f) => f.includes('partial'));

describe('kaohe eval ROSTER streams', () => {
  for (const file of ['r.jsonl', 'r.csv', 'r.xlsx']) {
    it(`${file}: standard output, --out .json and --out .jsonl equal the in-memory cohort`, async () => {
      const want = await reference(file);
      const demoted = want.results.filter((r) => r.quota?.demotedTo !== undefined && r.quota.grade !== r.grade);
      expect(demoted.length).toBeGreaterThan(0); // the quotas acted
      const a = io();
      expect(await evalCmd([WINDOW_SCHEME, file], a)).toBe(0);
      expect(a.stdout).toBe(`${JSON.stringify(want, null, 2)}\n`);
      const b = io();
      expect(await evalCmd([WINDOW_SCHEME, file, '--out', 'o.json'], b)).toBe(0);
      expect(readFileSync(join(dir, 'o.json'), 'utf8')).toBe(a.stdout);
      expect(b.stderr).toContain(`(${N} people)`);
      expect(await evalCmd([WINDOW_SCHEME, file, '--out', 'o.jsonl', '--backend', 'closures'], io())).toBe(0);
      const lines = readFileSync(join(dir, 'o.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
      const { results, ...head } = want;
      expect(lines).toEqual([head, ...results]);
      expect(JSON.stringify(lines[1])).toBe(JSON.stringify(results[0])); // key order too
      expect(leftovers()).toEqual([]);
    }, 60_000);
  }

  it('in Chinese, the same words as the in-memory cohort', async () => {
    const a = io();
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--lang', 'zh'], a)).toBe(0);
    expect(a.stdout).toBe(`${JSON.stringify(await reference('r.jsonl', 'zh'), null, 2)}\n`);
  }, 60_000);

  it('a failing batch writes nothing: exit 1, the problem at its line, no target, an existing target untouched, no temporary file', async () => {
    const a = io();
    expect(await evalCmd([WINDOW_SCHEME, 'bad.jsonl', '--out', 'new.jsonl'], a)).toBe(1);
    const errors = JSON.parse(a.stdout).errors as { row?: number; code: string }[];
    expect(errors).toEqual([expect.objectContaining({ row: 151, code: 'KH-E006', path: '办件量' })]);
    expect(existsSync(join(dir, 'new.jsonl'))).toBe(false);
    writeFileSync(join(dir, 'kept.json'), 'old', 'utf8');
    expect(await evalCmd([WINDOW_SCHEME, 'bad.jsonl', '--out', 'kept.json'], io())).toBe(1);
    expect(readFileSync(join(dir, 'kept.json'), 'utf8')).toBe('old');
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it('refuses an unknown --backend (exit 2, in the chosen language); --out into a missing folder is exit 2', async () => {
    const a = io();
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--backend', 'fast'], a)).toBe(2);
    expect(a.stderr).toContain("kaohe eval: --backend must be compiled or closures, not 'fast'");
    const z = io();
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--backend', 'fast', '--lang', 'zh'], z)).toBe(2);
    expect(z.stderr).toContain('“--backend”只能是');
    const m = io();
    expect(await evalCmd([WINDOW_SCHEME, 'r.jsonl', '--out', 'nowhere/o.jsonl'], m)).toBe(2);
    expect(m.stderr).toContain('nowhere/o.jsonl');
  }, 60_000);
});
