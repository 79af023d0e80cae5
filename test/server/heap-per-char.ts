// The heap a prepared scheme keeps alive per UTF-16 unit of its source, measured in a process run
// with --expose-gc (limits-measure.ts, prepared-bytes-measure.ts): `n` distinct copies (differing by
// a comment, so nothing is shared) exist before the first collection; only what preparing them adds
// is counted, divided by n and by the source's length.

const gc = () => (globalThis as { gc?: () => void }).gc!();

export function heapPerChar(prepare: (source: string) => { value?: unknown }, source: string, n: number): number {
  prepare(source + '\n// warm');
  const copies = Array.from({ length: n }, (_, i) => `${source}\n// ${i}`);
  for (let i = 0; i < 4; i++) gc();
  const before = process.memoryUsage().heapUsed;
  const kept = copies.map((s) => prepare(s));
  for (let i = 0; i < 4; i++) gc();
  const after = process.memoryUsage().heapUsed;
  if (!kept.every((p) => p.value)) throw new Error('a scheme measured does not prepare');
  return (after - before) / n / source.length;
}
