// What the panels of the rounds view share (view.ts builds it once): the app, the input contract of a
// round's scheme version (fetched once per version), the result last shown per round, the view's
// failure display; and, for the panels of one round, how to run an action and reload the round.

import type { CohortResult } from '../../../engine/api.js';
import type { Contract } from '../../../dsl/service/index.js';
import type { App } from '../app.js';
import type { Change, Round } from './api.js';
import type { Who } from './common.js';

export interface ViewCtx {
  app: App;
  el: HTMLElement;
  /** The input contract of the round's scheme version (from its stored text, in the worker). */
  contractOf(r: Round): Promise<Contract>;
  /** The result last shown per round, when the round's own answer does not carry one. */
  lastResult: Map<string, CohortResult>;
  /** The header of every page: back to the editor, all rounds, then `extra`. */
  nav(...extra: (Node | string | null)[]): HTMLElement;
  failed(e: unknown): void;
}

/** What an amendment or a source refresh answered, shown once under the round: who changed and why,
 * and who approved it. `subject` null: a source refresh (everyone's roll-up values read again).
 * `notice`: the server's advice when it changed what a running 公示 shows (publicize again: U6 M-8). */
export interface Shown { changes: Change[]; byId: Map<string, string>; who: Who; reason: string; subject: string | null; notice?: string | null }

/** One round's page: run an action (its refusal shown in the page's output box), reload the round. */
export interface RoundActions {
  guard(f: () => Promise<void>): Promise<void>;
  reload(shown?: Shown): Promise<void>;
}
