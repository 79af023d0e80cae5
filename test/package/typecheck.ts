// One tsc program for the package's three type-check tests (issue 16: three tsc children each loaded
// the standard library's declarations again): result-types.test.ts (the declared result types against
// the zod schema, and a drifted copy that must be refused), typed-api.test.ts (a consumer of
// `import … from 'kaohe'`, one reading a field the result lacks, probes that no field is `any`) and
// openapi-client.test.ts (a client generated from /api/openapi.json, and a wrong one). The fixtures of
// all three are written here, into the run's package folder (packed.ts: node_modules/kaohe is the
// package as `npm pack` makes it), and checked as one program with the project's compiler options;
// each test reads the diagnostics of its own files (`errorsIn`), so each still fails on its own
// property. The consumer (main.ts) is checked once more, alone, with a strict consumer's options
// (exactOptionalPropertyTypes, noUncheckedIndexedAccess, skipLibCheck off: every .d.ts the package
// ships is checked too — issue 16 user trial B-2; `types: []`, and the package's dependencies are
// linked one by one, so Node's types cannot come in: no-node-types.test.ts reads its file list);
// the project's own sources are not written for those options, so they cannot join the one program.
// Whichever test asks first runs both — once per `npm test` (once.ts) — and the generator of the client,
// all three in one node child (typecheck-child.mjs: TypeScript loaded and its standard library parsed once;
// the same api.ts and the same diagnostics as openapi-typescript's CLI and two tsc children, session 8).

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oncePerRun } from './once.js';
import { packed, ROOT } from './packed.js';
import { CHILD_FLAGS } from '../child-flags.js';

export { ROOT };

// --- result-types.test.ts: a copy of the pair with three declarations changed (drift/).
export function drifted(types: string): string {
  return types
    .replace('  bonus: number | null;', '  bonus?: number | null;') // made optional
    .replace('  ties: string[];', '') // dropped
    .replace("  missing: 'skip' | 'breaks';", '  missing: string;'); // widened
}

// --- typed-api.test.ts: a consumer of the package (main.ts), one reading a missing field (wrong.ts).
const SCHEME = 'scheme 试算 {\n  input { 完成率: number }\n  indicator 完成情况 weight 100% = 完成率 * 100\n  grades { 优秀 when score >= 90  合格 otherwise }\n}\n';

/** A consumer module reading `field` of the first indicator of an evaluated subject: TypeScript with
 * its annotations, or the same as plain JavaScript (`typed` false) for node to run. */
export const consumer = (field: string, typed = true) => {
  const t = (annotation: string) => (typed ? `: ${annotation}` : '');
  const types = typed ? ', type SubjectResult, type CohortResult, type EvalError' : '';
  return `
import { analyze, compile, evaluate, evaluateCohort, format, runExamples${types} } from 'kaohe';

const source = ${JSON.stringify(SCHEME)};
const { value: scheme, diagnostics } = compile(source);
if (!scheme) throw new Error(diagnostics.map((d) => d.message).join('\\n'));
const outcome = await evaluate(scheme, { id: 'A1', input: { 完成率: 0.934 } });
if (!outcome.ok) { const errors${t('EvalError[]')} = outcome.errors; throw new Error(errors[0]?.message); }
const result${t('SubjectResult')} = outcome.value;
const [first] = result.indicators;
if (!first) throw new Error('no indicator');
const score${t('number')} = first.${field};
const grade${t('string | null')} = result.grade;
const cohort = await evaluateCohort(scheme, [{ id: 'A1', input: { 完成率: 0.5 } }]);
const members${t("CohortResult['results'] | undefined")} = cohort.ok ? cohort.value.results : undefined;
const checked${t('number')} = analyze(source).diagnostics.length;
const text${t('string | undefined')} = format(source, { keywords: 'zh' }).text;
const examples${t('number')} = (await runExamples(scheme)).length;
console.log(JSON.stringify({ score, grade, total: result.score, members: members?.length, checked, formatted: text?.startsWith('方案'), examples }));
`;
};

/** An `any` field would accept an assignment to `{ no: true }`: every one of these must be refused (probe.ts). */
export const PROBES = ['result.score', 'result.indicators[0].score', 'result.groups[0].points', 'result.bonus', 'result.negative.length'];

// --- openapi-client.test.ts: a client of the generated api.ts (client.ts) and a wrong one (client-wrong.ts).
export const CLIENT = `
import type { components, paths } from './api.js';

type Evaluated = paths['/api/schemes/{id}/evaluate']['post']['responses'][201]['content']['application/json'];
declare const r: Evaluated;
if ('results' in r) {
  const member: number = r.results[0].score;
  const grade: string | null = r.results[0].grade;
} else {
  const score: number = r.indicators[0].score;
  const grade: string | null = r.grade;
  const points: number = r.groups[0].points;
  const id: string = r.evaluationId;
}
type Stored = paths['/api/evaluations/{id}']['get']['responses'][200]['content']['application/json'];
declare const stored: Stored;
const result = stored.result;
if (!('results' in result)) { const weight: number = result.indicators[0].weight; }
declare const value: components['schemas']['TraceValue'];
const shown: number | string | boolean | null | readonly unknown[] = value;
export {};
`;

