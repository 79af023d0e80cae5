import { isUtf8 } from 'node:buffer';

// Where a byte string stops being UTF-8: for messages that name the first bad byte (a GBK file saved
// by Excel or Notepad on a Chinese Windows is the usual cause), instead of decoding it silently to U+FFFD.

/** The first byte that is not part of valid UTF-8, 1-based, and its value; undefined when all are valid. */
export function firstBadByte(bytes: Buffer): { at: number; byte: number } | undefined {
  if (isUtf8(bytes)) return undefined; // the common case, checked natively
  const text = bytes.toString('utf8');
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    const at = Buffer.byteLength(text.slice(0, i));
    // A U+FFFD written in the file itself (EF BF BD) is valid UTF-8.
    if (!(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)) return { at: at + 1, byte: bytes[at] };
  }
  return { at: 1, byte: bytes[0] }; // not reached: a byte isUtf8 refuses decodes to a U+FFFD of its own
}

/** A byte as a message shows it: `0xb6`. */
export const hexByte = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`;
