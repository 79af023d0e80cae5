// The editor's plain code (editor/src) in npm test's shared workers, in a UI language each test
// names. The browser keeps the language in localStorage and in i18n.ts's `lang`, which every word
// reads when it is asked for (a page reloads to switch only for Monaco's sake): `uiModules` gives the
// modules with each of their functions setting the language first (setLang, on stand-ins for
// localStorage and <html>), so a test uses zh and en side by side without reloading modules — a
// reload (vi.resetModules) in a shared worker makes every later file evaluate the engine again. The
// stand-ins are removed after the file, so other files never see browser globals.

import { afterAll } from 'vitest';

export type UiLang = 'zh' | 'en';

const g = globalThis as { localStorage?: unknown; document?: unknown };

/** Stand-ins for this file's tests (removed after them); returns `load(l)`: what `imports()` gives,
 * with every function — also those of plain objects it holds — run in UI language `l`. */
export function uiModules<T extends object>(imports: () => Promise<T>): (l: UiLang) => Promise<T> {
  if (!('localStorage' in g)) {
    let stored: string | null = null;
    g.localStorage = { getItem: () => stored, setItem: (_key: string, value: string) => { stored = value; } };
    afterAll(() => { delete g.localStorage; });
  }
  if (!('document' in g)) {
    g.document = { documentElement: {} };
    afterAll(() => { delete g.document; });
  }
  return async (l) => {
    const { setLang } = await import('../../editor/src/i18n.js');
    setLang(l);
    return speaking(await imports(), () => setLang(l)) as T;
  };
}

/** `value` with each function setting the language (`set`) before it runs; plain objects and module
 * namespaces copied the same way, anything else as it is. */
function speaking(value: unknown, set: () => void): unknown {
  if (typeof value === 'function') {
    return function (this: unknown, ...args: unknown[]) { set(); return (value as (...a: unknown[]) => unknown).apply(this, args); };
  }
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) return value; // arrays, maps, class instances
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, speaking(v, set)]));
}
