// The template's own example row evaluates (black-box trial, session 10, LOW): `kaohe template` of
// schemes/quarterly-review.kaohe and annual-review.kaohe left 单位, 季度结果 and 往年 empty in the
// example row (their examples are all cohorts, so the row is made up), and `kaohe eval` of the
// template as written failed on it. For every scheme in schemes/ and the spec's examples in Chinese
// (.csv), and in English (.xlsx) for the finding's two and the spec's province: template → eval of it
// as it stands (with the period the notes sheet asks for, when the scheme has one) → exit 0, no
// errors, one result.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { buildTemplate } from '../../sheets/index.js';
import { inputCell } from '../../sheets/layout.js';
import { contractOf } from '../../sheets/scheme.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';
import { SCHEMES, schemeSource } from './fixtures.js';

const SPEC = join(import.meta.dirname, '../../../shared/spec/examples');
const kaohe = (folder: string, tag: string) => readdirSync(folder).filter((f) => f.endsWith('.kaohe')).map((f) => ({ file: join(folder, f), name: `${tag}${f.replace('.kaohe', '')}` }));
const FILES = [...kaohe(SCHEMES, ''), ...kaohe(SPEC, 'spec-')];
const XLSX_FOR = new Set(['quarterly-review', 'annual-review', 'spec-province-annual']);
const tempDir = tempDirs('kaohe-template-u11-');
const dir = tempDir();

describe('the template’s example row, fed back to kaohe eval', () => {
  it('there are schemes to try, the two of the finding among them', () => {
    expect(FILES.length).toBeGreaterThan(10);
    expect(FILES.map((f) => f.name)).toEqual(expect.arrayContaining(['quarterly-review', 'annual-review', 'spec-province-annual']));
  });

  for (const { file, name: scheme } of FILES) {
    // Every scheme in Chinese (.csv); in English (.xlsx) the finding's schemes and the spec's province — the
    // made-up words are the catalog's in either language, and the template and roster reader share their cells.
    const runs = XLSX_FOR.has(scheme) ? [['zh', 'csv'], ['en', 'xlsx']] as const : [['zh', 'csv']] as const;
    for (const [lang, ext] of runs) {
      const name = `${scheme}-${lang}`;
      it(`${name}: evaluates with no error`, async () => {
        const io = memoryIO({}, { disk: true, cwd: dir });
        expect(await main(['template', file, '--out', `${name}.${ext}`, '--lang', lang], io)).toBe(0);
        const period = contractOf(readFileSync(file, 'utf8')).period;
        const run = memoryIO({}, { disk: true, cwd: dir });
        const rc = await main(['eval', file, `${name}.${ext}`, '--out', `${name}.jsonl`, '--lang', lang, ...(period ? ['--period', period.form] : [])], run);
        expect(run.stdout).toBe(''); // the roster's problems would be here, as JSON
        expect(rc).toBe(0);
        // A cohort scheme's file starts with its cohorts' line; then one line per person.
        const lines = readFileSync(join(dir, `${name}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        const people = lines.filter((l) => 'subject' in l);
        expect(people).toHaveLength(1);
        expect(people[0]).toHaveProperty('grade');
        expect(lines.filter((l) => 'error' in l || 'errors' in l)).toEqual([]);
      });
    }
  }

  it('quarterly-review: 单位 is a word, not empty; annual-review: 往年 and 季度结果 are written `[]`', () => {
    const row = (name: string, lang: 'zh' | 'en') => {
      const sheet = buildTemplate(contractOf(schemeSource(name)), lang).sheets[0];
      return Object.fromEntries(sheet.columns.map((c, i) => [c.header, sheet.rows[0][i]]));
    };
    expect(row('quarterly-review', 'zh').单位).toBe('示例');
    expect(row('quarterly-review', 'en').单位).toBe('example');
    expect(row('annual-review', 'zh')).toMatchObject({ 单位: '示例', 季度结果: '[]', 往年: '[]' });
    expect(inputCell([], 'zh')).toBe('[]');
  });
});