/** The client reading a field the result does not have, and taking a TraceValue for something else. */
export const WRONG_CLIENT = CLIENT.replace('r.indicators[0].score', 'r.indicators[0].scor').replace('const shown: number | string | boolean | null | readonly unknown[] = value;', 'const shown: { no: true } = value;');

/** The GET /api/openapi.json document of a fresh app (the server's own route). */
async function openapiDocument(): Promise<unknown> {
  const { call, setup } = await import('../server/helpers.js');
  const f = await setup();
  try {
    return (await call(f.app, 'GET', '/api/openapi.json')).body;
  } finally {
    f.close();
  }
}

/** The strictest common consumer settings: the package's declarations must type-check under them, not
 * only under the project's own skipLibCheck. */
export const STRICT_CONSUMER = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false };

/** A strict consumer's tsconfig.json (Node's types left out) for `files`. skipDefaultLibCheck: the
 * package's .d.ts files and its dependencies' are checked (skipLibCheck off), TypeScript's own lib.*.d.ts
 * are not — checking lib.dom.d.ts again was half of this program's CPU (session 7: 3.8 → 2.1 s). */
export const strictConfig = (files: string[]) => JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, types: [], ...STRICT_CONSUMER, skipDefaultLibCheck: true }, files,
});

/** The outcome of one program in typecheck-child.mjs: tsc's exit status, its diagnostics as tsc prints them, its files. */
interface Program { status: number; text: string; files: string[] }

/** Writes every fixture into the run's package folder and runs tsc on them as one program, and on main.ts alone strictly. */
async function run(): Promise<Checked> {
  const { dir } = await packed(); // node_modules/kaohe: dist/index.d.ts through the package's exports
  symlinkSync(join(ROOT, 'node_modules/zod'), join(dir, 'node_modules/zod'), 'dir'); // for drift/

  mkdirSync(join(dir, 'drift'));
  copyFileSync(join(ROOT, 'engine/result-schema.ts'), join(dir, 'drift/result-schema.ts'));
  writeFileSync(join(dir, 'drift/result-types.ts'), drifted(readFileSync(join(ROOT, 'engine/result-types.ts'), 'utf8')));

  writeFileSync(join(dir, 'main.ts'), consumer('score'));
  writeFileSync(join(dir, 'wrong.ts'), consumer('scor'));
  const probes = PROBES.map((p, i) => `const p${i}: { no: true } = ${p};`).join('\n');
  writeFileSync(join(dir, 'probe.ts'), `import type { SubjectResult } from 'kaohe';\ndeclare const result: SubjectResult;\n${probes}\nexport {};\n`);

  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(await openapiDocument())); // the child writes api.ts from it
  writeFileSync(join(dir, 'client.ts'), CLIENT);
  writeFileSync(join(dir, 'client-wrong.ts'), WRONG_CLIENT);

  const files = [join(ROOT, 'engine/result-schema.ts'), 'drift/result-schema.ts', 'main.ts', 'wrong.ts', 'probe.ts', 'api.ts', 'client.ts', 'client-wrong.ts'];
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), compilerOptions: { noEmit: true, types: [] }, include: [], files }));
  // main.ts alone under STRICT_CONSUMER (its errors print as `main.ts(…)`, a shipped .d.ts's as
  // `node_modules/kaohe/dist/….d.ts(…)`), with the files of its program (tsc's --listFiles).
  mkdirSync(join(dir, 'strict'));
  writeFileSync(join(dir, 'strict/tsconfig.json'), strictConfig(['../main.ts']));
  const child = spawnSync(process.execPath, [...CHILD_FLAGS, join(ROOT, 'test/package/typecheck-child.mjs'), '.', 'strict'], { cwd: dir, encoding: 'utf8', timeout: 480_000, maxBuffer: 64 << 20 });
  if (child.status !== 0) throw new Error(`typecheck-child.mjs (status ${child.status}): ${child.stderr}`);
  const [r, s] = (JSON.parse(child.stdout) as { programs: [Program, Program] }).programs;
  return {
    dir, status: r.status === 0 ? s.status : r.status, stdout: `${r.text}${s.text}`, stderr: child.stderr,
    strict: { status: s.status, files: s.files },
  };
}

export interface Checked {
  dir: string; status: number | null; stdout: string; stderr: string;
  /** The strict program of main.ts alone: its exit status and the files in it (absolute paths). */
  strict: { status: number | null; files: string[] };
}

/** The one tsc program's outcome (run here, or by the test process that asked first). */
export const typecheck = (): Promise<Checked> => oncePerRun('typecheck', run);

/** The error lines tsc printed for files whose path (as printed, relative to the folder) `file` accepts. */
export function errorsIn(r: Checked, file: (path: string) => boolean): string[] {
  return r.stdout.split('\n').filter((l) => {
    const m = /^(.+?)\(\d+,\d+\): error TS\d+/.exec(l);
    return m !== null && file(m[1]);
  });
}

/** The files written to fail (each test checks its own are refused as they must be). */
const MEANT_TO_FAIL = (path: string) => path.startsWith('drift/') || ['wrong.ts', 'probe.ts', 'client-wrong.ts'].includes(path);

/** Error lines in any file not written to fail: the project's pair, the consumers, the generated client. */
export const unexpected = (r: Checked): string[] => errorsIn(r, (p) => !MEANT_TO_FAIL(p));
