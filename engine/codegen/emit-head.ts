// The parts of a generated program around its body (issue 16, emit-program.ts): the constants and
// the function's head (grade names, which grades have quotas, enum orders, panel settings read back
// as data), and for the rules-only program the input reads its body never uses left out.

import type { ProgramIR } from './ir.js';
import type { Emitter } from './emit-expr.js';
import { comment, str } from './safe.js';

/** The rules-only body without the input reads nothing in it uses (the rule lists read few of the
 * inputs; R.num on each costs). Only for `only: 'rules'`: there an unused input's bail does not
 * matter, its result does not depend on it; the full program keeps every read. */
export function readOnly(lines: string[]): string[] {
  const body = lines.join('\n');
  const uses = (v: string) => (body.match(new RegExp(`\\b${v}\\b`, 'g')) ?? []).length > 1; // more than its declaration
  return lines.filter((l) => {
    const n = /^\s*R\.num\(.*\); const iN(\d+) = F\.n, iD\d+ = F\.d;/.exec(l);
    if (n) return uses(`iN${n[1]}`) || uses(`iD${n[1]}`);
    const v = /^\s*const iV(\d+) = /.exec(l);
    return !v || uses(`iV${v[1]}`);
  });
}

/** The lines before the body: constants, then the function's head. */
export function head(p: ProgramIR, e: Emitter, enumMaps: Map<string, { name: string; members: string[] }>, signature: string): string[] {
  return [
    `// 考核方案 ${comment(p.id)} — compiled by engine/codegen (issue 16); generated, do not edit`,
    "'use strict';",
    'const F = R.F;',
    `const GN = [${p.grades.map((g) => str(g.name)).join(', ')}];`,
    `const GQ = [${p.grades.map((g) => String(g.quotas)).join(', ')}];`,
    ...[...enumMaps.values()].map((m) => `const ${m.name} = new Map([${m.members.map((x, i) => `[${str(x)}, ${i}]`).join(', ')}]);`),
    // panel settings: JSON of names and safe integers, read back as data (never as code)
    ...[...e.rateSpecs].map(([json, name]) => `const ${name} = Object.freeze(JSON.parse(${str(json)}));`),
    `return function ${signature} {`,
    "  const W = lang === 'zh' ? T.zh : T.en;",
  ];
}

