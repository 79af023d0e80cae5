// A string's UTF-8 bytes written into a shared slab, for the evaluate route's result (stored in its
// row and answered, service.ts): Buffer.from measures the text's length in UTF-8 in one pass and
// writes it in another, into a buffer of its own; here the bytes are written once into room enough
// for any text of that length (3 bytes per UTF-16 unit at most) and handed out as a view of the slab,
// ≈ 1.5 µs less for a 1,300-character result with Chinese words (issue 16). The bytes are the same
// as Buffer.from's (the same encoder: a lone surrogate becomes U+FFFD either way). A slab stays in
// memory while any of its views does, as Node's own pool of small buffers.

const SLAB_BYTES = 64 * 1024;
/** Texts of more UTF-16 units get a buffer of their own (Buffer.from). */
const MAX_UNITS = SLAB_BYTES / 16;

let slab = Buffer.allocUnsafe(SLAB_BYTES);
let used = 0;

/** `text` in UTF-8, byte for byte Buffer.from(text). */
export function utf8Bytes(text: string): Buffer {
  if (text.length > MAX_UNITS) return Buffer.from(text);
  if (used + text.length * 3 > SLAB_BYTES) {
    slab = Buffer.allocUnsafe(SLAB_BYTES);
    used = 0;
  }
  const start = used;
  const n = slab.write(text, start);
  used = (start + n + 7) & ~7; // the next view starts 8-aligned
  return slab.subarray(start, start + n);
}
