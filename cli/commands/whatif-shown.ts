// What `kaohe whatif` prints comes largely from the round file: ids, units, display names, labels —
// text the server accepted from whoever filled the roster, and a file anyone can edit. Printed raw,
// an ESC sequence in a name clears the screen, retitles the window or hides a link; a U+202E turns
// the rest of a line around (hostile F4). So every control character (C0 but the line break, DEL,
// C1) and every bidi override or isolate (U+202A–U+202E, U+2066–U+2069) is shown as a visible
// escape, `\u001b`, on the terminal; files written with --out keep the text as it is.

/** The characters shown escaped: C0 (but \n, the report's own line breaks), DEL, C1, bidi controls. */
const HIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Inside one value a line break is hidden too: it would start a line that looks like the report's. */
const HIDDEN_IN_VALUE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` for a terminal: the hidden characters as `\uXXXX`, line breaks kept. */
export const visible = (text: string): string => text.replace(HIDDEN, escaped);

/** One value (an id, a name, a unit, a label) on one line of the report: line breaks escaped too. */
export const shown = (text: string): string => text.replace(HIDDEN_IN_VALUE, escaped);

/** `io` with its standard output and error made visible (for everything a command prints). */
export function visibleIO<T extends { out(t: string): void; err(t: string): void }>(io: T): T {
  return { ...io, out: (t: string) => io.out(visible(t)), err: (t: string) => io.err(visible(t)) };
}
