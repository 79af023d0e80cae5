// A file's bytes as text. Excel on Chinese Windows saves "CSV" in GB18030 (a superset of GBK),
// "CSV UTF-8" with a byte-order mark, and "Unicode text" as UTF-16LE with one; a roster may come as
// any of them. UTF-8 is tried strictly first (GBK bytes are almost never valid UTF-8), then GB18030.
// (Moved here from editor/src/cohort-data.ts so the editor and the command line share it.)

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function decodeText(bytes: Uint8Array | ArrayBuffer): { text: string; encoding: Encoding } {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be' };
  try {
    // TextDecoder drops a UTF-8 byte-order mark itself (ignoreBOM is false by default).
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(b), encoding: 'gb18030' };
  }
}
