// The command-line catalogs name the program by the {prog} placeholder (`kaohe eval: …`, zh `kaohe
// eval：…`), never by a literal — one message, then, for every command that says it, and the name
// written one way in both languages (issue 16 session 9: problemsOnStdout wrote `“kaohe eval”：`).

import { describe, expect, it } from 'vitest';
import { registeredCatalogs } from '../../dsl/i18n/index.js';
import '../../cli/messages.js';
import '../../cli/periods-messages.js';
import '../../cli/commands/whatif-messages.js';
import '../../sheets/messages.js';

const NAMESPACES = ['cli', 'cliPeriods', 'cliWhatif', 'sheets'];

describe('the CLI catalogs', () => {
  it('start a message with the program’s name only as {prog}', () => {
    const literal: string[] = [];
    for (const ns of NAMESPACES) {
      const catalog = registeredCatalogs().get(ns);
      expect(catalog, ns).toBeDefined();
      for (const locale of ['en', 'zh'] as const) {
        for (const [key, t] of Object.entries(catalog![locale])) {
          if (typeof t === 'string' && /^“?kaohe [a-z]+”?\s*[:：]/.test(t)) literal.push(`${ns}.${key} (${locale})`);
        }
      }
    }
    expect(literal).toEqual([]);
  });
});
