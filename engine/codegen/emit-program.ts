// Emitting a whole program (issue 16): ProgramIR → the source of a factory `(R, T) => run`, where
// run(I, id, lang, display, period, exactValues) evaluates one subject exactly as the closures engine
// does (engine/evaluate.ts layout, subject.ts, rules.ts, attached.ts without attached items,
// grade.ts, outcome.ts) and returns its SubjectResult, built with the same keys in the same order.
// Lets, applicability and scores are computed once each, in dependency order, into locals; a value
// the closures would compute lazily is computed eagerly here — harmless, because any failure bails
// to the closures (which then decide whether the subject fails). Texts that depend on the language
// (reasons of `otherwise` and restrictions) are rendered once per language into T.

import { walk, type ItemIR, type ListIR, type NodeIR, type ProgramIR } from './ir.js';
import { access, literal } from './emit-base.js';
import { Emitter } from './emit-expr.js';
import { applyAttached, attachedAmount, attachedDeps, attachedListHead, attachedSlots, forKey, keepGroupRow, keepIndicatorRow } from './emit-attached.js';
import { emitFinalReasons, emitMember } from './emit-cohort.js';
import { emitMissed } from './emit-describe.js';
import { ARGS_SIGNATURE, emitArgs } from './emit-aggs.js';
import { head, readOnly } from './emit-head.js';
import { JsonText, jsonLiteral, objectPart, type Part } from './emit-json.js';
import { comment, str } from './safe.js';
import { WEIGHT_DIGITS } from '../outcome.js';

type Ref = { kind: 'indicator' | 'group'; index: number };
export interface Texts { add(make: (lang: 'zh' | 'en') => string): number; }
/** The words of grade.ts for a restriction of item `it` of a list and for `G: otherwise` (index.ts renders them). */
export interface Words {
  restriction(list: ListIR, it: ItemIR, kind: 'veto' | 'nograde' | 'cap', lang: 'zh' | 'en', grade?: string): string;
  otherwise(grade: string, lang: 'zh' | 'en'): string;
}

const RUN = 'run(I, id, lang, display, period, exactValues, member, fin, C)';

/** `only: 'rules'`: the rule lists alone (bench/engine.ts row (b)) — the inputs, the lets and nodes
 * their items read, the lists; returns what they decided instead of a SubjectResult. 'pre'/'post':
 * a stage's cohort aggregate arguments (emit-aggs.ts). 'json': the whole program, answering the result's JSON text (emit-json.ts). */
