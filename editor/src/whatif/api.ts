// The two calls of the 发布前模拟 section: the evaluated rounds of the open scheme (GET /api/rounds,
// every page, only those with a revision: a round never evaluated has nothing to compare with) and
// the what-if itself (POST /api/whatif with the editor's text as `source`). The answer's shape is
// simulate/types.ts `WhatIf` — the one the server, the CLI and this panel share — so it is used as
// it is; requests go through the editor's one fetch wrapper (cookie, Accept-Language, failures as
// ApiFailure with the diagnostics kept as details).

import type { WhatIf } from '../../../simulate/types.js';
import { request } from '../api.js';
import { lang } from '../i18n.js';
import { roundsApi, type Round } from '../rounds/api.js';

export type { WhatIf };

/** At most this many pages of rounds are read for the picker (100 each): a scheme's evaluated rounds
 * over many years fit; older ones are not offered. */
const MAX_PAGES = 5;

/** The rounds of `scheme` that have a stored result (revision ≥ 1), newest first. */
export async function evaluatedRounds(scheme: string): Promise<Round[]> {
  const out: Round[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { rounds, next } = await roundsApi.list({ scheme, cursor });
    out.push(...rounds.filter((r) => r.revision > 0));
    if (!next) break;
    cursor = next;
  }
  return out;
}

/** A page of changed people per request; the summary and distribution are always complete. */
const PAGE = 100;

/** The what-if of `source` against round `round`'s stored inputs and result; nothing is stored. */
export const runWhatIf = (round: string, source: string, cursor?: string) =>
  request<WhatIf>('POST', '/api/whatif', { round, source, lang, limit: PAGE, ...(cursor ? { cursor } : {}) });
