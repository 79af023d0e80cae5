// Hostile audit H6 (session 6), the files `kaohe eval` writes while a roster streams. F6: the results'
// temporary name beside --out was `.o.jsonl.PID.partial`, opened following symbolic links: a link
// planted there by someone who can write the folder made kaohe overwrite the link's target, and the
// litter sweep kept such a link (stat followed it). F9: the whole result set sat in $TMPDIR readable by
// every local user (0644). F7: $TMPDIR missing or not a folder ended the command with a stack trace
// and left `.partial` files behind. (stdout on a full device: hostile6-read.test.ts.)

import { lstatSync, lutimesSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { people, WINDOW_SCHEME } from '../../bench/roster-data.js';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { sweepKilledRuns } from '../../cli/commands/eval-litter.js';
import { BufferedWriter } from '../../engine/stream/buffered.js';
import { sweepStale } from '../../engine/stream/index.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const tempDir = tempDirs('kaohe-h6-files-');
const rosterIn = (dir: string, n: number): string => {
  writeFileSync(join(dir, 'r.jsonl'), people(n, 6).map((p) => JSON.stringify(p.subject)).join('\n') + '\n', 'utf8');
  return 'r.jsonl';
};
/** Process ids that are no process: over the kernel's limit (pid_max is at most 2^22). */
const DEAD = 4_194_304 + 61;
const HOURS_AGO = (h: number) => new Date(Date.now() - h * 3600_000);

/** Runs `f` with $TMPDIR set to `tmp` (os.tmpdir() reads it on every call), then puts it back. */
async function withTmp<T>(tmp: string, f: () => Promise<T>): Promise<T> {
  const was = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    return await f();
  } finally {
    if (was === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = was;
  }
}

describe('F6: a symbolic link planted at the temporary name', () => {
  it('kaohe eval --out never writes through it: the link\'s target keeps its text, the output is a file of its own', async () => {
    const dir = tempDir(), victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'PRECIOUS CONFIG\n');
    const roster = rosterIn(dir, 30);
    for (const out of ['o.jsonl', 'o.json']) {
      symlinkSync(victim, join(dir, `.${out}.${process.pid}.partial`)); // the name every earlier version used
      const io = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([WINDOW_SCHEME, roster, '--out', out, '--lang', 'en'], io), io.stderr).toBe(0);
      expect(lstatSync(join(dir, out)).isSymbolicLink()).toBe(false);
      expect(readFileSync(join(dir, out), 'utf8')).toContain('"subject"');
    }
    expect(readFileSync(victim, 'utf8')).toBe('PRECIOUS CONFIG\n');
  });

  it('a writer is refused an existing name (O_EXCL), never opening what a link points to', async () => {
    const dir = tempDir(), victim = join(dir, 'victim.txt'), link = join(dir, 'planted');
    writeFileSync(victim, 'PRECIOUS\n');
    symlinkSync(victim, link);
    const w = new BufferedWriter(link);
    await expect(Promise.resolve().then(() => w.write('results\n')).then(() => w.end())).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(victim, 'utf8')).toBe('PRECIOUS\n');
  });

  it('the sweep of a dead run\'s files looks at a link itself (lstat): an old link goes, its fresh target stays', () => {
    const out = tempDir(), elsewhere = tempDir(), victim = join(elsewhere, 'victim.txt');
    writeFileSync(victim, 'PRECIOUS\n'); // fresh: a followed link looked fresh and was kept
    const links = [`.o.csv.${DEAD}.partial`, `.o.csv.${DEAD}-0badc0de.partial`];
    for (const l of links) {
      symlinkSync(victim, join(out, l));
      lutimesSync(join(out, l), HOURS_AGO(2), HOURS_AGO(2));
    }
    sweepKilledRuns(tempDir(), join(out, 'o.csv'));
    expect(readdirSync(out)).toEqual([]);
    expect(readFileSync(victim, 'utf8')).toBe('PRECIOUS\n');
  });

  it('the spill folders\' sweep removes a dead run\'s folder, not a link planted under its name nor what it points to', () => {
    const base = tempDir(), elsewhere = tempDir();
    writeFileSync(join(elsewhere, 'keep.txt'), 'PRECIOUS\n');
    mkdirSync(join(base, `kaohe-cohort-${DEAD}-aaaaaa`));
    symlinkSync(elsewhere, join(base, `kaohe-cohort-${DEAD}-bbbbbb`));
    sweepStale(base);
    expect(readdirSync(base)).toEqual([`kaohe-cohort-${DEAD}-bbbbbb`]);
    expect(readFileSync(join(elsewhere, 'keep.txt'), 'utf8')).toBe('PRECIOUS\n');
  });
});

