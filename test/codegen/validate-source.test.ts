// The generated validator's source: scheme text only inside string literals (hostile names with
// quotes, backslashes, `*/`, line separators and prototype keys change nothing), readable (a golden
// of the province scheme's validator: one commented block per field), and what it cannot support listed.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EnumDecl, PanelDecl } from '../../dsl/ast.js';
import { Rational } from '../../dsl/rational.js';
import type { FieldSpec, TypeSpec } from '../../engine/contract.js';
import { validatorFor, validatorSource } from '../../engine/codegen/validate.js';
import { M } from '../../engine/messages.js';
import { validateInput } from '../../engine/validate.js';
import type { EnumVal } from '../../engine/values.js';
import { recordArb } from '../jre/subjects.js';
import { contracts, mutate, mutationsArb } from './validate-schemes.js';

const NAMES = {
  quote: 'a"b', slash: 'back\\slash', close: '*/ return true; /*', sep: 'line\u2028sep', para: 'p\u2029', newline: 'new\nline',
  proto: '__proto__', ctor: 'constructor', str: 'toString', script: '</script>', tpl: '${x}`\'', lone: '\ud800',
};

const msg = M.text();
const name = (s: string) => ({ name: s }) as never;
const num = (lo: string, hi: string, integer = false): TypeSpec => ({
  kind: 'number', integer, lo: { value: Rational.parse(lo)!, inclusive: true }, hi: { value: Rational.parse(hi)!, inclusive: false }, text: 'n', msg,
});
function enumType(members: string[]): TypeSpec {
  const decl = { kind: 'Enum', name: name(NAMES.close) } as unknown as EnumDecl;
  const vals = members.map((m, index): [string, EnumVal] => [m, { kind: 'enum', enumName: NAMES.close, index, name: m }]);
  return { kind: 'enum', decl, members: new Map(vals), text: 'e', msg };
}
const panel = { kind: 'Panel', name: name(NAMES.quote), categories: [NAMES.close, NAMES.proto, NAMES.sep].map((c) => ({ name: name(c) })) } as unknown as PanelDecl;

/** A contract whose every name is hostile. */
const HOSTILE: FieldSpec[] = [
  { name: NAMES.quote, type: num('0', '1.5'), hasDefault: false },
  { name: NAMES.close, type: enumType([NAMES.quote, NAMES.sep, NAMES.close, NAMES.proto]), hasDefault: false },
  { name: NAMES.proto, type: { kind: 'text', text: 't', msg }, hasDefault: false },
  { name: NAMES.ctor, type: num('0', '100', true), hasDefault: true, default: Rational.ZERO },
  { name: NAMES.str, type: { kind: 'ratings', panel, text: 'r', msg }, hasDefault: false },
  {
    name: NAMES.sep, hasDefault: false, type: {
      kind: 'list', min: 1, max: 3, text: 'l', msg, element: {
        kind: 'record', text: 'r', msg, fields: [
          { name: NAMES.slash, type: { kind: 'bool', text: 'b', msg }, hasDefault: false },
          { name: NAMES.script, type: { kind: 'date', text: 'd', msg }, hasDefault: true, default: '2026-01-01' },
          { name: NAMES.newline, type: { kind: 'bool', text: 'b', msg }, hasDefault: false },
        ],
      },
    },
  },
  ...[NAMES.para, NAMES.tpl, NAMES.lone].map((n) => ({ name: n, type: { kind: 'bool', text: 'b', msg } as TypeSpec, hasDefault: true, default: false })),
];

/** The source with every string literal taken out: the code itself. */
const code = (src: string) => src.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');

const VALID = JSON.parse(JSON.stringify({
  [NAMES.quote]: 1.25, [NAMES.close]: NAMES.sep, [NAMES.proto]: NAMES.close, [NAMES.ctor]: 7,
  [NAMES.str]: { [NAMES.close]: [90, 95.5], [NAMES.proto]: [] },
  [NAMES.sep]: [{ [NAMES.slash]: true, [NAMES.newline]: false, [NAMES.script]: '2024-02-29' }, { [NAMES.slash]: false, [NAMES.newline]: true }],
  [NAMES.lone]: true,
})) as Record<string, unknown>;

