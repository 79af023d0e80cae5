// Test helpers of the generated validator: the reference schemes' contracts, and invalid inputs made
// by mutating valid ones (wrong types, values on and beside every bound, missing fields, extra and
// prototype keys, other prototypes, exact numbers and duplicate keys from json-exact.ts).

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { FieldSpec, TypeSpec } from '../../engine/contract.js';
import { planOf, prepare } from '../../engine/index.js';
import { parseJsonExact, UnreadableNumber } from '../../engine/json-exact.js';
import { Rational } from '../../dsl/rational.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIRS = [join(ROOT, '../shared/spec/examples'), join(ROOT, 'schemes'), join(ROOT, 'test/jre/schemes')];

/** Every reference scheme's contract, identical sources once. */
export function contracts(): { name: string; contract: FieldSpec[] }[] {
  const seen = new Map<string, { name: string; contract: FieldSpec[] }>();
  for (const dir of DIRS) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.kaohe')).sort()) {
      const source = readFileSync(join(dir, f), 'utf8');
      const key = createHash('sha256').update(source).digest('hex');
      if (seen.has(key)) continue;
      const p = prepare(source, f);
      if (!p.value) throw new Error(`${f} has errors`);
      seen.set(key, { name: relative(ROOT, join(dir, f)), contract: planOf(p.value).contract });
    }
  }
  return [...seen.values()];
}

const nextUp = (x: number): number => {
  if (x === 0) return 5e-324;
  const b = new Float64Array([x]), i = new BigInt64Array(b.buffer);
  i[0] += x > 0 ? 1n : -1n;
  return b[0];
};
const nextDown = (x: number): number => -nextUp(-x);

/** Numbers of the contract (bounds, set values) with their neighbouring doubles and decimals. */
function contractNumbers(specs: FieldSpec[]): number[] {
  const out: number[] = [];
  const visit = (t: TypeSpec): void => {
    if (t.kind === 'number') {
      for (const r of [t.lo?.value, t.hi?.value, ...(t.oneOf?.values ?? [])]) {
        if (!r) continue;
        const x = r.toNumber();
        out.push(x, nextUp(x), nextDown(x), x + 0.001, x - 0.001, x + 0.5, x - 1e-9);
      }
    } else if (t.kind === 'list') visit(t.element);
    else if (t.kind === 'record') t.fields.forEach((f) => visit(f.type));
    else if (t.kind === 'ratings' && t.rating) visit(t.rating);
  };
  specs.forEach((f) => visit(f.type));
  return out;
}

/** Names of the contract: fields, enum members, panel categories and criteria. */
function contractNames(specs: FieldSpec[]): string[] {
  const out: string[] = [];
  const visit = (t: TypeSpec): void => {
    if (t.kind === 'enum') out.push(...t.members.keys());
    else if (t.kind === 'list') visit(t.element);
    else if (t.kind === 'record') { out.push(...t.fields.map((f) => f.name)); t.fields.forEach((f) => visit(f.type)); }
    else if (t.kind === 'ratings') out.push(...t.panel.categories.map((c) => c.name.name), ...(t.criteria ?? []));
  };
  out.push(...specs.map((f) => f.name));
  specs.forEach((f) => visit(f.type));
  return out;
}

/** Fresh each time: a mutation may change the object it inserted. */
const special = (): unknown[] => [
  NaN, Infinity, -Infinity, -0, 0, 1e21, 1e-7, 5e-324, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 2 ** 53 + 2, 0.1 + 0.2, 1 / 3,
  1e15, 1e15 - 0.5, 999999999999999.9, 0.000001, 0.0000015, 100.0000001, -1, 101, 1.5, 1.5000000000000002, 12.345678901234567,
  null, undefined, true, false, '', 'x', '0', '95', '2026-02-29', '2024-02-29', '2026-13-01', '0000-01-01', '2026-1-01', '2026-01-01 ',
  [], {}, [1, 2], { a: 1 }, [[[]]], { x: { y: [null] } }, Rational.of(1n), Rational.parse('0.5'), Rational.parse('95'),
  new UnreadableNumber('1e999'), Object.create(null), new Map(), new Date(0), [, 1], Object.assign(Object.create({ x: 1 }), { a: 1 }),
];

const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'x', '', '0'];

export interface Mutation { kind: number; at: number; junk: unknown; key: string }