export function emitProgram(p: ProgramIR, texts: Texts, words: Words, only?: 'rules' | 'pre' | 'post' | 'json'): string {
  const J = only === 'json' ? new JsonText(p, WEIGHT_DIGITS) : undefined;
  const enumMaps = new Map<string, { name: string; members: string[] }>();
  const inputIx = new Map(p.inputs.map((x, i) => [x.name, i]));
  const e = new Emitter({
    precision: p.precision,
    input: (name) => inputIx.get(name)!,
    integer: (name) => { const f = p.inputs[inputIx.get(name)!]; return f.spec.kind === 'number' && f.spec.integer; },
    enumIndex: (members) => {
      const key = members.join('\u0000');
      let m = enumMaps.get(key);
      if (!m) { m = { name: `IX${enumMaps.size}`, members }; enumMaps.set(key, m); }
      return m.name;
    },
  });
  const P = p.precision;
  const node = (r: Ref) => (r.kind === 'indicator' ? p.indicators : p.groups)[r.index];
  const s = (r: Ref) => (r.kind === 'indicator' ? 'I' : 'G') + r.index;
  const what = (n: NodeIR) => `${n.kind === 'indicator' ? '指标' : '组'} ${n.name} (line ${n.line})`;

  // ---- inputs
  e.note('inputs (validated: every number reads on the fast path, every object is plain)');
  p.inputs.forEach((f, k) => {
    const raw = `${access('I', f.name)}${f.hasDefault && f.dflt !== undefined ? ` ?? ${literal(f.dflt)}` : ''}`;
    if (f.spec.kind === 'number') { e.line(`R.num(${raw}); const iN${k} = F.n, iD${k} = F.d; // ${comment(f.name)}`); }
    else e.line(`const iV${k} = ${raw}; // ${comment(f.name)}`);
  });

  // ---- slots
  p.lets.forEach((l, i) => e.line(l.value.ty.k === 'num' ? `let lN${i} = 0, lD${i} = 1;` : `let lV${i};`));
  for (const n of [...p.indicators, ...p.groups]) { const k = s(n); e.line(`let a${k} = false, sN${k} = 0, sD${k} = 1;`); }
  attachedSlots(p, e, !!J); // items attached to indicators (emit-attached.ts)

  // ---- lets, applicability and scores, in dependency order
  const done = new Set<string>(), busy = new Set<string>();
  const ensure = (key: string, deps: () => string[], body: () => void) => {
    if (done.has(key)) return;
    if (busy.has(key)) throw new Error(`cycle at ${key}`);
    busy.add(key);
    for (const d of deps()) need(d);
    body();
    busy.delete(key); done.add(key);
  };
  const depsOf = (...irs: unknown[]): string[] => {
    const out: string[] = [];
    for (const ir of irs) walk(ir, (x) => {
      if (x.op === 'Let') out.push(`L${x.index}`);
      if (x.op === 'Node') { const k = (x.kind === 'indicator' ? 'I' : 'G') + x.index; out.push(`A${k}`, `S${k}`); }
    });
    return out;
  };
  const shareDeps = (n: NodeIR): unknown[] => [n.share.cases?.map((c) => c.cond), ...(n.children ?? []).flatMap((c) => [...shareDeps(node(c)), { op: 'Node', kind: c.kind, index: c.index }])];
  function need(key: string): void {
    const kind = key[0], rest = key.slice(1);
    if (kind === 'L') {
      const i = Number(rest), l = p.lets[i];
      ensure(key, () => depsOf(l.value), () => {
        e.note(`let ${l.name} (line ${l.line})`);
        if (l.value.ty.k === 'num') { const [n, d] = e.num(l.value); e.line(`lN${i} = ${n}; lD${i} = ${d};`); }
        else e.line(`lV${i} = ${e.val(l.value)};`);
      });
      return;
    }
    const ref: Ref = { kind: rest[0] === 'I' ? 'indicator' : 'group', index: Number(rest.slice(1)) };
    const n = node(ref), k = s(ref);
    if (kind === 'A') {
      ensure(key, () => [...(n.parent !== undefined ? [`AG${n.parent}`] : []), ...depsOf(n.conds)], () => {
        e.note(`applies: ${what(n)}`);
        e.line(`a${k} = ${n.parent !== undefined ? `aG${n.parent}` : 'true'};`);
        for (const c of n.conds) e.block(`if (a${k})`, () => e.line(`a${k} = ${e.val(c)} === true;`));
      });
      return;
    }
    ensure(key, () => [`A${k}`, ...(n.kind === 'indicator' ? depsOf(n.value, n.range) : depsOf(shareDeps(n)))], () => {
      e.note(what(n));
      e.block(`if (a${k})`, () => (n.kind === 'indicator' ? indicatorScore(n, k) : groupScore(n, k)));
    });
  }

  function indicatorScore(n: NodeIR, k: string): void {
    const v = e.num(n.value!);
    let lo: [string, string] = ['0', '1'], hi: [string, string] = ['100', '1'];
    if (n.range) { lo = e.num(n.range.lo); hi = e.num(n.range.hi); }
    const t = e.tmp('k');
    const [vn, vd] = e.pick('min', e.pick('max', v, lo, `${t}a`), hi, t); // Rational.min(Rational.max(v, lo), hi)
    e.line(`sN${k} = ${vn}; sD${k} = ${vd};`);
  }

  /** A node's share among its siblings, into locals (subject.ts share). */
  function share(n: NodeIR): [string, string] {
    const t = e.tmp('w');
    if (n.share.kind !== 'none') {
      const v = n.share.value!;
      e.line(`let ${t}n = ${v.n}, ${t}d = ${v.d};`);
      const cases = n.share.cases ?? [];
      const go = (i: number): void => {
        if (i === cases.length) return;
        const c = e.val(cases[i].cond);
        e.block(`if (${c} === true)`, () => e.line(`${t}n = ${cases[i].value.n}; ${t}d = ${cases[i].value.d};`));
        e.block('else', () => go(i + 1));
      };
      go(0);
      return [`${t}n`, `${t}d`];
    }
    e.line(`let ${t}n = 0, ${t}d = 1;`);
    if (n.kind === 'indicator') return [`${t}n`, `${t}d`];
    for (const c of n.children!) {
      const add = () => { const [cn, cd] = share(node(c)); e.line(e.addTo(t, cn, cd)); };
      if (n.normalize) e.block('', add); else e.block(`if (a${s(c)})`, add);
    }
    return [`${t}n`, `${t}d`];
  }

  function groupScore(n: NodeIR, k: string): void {
    const t = e.tmp('g');
    e.line(`let ${t}sn = 0, ${t}sd = 1, ${t}an = 0, ${t}ad = 1;`);
    for (const c of n.children!) {
      e.block(`if (a${s(c)})`, () => {
        const [wn, wd] = share(node(c));
        e.line(e.addTo(`${t}s`, wn, wd));
        e.line(`R.mul(sN${s(c)}, sD${s(c)}, ${wn}, ${wd}); ${e.addTo(`${t}a`, 'F.n', 'F.d')}`);
      });
    }
    e.line(`if (${t}sn === 0) R.bail('KH-E015');`);
    e.line(`R.div(${t}an, ${t}ad, ${t}sn, ${t}sd); sN${k} = F.n; sD${k} = F.d;`);
  }

  // Everything any stage reads, then every node of the tree.
  const stageIRs = only === 'rules' ? [p.negatives, p.rewards, attachedDeps(p)] : only === 'pre' ? [p.aggs?.pre, p.cohortBy]
    : only === 'post' ? [p.adjust, p.negatives, p.rewards, p.aggs?.post] : [p.adjust, p.negatives, p.rewards, p.grades, p.bonus, p.actions, p.improve, p.cohort];
  for (const d of depsOf(...stageIRs)) need(d);
  /** The program's text: constants and head, the body (`lines`), the end. */
  const program = (signature: string, lines = e.lines) => [...head(p, e, enumMaps, signature), ...lines, '};', ''].join('\n');
  if (only === 'pre') { emitArgs(e, p, 'pre'); return program(ARGS_SIGNATURE, readOnly(e.lines)); }
  if (only !== 'rules') for (const n of [...p.indicators, ...p.groups]) { need(`A${s(n)}`); need(`S${s(n)}`); }

  // ---- layout (evaluate.ts): applicable nodes with effective weights and points; the base
  if (only !== 'rules') layoutAndAdjust();
  function layoutAndAdjust(): void {
    e.note('layout: effective weights and points');
    e.line('const groups = [], indicators = [];');
    const visit = (children: Ref[], parent: NodeIR | undefined, ew: [string, string]): [string, string] => {
      const t = e.tmp('y');
      e.line(`let ${t}c = 0, ${t}sn = 0, ${t}sd = 1, ${t}tn = 0, ${t}td = 1;`);
      const w = new Map<string, [string, string]>();
      for (const c of children) {
        const wl = e.tmp('w');
        e.line(`let ${wl}n = 0, ${wl}d = 1;`);
        e.block(`if (a${s(c)})`, () => {
          const [n, d] = share(node(c));
          e.line(`${wl}n = ${n}; ${wl}d = ${d}; ${t}c++;`);
          e.line(e.addTo(`${t}s`, n, d));
        });
        w.set(s(c), [`${wl}n`, `${wl}d`]);
      }
      if (!parent && p.normalize && children.length > 0) e.line(`if (${t}c === 0) R.bail('KH-E017');`);
      if (children.length === 0) return [`${t}tn`, `${t}td`];
      const weights = node(children[0]).share.kind === 'weight', normalize = parent ? parent.normalize : p.normalize;
      const divide = !weights || normalize; // points, or normalized weights: each share ÷ their sum
      e.block(`if (${t}c > 0)`, () => {
        if (weights && !normalize) e.line(`if (R.cmp(${t}sn, ${t}sd, 1, 1) !== 0) R.bail('KH-E017');`);
        if (!weights && !parent && !p.normalize) e.line(`if (R.cmp(${t}sn, ${t}sd, ${p.total.n}, ${p.total.d}) !== 0) R.bail('KH-E017');`);
        if (divide) e.line(`if (${t}sn === 0) R.bail('KH-E017');`);
        for (const c of children) {
          const cn = node(c), [wn, wd] = w.get(s(c))!;
          e.note(what(cn));
          e.block(`if (a${s(c)})`, () => {
            if (divide) e.line(`R.div(${wn}, ${wd}, ${t}sn, ${t}sd);`); else e.line(`F.n = ${wn}; F.d = ${wd};`);
            const x = e.tmp('e');
            e.line(`R.mul(${ew[0]}, ${ew[1]}, F.n, F.d); const ${x}n = F.n, ${x}d = F.d;`);
            const parentName = parent ? str(parent.name) : 'null';
            if (c.kind === 'indicator') {
              e.line(`R.mul(sN${s(c)}, sD${s(c)}, ${x}n, ${x}d); R.mul(F.n, F.d, ${p.scale.n}, ${p.scale.d}); const ${x}pn = F.n, ${x}pd = F.d;`);
              if (J) J.indicator(e, cn, parent, s(c), x); else e.line(`indicators.push({ id: ${str(cn.name)}, label: ${str(cn.label)}, group: ${parentName}, score: R.rnd(sN${s(c)}, sD${s(c)}, ${P}), weight: R.rnd(${x}n, ${x}d, ${WEIGHT_DIGITS}), points: R.rnd(${x}pn, ${x}pd, ${P}) });`);
              keepIndicatorRow(p, e, c.index, [`${x}pn`, `${x}pd`], !!J);
              e.line(e.addTo(`${t}t`, `${x}pn`, `${x}pd`));
            } else {
              if (J) J.groupOpen(e, cn, parent, s(c), x);
              else { e.line(`const ${x}g = { id: ${str(cn.name)}, label: ${str(cn.label)}, ${parent ? `group: ${parentName}, ` : ''}score: 0, weight: R.rnd(${x}n, ${x}d, ${WEIGHT_DIGITS}), points: 0 };`); e.line(`groups.push(${x}g);`); }
              const [pn, pd] = visit(cn.children!, cn, [`${x}n`, `${x}d`]);
              if (J) J.groupClose(e, x, pn, pd); else e.line(`${x}g.score = R.rnd(sN${s(c)}, sD${s(c)}, ${P}); ${x}g.points = R.rnd(${pn}, ${pd}, ${P});`);
              keepGroupRow(p, e, c.index, `${x}g`, [pn, pd], !!J);
              e.line(e.addTo(`${t}t`, pn, pd));
            }
          });
        }
      });
      return [`${t}tn`, `${t}td`];
    };
    const [bn, bd] = visit(p.roots, undefined, ['1', '1']);
    e.line(`let rN_base = ${bn}, rD_base = ${bd};`); // attached items change it after the lists

    // ---- adjust
    if (p.adjust) { e.note('adjust'); const [n, d] = e.num(p.adjust); e.line(`const rN_adjust = ${n}, rD_adjust = ${d};`); }
    else e.line('const rN_adjust = 1, rD_adjust = 1;');
  }

  // ---- rule lists (rules.ts native runtime, attached.ts without attached items)
  e.line('const negative = [], rewardItems = [], actions = [];');
  e.line('let ng = -1, vt = -1, capG = -1, capT = -1;');
  const list = (l: ListIR, key: 'deduct' | 'add', total: string) => {
    e.note(`${l.kind === 'negative' ? '负面清单' : '加分'} ${l.name}`);
    const t = e.tmp('l');
    e.line(`let ${t}n = 0, ${t}d = 1;`);
    if (l.attached) attachedListHead(e, l, t);
    for (const it of l.items) item(l, it, key, t);
    if (l.max && !l.attached) {
      const [mn, md] = e.num(l.max);
      e.line(`if (R.cmp(${t}n, ${t}d, ${mn}, ${md}) > 0) { ${t}n = ${mn}; ${t}d = ${md}; }`);
    }
    e.line(e.addTo(total, `${t}n`, `${t}d`));
  };
  const item = (l: ListIR, it: ItemIR, key: 'deduct' | 'add', sum: string) => {
    e.note(`item ${it.name} (line ${it.line})`);
    const hit = e.val(it.when);
    e.block(`if (${hit})`, () => {
      const parts: Part[] = [];
      const adds = e.tmp('q');
      if (l.kind === 'reward') e.line(`let ${adds}n = 0, ${adds}d = 1;`);
      for (const ef of it.effects) {
        switch (ef.kind) {
          case 'veto': parts.push(['veto', { raw: 'true' }]); e.line(`if (vt < 0) vt = ${restrictText(l, it, 'veto')};`); break;
          case 'nograde': parts.push(['nograde', { raw: 'true' }]); e.line(`if (ng < 0) ng = ${restrictText(l, it, 'nograde')};`); break;
          case 'cap': parts.push(['cap', { s: ef.name }]); e.line(`if (${ef.grade} > capG) { capG = ${ef.grade}; capT = ${restrictText(l, it, 'cap', ef.name)}; }`); break;
          case 'action': parts.push(['action', { s: ef.name }]); e.line(`if (!actions.includes(${str(ef.name)})) actions.push(${str(ef.name)});`); break;
          case 'deduct': case 'add': {
            let [an, ad] = e.num(ef.amount);
            if (ef.per) { const [pn, pd] = e.num(ef.per); e.line(`R.mul(${an}, ${ad}, ${pn}, ${pd});`); [an, ad] = e.takeF(); }
            if (ef.max) [an, ad] = e.pick('min', [an, ad], e.num(ef.max), e.tmp());
            parts.push([ef.kind, { rnd: [an, ad, P] }]);
            if (ef.kind === key && l.attached) attachedAmount(p, e, l, it, sum, sum, [an, ad], !!J);
            else if (ef.kind === key) e.line(e.addTo(sum, an, ad));
            if (l.kind === 'reward' && ef.kind === 'add') e.line(e.addTo(adds, an, ad));
          }
        }
      }
      const label = it.label !== undefined ? `, label: ${str(it.label)}` : '';
      if (J) J.item(e, l, it, parts, adds);
      else if (l.kind === 'negative') e.line(`negative.push({ list: ${str(l.name)}, item: ${str(it.name)}${label}, effects: [${parts.map(objectPart).join(', ')}], at: ${str(`line ${it.line}`)}${forKey(p, it)} });`);
      else e.line(`rewardItems.push({ list: ${str(l.name)}, item: ${str(it.name)}${label}, add: R.rnd(${adds}n, ${adds}d, ${P})${forKey(p, it)} });`);
    });
  };
  const restrictText = (l: ListIR, it: ItemIR, kind: 'veto' | 'nograde' | 'cap', grade?: string) => texts.add((lang) => words.restriction(l, it, kind, lang, grade));
  e.line('let dn = 0, dd = 1, wn = 0, wd = 1;');
  for (const l of p.negatives) list(l, 'deduct', 'd');
  for (const l of p.rewards) list(l, 'add', 'w');
  if (only !== 'rules') applyAttached(p, e, !!J);
  e.line('const rN_deductions = dn, rD_deductions = dd, rN_rewards = wn, rD_rewards = wd;');
  if (only === 'rules') {
    e.line(`return { negative, rewardItems, actions, deductions: R.rnd(dn, dd, ${P}), rewards: R.rnd(wn, wd, ${P}), veto: vt >= 0, nograde: ng >= 0, cap: capG < 0 ? null : GN[capG] };`);
    return program('rules(I, lang, period)', readOnly(e.lines));
  }

  // ---- score = max(0, base × adjust + rewards − deductions)
  e.line('R.mul(rN_base, rD_base, rN_adjust, rD_adjust); R.add(F.n, F.d, wn, wd); R.sub(F.n, F.d, dn, dd);');
  e.line('const rN_score = F.n < 0 ? 0 : F.n, rD_score = F.n < 0 ? 1 : F.d;');
  if (only === 'post') { emitArgs(e, p, 'post'); return program(ARGS_SIGNATURE); }

  // ---- the candidate grade over reported values, with its reasons (grade.ts, describe.ts)
  e.line('let cand = -1, reasons = null;');
  for (const g of p.grades) {
    e.note(`grade ${g.name}`);
    if (g.otherwise) { const k = texts.add((lang) => words.otherwise(g.name, lang)); e.line(`if (cand < 0) { cand = ${g.index}; reasons = [W[${k}]]; }`); continue; }
    for (const r of g.rules) {
      e.block('if (cand < 0)', () => {
        const h = e.val(r.when);
        e.block(`if (${h} === true)`, () => {
          e.line(`cand = ${g.index}; reasons = [];`);
          e.describe(r.desc, 'reasons');
        });
      });
    }
  }
  e.line(`let allowed = cand, acted = -1;`);
  e.line(`if (cand >= 0) { if (ng >= 0) { allowed = -1; acted = ng; } else if (vt >= 0) { allowed = ${p.grades.length - 1}; acted = vt; } else if (capG > cand) { allowed = capG; acted = capT; } }`);
  // the final grade: the allowed one, or the one a cohort's quotas left (`fin`, emit-cohort.ts)
  e.line('const fg = fin === undefined ? allowed : fin.grade;');
  e.line('const rV_grade = fg >= 0 ? GN[fg] : null;');
  // the candidate's reasons as they are when it is the grade (the common case: no copy)
  e.line('let gradeReasons;');
  e.line('if (fg >= 0 && fg === cand) gradeReasons = reasons;');
  e.line('else { gradeReasons = []; if (fg >= 0 && cand >= 0) { for (const x of reasons) gradeReasons.push(R.because(GN[cand], x, lang)); } }');
  e.line('if (acted >= 0) gradeReasons.push(W[acted]);');
  emitFinalReasons(e, p, texts, words);
  emitMissed(e, p); // why each better grade was missed, last (grade.ts missedReasons)

  // ---- outcomes (outcome.ts)
  e.line('let rN_bonus = null, rD_bonus = 1;');
  if (p.bonus?.length) {
    e.block('switch (rV_grade)', () => {
      for (const b of p.bonus!) {
        e.block(`case ${str(b.grade)}:`, () => { const [n, d] = e.num(b.value); e.line(`rN_bonus = ${n}; rD_bonus = ${d};`); e.line('break;'); });
      }
    });
  }
  for (const a of p.actions) {
    e.note(`action ${a.name} (line ${a.line})`);
    e.block(a.usesGrade ? 'if (fg >= 0)' : 'if (true)', () => {
      const h = e.val(a.when);
      e.line(`if (${h} === true && !actions.includes(${str(a.name)})) actions.push(${str(a.name)});`);
    });
  }
  e.line('let improve = [];');
  if (p.improve) {
    e.note('improve');
    const [bn2, bd2] = e.num(p.improve.below);
    e.line('let rows = null;');
    p.indicators.forEach((n, i) => {
      e.block(`if (aI${i})`, () => {
        e.line(`R.round(sNI${i}, sDI${i}, ${P});`);
        e.line(`if (R.cmp(F.n, F.d, ${bn2}, ${bd2}) < 0) (rows ??= []).push(${J ? jsonLiteral(n.name) : str(n.name)}, F.n, F.d);`);
      });
    });
    e.line(`if (rows !== null) improve = R.improve(rows, ${p.improve.max ?? 'Infinity'});`);
  }

  // ---- a cohort member (batch.ts, engine/stream): what its cohort's book and races read
  emitMember(e, p);

  // ---- the result (outcome.ts resultOf: the same keys in the same order)
  if (p.display.length) {
    // display inputs (display-inputs.ts): their values as text, after the request's other display fields
    const pairs = p.display.map((f) => {
      const raw = `${access('I', f.name)}${f.dflt !== undefined ? ` ?? ${literal(f.dflt)}` : ''}`;
      return f.spec.kind === 'number' ? `R.numText(${raw})` : raw;
    });
    e.line(`display = R.display(display, [${p.display.map((f) => str(f.name)).join(', ')}], [${pairs.join(', ')}]);`);
  }
  if (J) return J.result(e, head(p, e, enumMaps, RUN)); // or its JSON text (emit-json.ts)
  e.line(`const result = { scheme: { id: ${str(p.id)}, version: ${p.version === null ? 'null' : str(p.version)}, hash: ${str(p.hash)} }, subject: id };`);
  e.line('if (display !== undefined) result.display = display;');
  e.line('if (period !== undefined) result.period = period;');
  e.line('if (member) { result.cohort = cohortKey; result.rank = fin === undefined ? null : fin.rank; } // else the batch fills it in');
  e.line(`result.score = R.rnd(rN_score, rD_score, ${P}); result.base = R.rnd(rN_base, rD_base, ${P}); result.adjust = R.rnd(rN_adjust, rD_adjust, ${WEIGHT_DIGITS});`);
  e.line(`result.rewards = R.rnd(wn, wd, ${P}); result.deductions = R.rnd(dn, dd, ${P});`);
  e.line('result.grade = rV_grade; result.provisional = fin === undefined && allowed >= 0 && GQ[allowed]; result.gradeReasons = gradeReasons;');
  e.line('result.groups = groups; result.indicators = indicators; result.negative = negative; result.rewardItems = rewardItems;');
  e.line(`result.actions = actions; result.bonus = rN_bonus === null ? null : R.rnd(rN_bonus, rD_bonus, ${WEIGHT_DIGITS}); result.improve = improve;`);
  e.line('if (fin !== undefined && fin.quota !== undefined) result.quota = fin.quota;');
  e.line('if (exactValues) result.exact = { score: R.exact(rN_score, rD_score), base: R.exact(rN_base, rD_base), rewards: R.exact(wn, wd), deductions: R.exact(dn, dd) };');
  e.line('if (fin !== undefined && fin.flags !== undefined) result.flags = fin.flags;');
  e.line('return result;');

  return program(RUN);
}
