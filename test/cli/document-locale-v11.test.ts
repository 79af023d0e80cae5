// The V11 black-box trial's MED-4 (/tmp/status/V11.md): `LANG=C.UTF-8 kaohe template
// quarterly-review.kaohe` wrote an English template (sheets `roster`/`notes`, `id`/`name`, `example`,
// `false`) for a scheme written entirely in Chinese. Documents made for a scheme's users — the
// template, a results workbook of `kaohe eval` — now follow the scheme's own language when nothing
// names one (LANG/LC_ALL unset, C, POSIX, C.UTF-8); `--lang` and a real zh/en locale still win, and
// the command's own words on stderr keep the environment's (cli/io.ts documentLocale).

import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { memoryIO } from '../memory-io.js';
import { SCHEMES } from '../sheets/fixtures.js';
import { tempDirs } from '../temp-dirs.js';

const dir = tempDirs('kaohe-locale-v11-')();
const quarterly = join(SCHEMES, 'quarterly-review.kaohe');
const english = join(dir, 'english.kaohe');

/** `kaohe ARGS` in `dir` under the environment `env`: its exit code and stderr. */
async function kaohe(args: string[], env: Record<string, string | undefined>) {
  const io = memoryIO({ [english]: ENGLISH }, { disk: true, cwd: dir });
  io.env = env;
  const code = await main(args, io);
  return { code, stderr: io.stderr, stdout: io.stdout };
}

/** The workbook's sheet names and each sheet's first two rows. */
async function sheets(file: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(dir, file));
  return book.worksheets.map((ws) => ({ name: ws.name, rows: [1, 2].map((n) => (ws.getRow(n).values as unknown[]).slice(1)) }));
}

const ENGLISH = `scheme Cases {
  input { cases: integer >= 0 }
  indicator work weight 100% = cases
  grades { good when score >= 10  fair otherwise }
}
`;

const NO_LANGUAGE: Record<string, Record<string, string | undefined>> = {
  'LANG=C.UTF-8': { LANG: 'C.UTF-8' }, 'LANG=POSIX': { LANG: 'POSIX' }, 'nothing set': {}, 'LC_ALL=C, LANG=en_US': { LC_ALL: 'C', LANG: 'en_US.UTF-8' },
};

describe('kaohe template when the environment names no language', () => {
  for (const [what, env] of Object.entries(NO_LANGUAGE)) {
    it(`${what}: a Chinese scheme’s template is in Chinese; the command’s own line in English`, async () => {
      const r = await kaohe(['template', quarterly, '--out', 't.xlsx'], env);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('wrote “t.xlsx”\n');
      const [roster, notes] = await sheets('t.xlsx');
      expect([roster.name, notes.name]).toEqual(['名单', '说明']);
      expect(roster.rows[0].slice(0, 3)).toEqual(['编号', '姓名', '单位']);
      expect(roster.rows[1]).toContain('示例');
      expect(roster.rows[1]).toContain('否');
      expect(notes.rows[0]).toEqual(['列', '说明', '类型与取值', '必填', '默认值']);
    });
  }

  it('an English scheme’s template stays English', async () => {
    const r = await kaohe(['template', english, '--out', 'e.xlsx'], { LANG: 'C.UTF-8' });
    expect(r.code).toBe(0);
    const [roster] = await sheets('e.xlsx');
    expect(roster.name).toBe('roster');
    expect(roster.rows[0]).toEqual(['id', 'name', 'cases']);
  });

  it('--lang and a zh or en locale still decide', async () => {
    expect((await kaohe(['template', quarterly, '--out', 'l.xlsx', '--lang', 'en'], { LANG: 'C.UTF-8' })).code).toBe(0);
    expect((await sheets('l.xlsx'))[0].name).toBe('roster');
    expect((await kaohe(['template', quarterly, '--out', 'u.xlsx'], { LANG: 'en_US.UTF-8' })).code).toBe(0);
    expect((await sheets('u.xlsx'))[0].name).toBe('roster');
    expect((await kaohe(['template', english, '--out', 'z.xlsx'], { LC_ALL: 'zh_CN.UTF-8' })).code).toBe(0);
    expect((await sheets('z.xlsx'))[0].name).toBe('名单');
  });
});

describe('kaohe eval --out results.xlsx when the environment names no language', () => {
  const roster = join(dir, 'q.csv');
  it('a Chinese scheme’s results workbook is in Chinese (headings, reasons); --lang en and LANG=en_US keep English', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(roster, '编号,单位,实绩得分,测评票\nA1,办公室,92,90、91、92\nA2,办公室,70,80\n');
    const r = await kaohe(['eval', quarterly, roster, '--period', '2026-Q1', '--out', 'r.xlsx'], { LANG: 'C.UTF-8' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('wrote “r.xlsx” (2 people)\n');
    const [results] = await sheets('r.xlsx');
    expect(results.name).toBe('考核结果');
    expect(results.rows[0]).toEqual(expect.arrayContaining(['总分', '评定等次', '等次依据']));
    expect(results.rows[1].join(' ')).toContain('总分 ');
    for (const [args, env] of [[['--lang', 'en'], { LANG: 'C.UTF-8' }], [[], { LANG: 'en_US.UTF-8' }]] as const) {
      expect((await kaohe(['eval', quarterly, roster, '--period', '2026-Q1', '--out', 'e.xlsx', ...args], env)).code).toBe(0);
      const [sheet] = await sheets('e.xlsx');
      expect(sheet.name).toBe('results');
      expect(sheet.rows[1].join(' ')).toContain('score ');
    }
  });

  it('JSON results on stdout keep the command’s language (a document only when a workbook is asked for)', async () => {
    const r = await kaohe(['eval', quarterly, roster, '--period', '2026-Q1'], { LANG: 'C.UTF-8' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('score ');
    expect(r.stdout).not.toContain('总分 ');
  });
});