/** Arbitrary mutations for `specs`' inputs. */
export function mutationsArb(specs: FieldSpec[]): fc.Arbitrary<Mutation[]> {
  const names = contractNames(specs);
  const junk = fc.oneof(
    { weight: 4, arbitrary: fc.nat(special().length - 1).map((i) => special()[i]) },
    { weight: 3, arbitrary: contractNumbers(specs).length ? fc.constantFrom(...contractNumbers(specs)) : fc.constant(0) },
    { weight: 2, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
  const key = fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom(...names), fc.string({ maxLength: 3 }));
  const one = fc.record({ kind: fc.nat(6), at: fc.nat(), junk, key });
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(x: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(x)) x.forEach((e, i) => { out.push({ parent: x, key: i }); slots(e, out); });
  else if (typeof x === 'object' && x !== null && !(x instanceof Rational)) {
    for (const k of Object.keys(x)) { out.push({ parent: x as Record<string, unknown>, key: k }); slots((x as Record<string, unknown>)[k], out); }
  }
  return out;
}

const put = (o: object, k: string | number, v: unknown): void => {
  Reflect.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
};
const obj = (v: unknown): object | undefined => (typeof v === 'object' && v !== null ? v : undefined);

/** Applies `ms` to a copy of the (JSON) input `x`. */
export function mutate(x: Record<string, unknown>, ms: Mutation[]): unknown {
  let root: unknown = structuredClone(x);
  for (const m of ms) {
    const all = slots(root);
    const s = all.length ? all[m.at % all.length] : undefined;
    switch (m.kind) {
      case 0: if (s) put(s.parent, s.key, m.junk); else root = m.junk; break; // a wrong value
      case 1: // a missing field or list element
        if (!s) break;
        if (Array.isArray(s.parent)) s.parent.splice(Number(s.key), 1); else delete s.parent[s.key as string];
        break;
      case 2: { // an extra key or element
        const o = s ? s.parent : obj(root);
        if (o) put(o, Array.isArray(o) ? o.length : m.key, m.junk);
        break;
      }
      case 3: { // a number moved a little
        const v = s && (s.parent as Record<string, unknown>)[s.key as string];
        if (s && typeof v === 'number') put(s.parent, s.key, [nextUp(v), nextDown(v), v + 0.1, -v, v * 10, v / 3, v + 1e-7][m.at % 7]);
        break;
      }
      case 4: { // another prototype
        const o = s ? s.parent : obj(root);
        if (o && !Array.isArray(o)) Reflect.setPrototypeOf(o, m.at % 2 ? null : { [m.key]: m.junk });
        break;
      }
      case 5: if (s && Array.isArray(s.parent)) delete s.parent[Number(s.key)]; break; // a hole
      case 6: { // a key one level down
        // not on a list: validate.ts's `x.map` throws on a list with an own `constructor` (no JSON has one)
        const o = obj(s ? (s.parent as Record<string, unknown>)[s.key as string] : root);
        if (o && !Array.isArray(o)) put(o, m.key, m.junk);
        break;
      }
    }
  }
  return root;
}

const NUMBER_TEXT = ['1e400', '9007199254740993', '0.1000000000000000055511151231257827', '1e-7', '100.000000000000001', '-0', '0.0', '1E2', '95.00', '1e-999999'];

/** The input as JSON text with one number token replaced (read back by json-exact.ts), or one key of
 * an object written twice. */
export function viaJsonText(x: Record<string, unknown>, at: number, how: number): unknown {
  const text = JSON.stringify(x);
  if (how % 2 === 0) {
    const tokens = [...text.matchAll(/(?<=[:,[])-?\d[\d.eE+-]*/g)];
    if (!tokens.length) return parseJsonExact(text);
    const t = tokens[at % tokens.length];
    return parseJsonExact(text.slice(0, t.index) + NUMBER_TEXT[how % NUMBER_TEXT.length] + text.slice(t.index + t[0].length));
  }
  // `{"a":1,...}` → `{"a":1,"a":1,...}`: the first key of some object, repeated
  const opens = [...text.matchAll(/\{("(?:[^"\\]|\\.)*":(?:-?[\d.eE+-]+|true|false|null|"(?:[^"\\]|\\.)*"))/g)];
  if (!opens.length) return parseJsonExact(text);
  const o = opens[at % opens.length];
  const end = o.index + o[0].length;
  return parseJsonExact(`${text.slice(0, end)},${o[1]}${text.slice(end)}`);
}
