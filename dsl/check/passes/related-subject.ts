// KH-C169 (issue 14 part 2): the FIELD of a related subject's result, `results of 领导班子考核 for 班子`.
// The related subject is the one whose id is this person's value of FIELD, so FIELD must be a
// top-level input field of this scheme (the server fills it from the member's input or the roster's
// unit, the CLI and examples give it) holding an id: `text`, or an enum (the member's name is the
// id). One code for the four ways to get it wrong, each message saying which, and naming the
// fields that would do. Called by the periods-input pass for each related input.

import type { Field, PeriodResultsType, Span, TypeExpr } from '../../ast.js';
import { fixOf } from '../../diagnostics.js';
import type { Msg } from '../../i18n/index.js';
import { quoteName } from '../../quote-name.js';
import type { CheckContext } from '../context.js';
import { kindMsg, M, names } from '../messages.js';
import { RS } from '../messages/related.js';
import { typeMsg } from '../types.js';

/** An id-holding field: text or an enum (its type as the resolve pass typed it). */
function holdsId(ctx: CheckContext, f: Field): boolean {
  if (f.type.kind === 'PeriodResults') return false;
  const t = ctx.typeExprs.get(f.type);
  return t?.kind === 'text' || t?.kind === 'enum';
}

/** Whether type `t` has a record field named `name` (at any depth). */
function hasField(t: TypeExpr, name: string): boolean {
  if (t.kind === 'RecordType') return t.fields.some((g) => g.name.name === name || hasField(g.type, name));
  return t.kind === 'ListType' && hasField(t.element, name);
}

/** The top-level text/enum inputs (what may follow `for`). */
function candidates(ctx: CheckContext): string[] {
  return [...ctx.symbols.inputs.values()].filter((f) => holdsId(ctx, f)).map((f) => f.name.name);
}

/** What to name instead: the one candidate, the candidates, or how to declare one. */
function want(choices: string[]): Msg {
  if (choices.length === 1) return RS.wantIt({ choice: choices[0] });
  return choices.length > 0 ? RS.wantOne({ choices: names(choices) }) : RS.wantAny();
}

/** KH-C169 at `at`; with a single candidate, a fix that names it. */
function report(ctx: CheckContext, at: Span, msg: (want: Msg) => Msg): void {
  const choices = candidates(ctx);
  const fix = choices.length === 1
    ? fixOf(M.fixUseName({ name: choices[0] }), [{ span: at, text: quoteName(choices[0], ctx.parsed.keywordLang) }]) : undefined;
  ctx.sink.add('KH-C169', at, msg(want(choices)), fix);
}

export function checkRelatedSubject(ctx: CheckContext, name: string, t: PeriodResultsType): void {
  const subject = t.subject;
  if (!subject) return; // a syntax error said so
  const args = { name, scheme: t.scheme?.name ?? '', field: subject.name };
  const at = subject.span;
  const s = ctx.symbols.names.get(subject.name);
  if (!s) {
    const inRecord = [...ctx.symbols.inputs.values()].some((f) => hasField(f.type, subject.name));
    report(ctx, at, (want) => (inRecord ? RS.nested : RS.unknown)({ ...args, want }));
    return;
  }
  if (s.kind !== 'input') { report(ctx, at, (want) => RS.notInput({ ...args, kind: kindMsg(s), want })); return; }
  const f = s.decl;
  if (f.type.kind === 'PeriodResults') { report(ctx, at, (want) => RS.periodField({ ...args, want })); return; }
  const type = ctx.typeExprs.get(f.type);
  if (!type || type.kind === 'error' || holdsId(ctx, f)) return;
  report(ctx, at, (want) => RS.wrongType({ ...args, type: typeMsg(type), want }));
}
