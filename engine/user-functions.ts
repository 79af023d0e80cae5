// Functions declared in the scheme (issue 12) at evaluation. Each body is compiled once, on its first
// call site; a call evaluates its arguments (exact values: Rationals stay Rationals), pushes them as
// the function's frame, evaluates the body and pops the frame. The checker proved there is no
// recursion, so a function is never inside its own body; the frames are a stack all the same, which
// keeps `f(f(1))` right (the inner call finishes before the outer one binds).
//
// An error inside a body keeps the body's line and column (where the division by zero is) and says
// at which line the function was called: `… (line 3), in 折算 called at line 9`. A parameter's data
// path is its argument's, so an aggregate over a parameter names the input list it was given.

import type { CallExpr, FunctionDecl } from '../dsl/ast.js';
import type { Resolved } from '../dsl/check/types.js';
import { defineMessages } from '../dsl/i18n/index.js';
import { EvalFailure, fail } from './errors.js';
import { compileExpr, type CompileEnv } from './expr.js';
import { english, M as E } from './messages.js';
import type { Compiled, PathFn } from './plan.js';
import type { Value } from './values.js';

export const M = defineMessages('engineFunctions', {
  en: {
    calledAt: '{what}, in {name} called at line {line}',
    noFrame: "parameter '{name}' of {fn} evaluated outside a call",
  },
  zh: {
    calledAt: '{what}，在第 {line} 行调用的函数“{name}”中',
    noFrame: '函数“{fn}”的参数“{name}”在调用之外求值',
  },
});

interface Frame { values: Value[]; paths: (string | undefined)[] }
interface FunctionPlan { decl: FunctionDecl; body: Compiled; frames: Frame[] }

const PLANS = new WeakMap<CompileEnv, Map<FunctionDecl, FunctionPlan>>();

function planOf(env: CompileEnv, decl: FunctionDecl): FunctionPlan {
  let all = PLANS.get(env);
  if (!all) { all = new Map(); PLANS.set(env, all); }
  let p = all.get(decl);
  if (!p) {
    p = { decl, body: () => null, frames: [] };
    all.set(decl, p); // before compiling: the body's parameters find this plan
    // A body names no indicator or result name (the checker's KH-C080), so one compilation serves
    // the exact and the reported flavour alike.
    p.body = compileExpr(decl.body, env, false);
  }
  return p;
}

/** A call `折算(得分, 90)` of a function declared in the scheme. */
export function compileFunctionCall(e: CallExpr, decl: FunctionDecl, env: CompileEnv, args: Compiled[], paths: PathFn[]): Compiled {
  const plan = planOf(env, decl);
  const line = env.file.position(e.span.start).line;
  const name = decl.name.name;
  return (ctx) => {
    const values = args.map((a) => a(ctx));
    plan.frames.push({ values, paths: paths.map((p) => p(ctx)) });
    try {
      const v = plan.body(ctx);
      ctx.trace?.form({ form: 'function', function: name, args: Object.fromEntries(decl.params.map((p, i) => [p.name.name, values[i]])), result: v });
      return v;
    } catch (err) {
      if (err instanceof EvalFailure && err.error.msg) {
        err.error.msg = M.calledAt({ what: err.error.msg, name, line });
        err.error.message = english(err.error.msg);
      }
      throw err;
    } finally {
      plan.frames.pop();
    }
  };
}

type ParamRef = Extract<Resolved, { kind: 'param' }>;

function frameOf(plan: FunctionPlan, r: ParamRef, env: CompileEnv, span: CallExpr['span']): Frame {
  return plan.frames[plan.frames.length - 1]
    ?? fail('KH-E099', E.internal({ message: english(M.noFrame({ name: r.name, fn: r.fn.name.name })) }), env.file, span);
}

/** A parameter inside its function's body: the value bound by the innermost call. */
export function compileParam(r: ParamRef, env: CompileEnv, span: CallExpr['span']): Compiled {
  const plan = planOf(env, r.fn), i = r.index;
  return () => frameOf(plan, r, env, span).values[i];
}

/** A parameter's data path: its argument's (`工作任务` when the call passed that input list). */
export function paramPath(r: ParamRef, env: CompileEnv): PathFn {
  const plan = planOf(env, r.fn), i = r.index;
  return () => plan.frames[plan.frames.length - 1]?.paths[i];
}