describe('hostile names', () => {
  const { src, unsupported } = validatorSource(HOSTILE);
  const check = validatorFor(HOSTILE);

  it('enter the source only as string literals', () => {
    expect(code(src)).toMatch(/^[\x20-\x7e\n]*$/);
    expect(src).not.toMatch(/[\u2028\u2029]/);
    expect(code(src)).not.toContain('*/');
    expect(code(src)).not.toContain('script');
    expect(unsupported).toEqual([]);
  });

  it('are validated like validateInput does', () => {
    expect(validateInput(VALID, HOSTILE).errors).toEqual([]);
    expect(check(VALID)).toBe(true);
    const without = (k: string) => Object.fromEntries(Object.entries(VALID).filter(([key]) => key !== k));
    expect(check(without(NAMES.proto))).toBe(false); // required, and `__proto__` is not read from the prototype
    expect(check(without(NAMES.ctor))).toBe(true); // a default; `constructor` is not read from the prototype
    expect(check({ ...VALID, [NAMES.tpl]: 'x' })).toBe(false);
    expect(check(JSON.parse(JSON.stringify(VALID).replace('{', '{"return true":1,')))).toBe(false);
  });

  it('mutated: sound', () => {
    let accepted = 0;
    fc.assert(fc.property(recordArb(HOSTILE), mutationsArb(HOSTILE), (x, ms) => {
      for (const y of [x, mutate(x, ms)]) {
        if (!check(y)) continue;
        accepted++;
        expect(validateInput(y, HOSTILE).errors).toEqual([]);
      }
    }), { numRuns: 2000, seed: 16 });
    expect(accepted).toBeGreaterThan(2000); // every generated valid input at least
  });
});

describe('many optional fields (more than one mask of 30)', () => {
  const bool: TypeSpec = { kind: 'bool', text: 'b', msg };
  const many: FieldSpec[] = [
    { name: 'r1', type: bool, hasDefault: false },
    ...Array.from({ length: 65 }, (_, i): FieldSpec => ({ name: `o${i}`, type: bool, hasDefault: true, default: false })),
    { name: 'r2', type: num('0', '10', true), hasDefault: false },
    { name: 'broken', type: bool, hasDefault: true }, // a default the contract could not compute: required
  ];
  const check = validatorFor(many);

  it('checks each optional field when present, only then', () => {
    expect(check({ r1: true, r2: 3, broken: false })).toBe(true);
    expect(check({ r1: true, r2: 3 })).toBe(false);
    expect(check({ r1: true, r2: 3, broken: false, o64: true, o31: false, o0: true })).toBe(true);
    expect(check({ r1: true, r2: 3, broken: false, o64: 1 })).toBe(false);
    expect(check({ r1: true, r2: 3, broken: false, o40: undefined })).toBe(true);
    const hidden = { r1: true, r2: 3, broken: false };
    Object.defineProperty(hidden, 'o45', { value: 'not a bool', enumerable: false });
    expect(validateInput(hidden, many).errors.length).toBe(1);
    expect(check(hidden)).toBe(false);
  });

  it('does not read a field from a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.r2 = 3; // enumerable, as an assignment makes it: for-in would see it
      expect(validateInput({ r1: true, broken: false }, many).errors.length).toBe(1);
      expect(check({ r1: true, broken: false })).toBe(false);
      expect(check({ r1: true, r2: 3, broken: false })).toBe(false); // any pollution: the reference decides
    } finally {
      delete proto.r2;
    }
    expect(check({ r1: true, r2: 3, broken: false })).toBe(true);
  });

  it('mutated: sound', () => {
    fc.assert(fc.property(recordArb(many), mutationsArb(many), (x, ms) => {
      for (const y of [x, mutate(x, ms)]) if (check(y)) expect(validateInput(y, many).errors).toEqual([]);
    }), { numRuns: 1000, seed: 16 });
  });
});

describe('source', () => {
  const all = contracts();

  it('is readable: the province validator, one commented block per field', async () => {
    const province = all.find((c) => c.name.endsWith('province-annual.kaohe'))!;
    const { src, unsupported } = validatorSource(province.contract);
    expect(unsupported).toEqual([]);
    await expect(src).toMatchFileSnapshot('__golden__/province-annual.validate.txt');
  });

  it('keeps every scheme name inside string literals', () => {
    for (const { contract } of all) expect(code(validatorSource(contract).src)).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it('lists what it does not support: inputs by period', () => {
    const listed = all.filter((c) => validatorSource(c.contract).unsupported.length > 0).map((c) => c.name);
    const byPeriod = all.filter((c) => c.contract.some((f) => f.type.kind === 'periodResults')).map((c) => c.name);
    expect(listed).toEqual(byPeriod);
    expect(byPeriod.length).toBeGreaterThan(0);
  });
});
