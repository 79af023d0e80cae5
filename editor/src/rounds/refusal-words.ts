// Where a problem of a server refusal is, in the rounds view's words (refusal.ts shows them; plain
// code, no DOM, so it is tested without a browser): 人员“李伟”（编号53062319750327041X）的“姓名” rather
// than the JSON path `subjects[53062319750327041X].input.姓名` — a round's evaluate names people by
// id in its paths (server/rounds/evaluate-problems.ts), other requests by their place in the request
// (`members[3].input.受党纪处分`). The person is named by the roster's 姓名 when the page knows it, and
// once: the server's message names the person and field itself (“A”的“姓名”：缺少必填字段), and that
// part is left out where the line already says it (U6 L-8).

import { defineMessages, render, type MsgArgs } from '../../../dsl/i18n/index.js';
import { displayName } from '../../../engine/display-name.js';
import { lang } from '../i18n.js';
import { tr, type RoundsKey } from './i18n.js';

const M = defineMessages('editor-refusal', {
  en: {
    person: 'person “{name}” (ID {id})',
    personField: '“{field}” of “{name}” (ID {id})',
    personDecision: 'the committee decision for “{name}” (ID {id})',
  },
  zh: {
    person: '人员“{name}”（编号{id}）',
    personField: '人员“{name}”（编号{id}）的“{field}”',
    personDecision: '人员“{name}”（编号{id}）的集体研究决定',
  },
});

const say = (key: keyof typeof M, args: MsgArgs = {}): string => render(M[key](args), lang);

/** A problem's place: words, or a path shown as code when it has no words; null when it has none. */
export type Place = { words: string } | { code: string } | null;
export interface ProblemLine { place: Place; message: string }

const PATH_WORDS: Record<string, RoundsKey> = {
  period: 'period', until: 'until', reason: 'reason', subject: 'subject', scheme: 'scheme', version: 'version', unit: 'unit',
  name: 'name', appealDays: 'appealDays', part: 'part', decision: 'kindDecision', refresh: 'sourceRefresh',
};

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The message without the server's own naming of `subject` at its start (“A”的“姓名”： / A: `姓名`: ). */
function withoutPerson(message: string, subject: string): string {
  const s = escape(subject);
  const own = new RegExp(`^(?:“${s}”(?:的“[^”]*”)?：|${s}: (?:\`[^\`]*\`: )?)`, 'u');
  return message.replace(own, '');
}

/** `ids`: the people of the request in its order (for `subjects[2]`); `names`: id → 姓名 of the roster. */
export function problemLine(d: unknown, ids: readonly string[] = [], names: ReadonlyMap<string, string> = new Map()): ProblemLine {
  const x = (typeof d === 'object' && d !== null ? d : {}) as { path?: unknown; message?: unknown; subject?: unknown };
  const path = typeof x.path === 'string' ? x.path : '';
  let message = typeof x.message === 'string' ? x.message : JSON.stringify(d);
  if (path && (message.startsWith(`${path}: `) || message.startsWith(`${path}：`))) message = message.slice(path.length + (message[path.length] === ':' ? 2 : 1));
  const subject = typeof x.subject === 'string' ? x.subject : undefined;
  // The server names the person itself (`subject`), by id in the path: any id, also one ending in X.
  const own = subject === undefined ? null : /^subjects\[[^\]]*\]\.?/.exec(path);
  if (subject !== undefined && own) {
    return { place: placeOf(`subjects[0]${own[0].endsWith('.') ? '.' : ''}${path.slice(own[0].length)}`, [subject], names), message: withoutPerson(message, subject) };
  }
  return { place: placeOf(path, ids, names), message };
}

function placeOf(path: string, ids: readonly string[], names: ReadonlyMap<string, string>): Place {
  if (path === '') return null;
  /** The person at index `i` (as the path writes it) of the request (else their place in it: #3),
   * in the words of `named` (with the roster's 姓名) or `plain`. */
  const person = (i: string, named: 'person' | 'personField' | 'personDecision', plain: RoundsKey, args: MsgArgs = {}): Place => {
    const id = ids[Number(i)];
    const name = id === undefined ? undefined : names.get(id);
    if (id !== undefined && name !== undefined && name !== '' && name !== id) return { words: say(named, { ...args, name, id }) };
    return { words: tr(plain, { ...args, id: id ?? `#${Number(i) + 1}` }) };
  };
  if (path in PATH_WORDS) return { words: tr(PATH_WORDS[path]!) };
  const whole = /^(?:subjects|members)\[(\d+)\](?:\.(?:id|unit|status|countsInBase|display(?:\..*)?))?$/.exec(path);
  if (whole) return person(whole[1]!, 'person', 'pathPerson');
  const field = /^(?:(?:subjects|members)\[(\d+)\]\.)?input\.([^.[]+)(.*)$/.exec(path);
  if (field) {
    const name = `${field[2]}${field[3]}`;
    return field[1] !== undefined ? person(field[1], 'personField', 'pathPersonField', { field: name }) : { words: tr('pathField', { field: name }) };
  }
  const decided = /^subjects\[(\d+)\]\.decision/.exec(path);
  if (decided) return person(decided[1]!, 'personDecision', 'pathPersonDecision');
  return { code: path };
}

/** id → name (engine/display.ts displayName: 姓名, else `name`) of a roster's people, for naming them in problems. */
export function rosterNames(members: readonly { id: string; display?: Record<string, unknown> }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of members) {
    const name = displayName(m.display);
    if (name !== undefined) out.set(m.id, name);
  }
  return out;
}
