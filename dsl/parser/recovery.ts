// Linear-time resynchronisation for Chevrotain's error recovery. When a rule fails, Chevrotain catches
// the error in every rule on the stack in turn, innermost first; each one scans ahead for the first
// token that may follow any rule on the stack (`findReSyncTokenType`) and recovers if that token may
// follow *it*, else rethrows. Every scan starts again at the error, so one error inside D nested rules
// costs D scans of the distance to a follow token: `((((…x` followed by 15 KB of `=>` took 7 s.
//
// planResync computes the same answer in one scan. With F(l) the follow set of the rule at level l
// and U(d) the union of F(0..d), Chevrotain recovers at the deepest d whose first token in U(d) has a
// type in F(d). As d decreases U(d) shrinks, so that token only moves forward: one pass over the
// tokens, each level tried once, gives every level's answer. A token type's shallowest level (the
// least l with the type in F(l)) says at once whether it is in U(d). The grammar has no token
// categories, so a token matches a type exactly when their tokenTypeIdx are equal; F(0) is end of
// file, which every scan reaches at the latest.

import type { IToken, TokenType } from 'chevrotain';

/** The rule level that recovers from an error, the token type it skips to, and how many tokens were
 * looked at to find out (charged to the parse's recovery budget). */
export interface ResyncPlan { level: number; type: TokenType; scanned: number }

function shallowestLevels(follows: readonly (readonly TokenType[])[]): Map<number, number> {
  const shallowest = new Map<number, number>();
  for (let l = 0; l < follows.length; l++) {
    for (const t of follows[l]) if (!shallowest.has(t.tokenTypeIdx!)) shallowest.set(t.tokenTypeIdx!, l);
  }
  return shallowest;
}

/** Chevrotain's between-rules recovery for an error raised at the deepest of `follows.length` levels
 * (`follows[l]` the follow set of the rule at level l, `follows[0]` end of file); `la(k)` is the k-th
 * token ahead, end of file past the last. */
export function planResync(follows: readonly (readonly TokenType[])[], la: (k: number) => IToken): ResyncPlan {
  const shallowest = shallowestLevels(follows);
  let d = follows.length - 1;
  for (let k = 1; ; k++) {
    const tok = la(k);
    const l = shallowest.get(tok.tokenTypeIdx);
    if (l === undefined || l > d) continue;
    for (; d >= l; d--) {
      if (follows[d].some((t) => t.tokenTypeIdx === tok.tokenTypeIdx)) return { level: d, type: tok.tokenType, scanned: k + follows.length };
    }
  }
}

/** Chevrotain's `findReSyncTokenType`: the type of the first token ahead that may follow any level. */
export function firstFollow(follows: readonly (readonly TokenType[])[], la: (k: number) => IToken): { type: TokenType; scanned: number } {
  const shallowest = shallowestLevels(follows);
  for (let k = 1; ; k++) {
    const tok = la(k);
    if (shallowest.has(tok.tokenTypeIdx)) return { type: tok.tokenType, scanned: k + follows.length };
  }
}