describe('F9: results kept in $TMPDIR are this user\'s alone', () => {
  it('the results of a .csv output and of standard output are never readable by others while the run lasts', async () => {
    const dir = tempDir(), tmp = tempDir();
    const roster = rosterIn(dir, 3000);
    const modes = new Map<string, number>();
    const look = () => {
      for (const f of readdirSync(tmp)) {
        if (!f.includes('kaohe-eval-')) continue;
        try { modes.set(f, statSync(join(tmp, f)).mode & 0o777); } catch { /* gone meanwhile */ }
      }
    };
    const timer = setInterval(look, 1);
    try {
      await withTmp(tmp, async () => {
        for (const out of [['--out', 'o.csv'], []]) {
          const io = memoryIO({}, { disk: true, cwd: dir });
          expect(await evalCmd([WINDOW_SCHEME, roster, ...out], io), io.stderr).toBe(0);
        }
      });
    } finally {
      clearInterval(timer);
    }
    expect([...modes.keys()].some((f) => f.endsWith('.jsonl')), [...modes.keys()].join(' ')).toBe(true); // seen while it ran
    for (const [f, mode] of modes) expect(mode & 0o077, `${f} ${mode.toString(8)}`).toBe(0);
    expect(readdirSync(tmp).filter((f) => f.includes('kaohe-'))).toEqual([]);
  }, 60_000);
});

describe('F7: a temporary folder that cannot be written', () => {
  const cases: [string, (tmp: string) => string, Record<'en' | 'zh', string>][] = [
    ['missing', (tmp) => join(tmp, 'nonexistent'), { en: 'no such directory', zh: '目录不存在' }],
    ['a file', (tmp) => { writeFileSync(join(tmp, 'file'), ''); return join(tmp, 'file'); }, { en: 'a part of the path is not a folder', zh: '路径中有一部分不是目录' }],
  ];
  for (const [what, make, why] of cases) {
    it(`$TMPDIR ${what}: one line, exit 2, nothing left beside --out — every output`, async () => {
      const dir = tempDir(), bad = make(tempDir());
      const roster = rosterIn(dir, 20);
      await withTmp(bad, async () => {
        for (const [out, lang] of [['o.jsonl', 'en'], ['o.json', 'zh'], ['o.csv', 'en'], ['o.xlsx', 'zh'], [undefined, 'en']] as const) {
          const io = memoryIO({}, { disk: true, cwd: dir });
          const code = await evalCmd([WINDOW_SCHEME, roster, ...(out ? ['--out', out] : []), '--lang', lang], io);
          expect(code, `${out}: ${io.stderr}`).toBe(2);
          expect(io.stderr).toBe(lang === 'en'
            ? `kaohe eval: cannot write the temporary folder ${bad} (TMPDIR): ${why.en}; nothing written\n`
            : `kaohe eval：无法写入临时目录“${bad}”（TMPDIR）：${why.zh}；未写出任何结果\n`);
          expect(io.stdout).toBe('');
          expect(readdirSync(dir)).toEqual(['r.jsonl']);
        }
      });
    }, 60_000);
  }
});
