// The library API of the package (issue 16, deliver 2): a Node service that depends on kaohe
// imports `{ compile, evaluate, … } from 'kaohe'` — dist/index.js with dist/index.d.ts through the
// package's "exports" — and sees every field of the declared result (engine/result-schema.ts).
// A consumer project (its own folder, kaohe linked into its node_modules as npm would) type-checks
// with tsc when it reads `result.indicators[0].score`, and fails to on a field the result does not
// have; the same consumer, run by plain node, evaluates a scheme. One tsc program checks the good
// consumer and the wrong one (two files; each test reads its file's diagnostics): one tsc child.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../bin/build.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

beforeAll(async () => {
  await ensureBuilt({ types: true });
  dir = mkdtempSync(join(tmpdir(), 'kaohe-consumer-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/kaohe'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [], skipLibCheck: true },
  }));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCHEME = 'scheme 试算 {\n  input { 完成率: number }\n  indicator 完成情况 weight 100% = 完成率 * 100\n  grades { 优秀 when score >= 90  合格 otherwise }\n}\n';

/** A consumer module reading `field` of the first indicator of an evaluated subject: TypeScript with
 * its annotations, or the same as plain JavaScript (`typed` false) for node to run. */
const consumer = (field: string, typed = true) => {
  const t = (annotation: string) => (typed ? `: ${annotation}` : '');
  const types = typed ? ', type SubjectResult, type CohortResult, type EvalError' : '';
  return `
import { analyze, compile, evaluate, evaluateCohort, format, runExamples${types} } from 'kaohe';

const source = ${JSON.stringify(SCHEME)};
const { value: scheme, diagnostics } = compile(source);
if (!scheme) throw new Error(diagnostics.map((d) => d.message).join('\\n'));
const outcome = await evaluate(scheme, { id: 'A1', input: { 完成率: 0.934 } });
if (!outcome.ok) { const errors${t('EvalError[]')} = outcome.errors; throw new Error(errors[0].message); }
const result${t('SubjectResult')} = outcome.value;
const score${t('number')} = result.indicators[0].${field};
const grade${t('string | null')} = result.grade;
const cohort = await evaluateCohort(scheme, [{ id: 'A1', input: { 完成率: 0.5 } }]);
const members${t("CohortResult['results'] | undefined")} = cohort.ok ? cohort.value.results : undefined;
const checked${t('number')} = analyze(source).diagnostics.length;
const text${t('string | undefined')} = format(source, { keywords: 'zh' }).text;
const examples${t('number')} = (await runExamples(scheme)).length;
console.log(JSON.stringify({ score, grade, total: result.score, members: members?.length, checked, formatted: text?.startsWith('方案'), examples }));
`;
};

// An `any` field would accept an assignment to `{ no: true }`: every one of these must be refused.
const PROBES = ['result.score', 'result.indicators[0].score', 'result.groups[0].points', 'result.bonus', 'result.negative.length'];

/** tsc on the consumer folder: main.ts (the good consumer), wrong.ts and probe.ts (what must be refused)
 * as one program; its diagnostics, read per file by the tests. */
let checked: { status: number | null; stdout: string; stderr: string } | undefined;
function tscOnce() {
  if (checked) return checked;
  const probes = PROBES.map((p, i) => `const p${i}: { no: true } = ${p};`).join('\n');
  writeFileSync(join(dir, 'main.ts'), consumer('score'));
  writeFileSync(join(dir, 'wrong.ts'), consumer('scor'));
  writeFileSync(join(dir, 'probe.ts'), `import type { SubjectResult } from 'kaohe';\ndeclare const result: SubjectResult;\n${probes}\nexport {};\n`);
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return (checked = { status: r.status, stdout: r.stdout, stderr: r.stderr });
}

describe("import … from 'kaohe'", () => {
  it('type-checks a consumer that reads result.indicators[0].score, and the consumer runs on dist/', () => {
    const r = tscOnce();
    expect(r.stderr).toBe('');
    // Nothing but the refusals of wrong.ts and probe.ts (tested below): main.ts type-checks.
    expect(r.stdout.split('\n').filter((l) => l && !/^ /.test(l) && !/^(wrong|probe)\.ts\(\d+,\d+\): error TS/.test(l))).toEqual([]);
    // The same code as JavaScript, run by node with no loader: the package's exports lead to dist/index.js.
    writeFileSync(join(dir, 'main.mjs'), consumer('score', false));
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const run = spawnSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8', env, timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ score: 93.4, grade: '优秀', total: 93.4, members: 1, checked: 0, formatted: true, examples: 0 });
  }, 120_000);

  it('fails to type-check a consumer that reads a field the result does not have; no result field is `any`', () => {
    const r = tscOnce();
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/wrong\.ts\(\d+,\d+\): error TS2551: Property 'scor' does not exist on type '.*'\. Did you mean 'score'\?/);
    const refused = r.stdout.split('\n').filter((l) => /probe\.ts\(\d+,\d+\): error TS2322/.test(l));
    expect(refused).toHaveLength(PROBES.length);
  }, 120_000);
});
