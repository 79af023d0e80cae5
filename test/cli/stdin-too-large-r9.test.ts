// Standard input over the 64 MiB a .json input is read to (U8 trial, LOW): the refusal said "<stdin>
// is more than 64 MiB … save it as .jsonl" — and JSON lines piped in are capped the same. It now says
// standard input, and to write it to a file and give its path (a roster file is streamed, any size).
// The read's cap is the IO's (cli/io.ts readCapped: KH_TOO_LARGE); the spawned 64 MiB run is
// hostile6-read.test.ts's.

import { describe, expect, it } from 'vitest';
import { run as evalCmd, MAX_TEXT_INPUT } from '../../cli/commands/eval.js';
import type { IO } from '../../cli/io.js';
import { memoryIO } from '../memory-io.js';
import { SMALL_SCHEME } from '../sheets/fixtures.js';

/** An IO whose standard input is over the cap `max` it is read with. */
function bigStdin() {
  const io = memoryIO({ 's.kaohe': SMALL_SCHEME });
  const files = io.read.bind(io);
  const read: IO['read'] = (p, max) => {
    if (p === '-' && max === MAX_TEXT_INPUT) throw Object.assign(new Error('too large'), { code: 'KH_TOO_LARGE' });
    return files(p, max);
  };
  return Object.assign(io, { read });
}

describe('kaohe eval SCHEME - over 64 MiB', () => {
  it('exit 2, advising a file and its path (zh and en), naming no `<stdin>` file', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const io = bigStdin();
      expect(await evalCmd(['s.kaohe', '-', '--lang', lang], io)).toBe(2);
      expect(io.stdout).toBe('');
      expect(io.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(io.stderr).not.toContain('<stdin>');
      expect(io.stderr).toContain('roster.jsonl');
      expect(io.stderr).toMatch(lang === 'zh' ? /^kaohe eval：标准输入超过 64 兆字节.*请先写入文件/ : /^kaohe eval: standard input is more than 64 MiB.*write it to a file/);
    }
  });
});
