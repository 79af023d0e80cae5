// The scheme in plain words (issue 15): `schemeDocument(scheme, lang) → Doc`, a 方案 as the people
// assessed read it in a notice — who is assessed and when, the indicators and weights (and for whom
// each applies), how each indicator is scored, the values worked out on the way, the negative list
// and rewards with their caps, the grades with their conditions and quotas, and what the results
// lead to. Generated from the tree, so it cannot fall out of step with the rules: change a weight
// or a threshold and the sentence changes. Sections with nothing to say are left out.

import type { Scheme } from '../../dsl/ast.js';
import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import type { Block, Doc } from '../model.js';
import { ZH_NUMERALS } from '../shared/messages.js';
import { schemeWords, type SchemeWords } from '../words/index.js';
import { D } from './messages.js';
import { gradesBlocks, outcomesBlocks, ruleListBlocks } from './rules.js';
import { indicatorBlocks, methodBlocks, whoBlocks } from './structure.js';

/** What each section builder gets: the tree, its words, and a way to say a document message. */
export interface DocCtx {
  scheme: Scheme;
  words: SchemeWords;
  lang: Locale;
  say(m: Msg): string;
}

type Section = [heading: (a: { n: string }) => Msg, build: (c: DocCtx) => Block[]];

const SECTIONS: Section[] = [
  [D.hWho, whoBlocks],
  [D.hIndicators, indicatorBlocks],
  [D.hMethods, methodBlocks],
  [D.hNegative, (c) => ruleListBlocks(c, 'Negative')],
  [D.hRewards, (c) => ruleListBlocks(c, 'Reward')],
  [D.hGrades, gradesBlocks],
  [D.hOutcomes, outcomesBlocks],
];

/** Which stored version the document is of (the server's version number, or the draft); absent
 * for a scheme file (the CLI), which has no place in a scheme's history. */
export interface DocOptions { revision?: number | 'draft' }

/** The page's subtitle: the stored version (第1版 / 草稿) and the scheme's own `version` text, each
 * said for what it is — “版本 2026” alone told a reader neither which 方案 version nor which draft. */
function subtitleOf(c: DocCtx, revision: DocOptions['revision']): string | undefined {
  const setting = c.scheme.decls.find((d) => d.kind === 'Setting' && d.key === 'version');
  const version = setting?.kind === 'Setting' && setting.key === 'version' ? setting.value.value : undefined;
  const stored = revision === undefined ? undefined : revision === 'draft' ? D.draft() : D.revision({ n: String(revision) });
  if (stored && version !== undefined) return c.say(D.revisionOf({ revision: stored, version }));
  if (stored) return c.say(stored);
  return version !== undefined ? c.say(D.subtitle({ version })) : undefined;
}

export function schemeDocument(scheme: Scheme, lang: Locale, opts: DocOptions = {}): Doc {
  const c: DocCtx = { scheme, words: schemeWords(scheme, lang), lang, say: (m) => render(m, lang) };
  const title = scheme.label?.value ?? scheme.name.name;
  const blocks: Block[] = [];
  let n = 0;
  for (const [heading, build] of SECTIONS) {
    const body = build(c);
    if (body.length === 0) continue;
    n += 1;
    blocks.push({ kind: 'heading', level: 2, text: c.say(heading({ n: lang === 'zh' ? ZH_NUMERALS[n] ?? String(n) : String(n) })) });
    blocks.push(...body);
  }
  blocks.push({ kind: 'paragraph', text: c.say(D.generated()), tone: 'note' });
  const subtitle = subtitleOf(c, opts.revision);
  return { lang, title, pages: [{ title, ...(subtitle ? { subtitle } : {}), blocks }] };
}
