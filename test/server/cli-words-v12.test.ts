// The zh/en words trial V12 found wanting: `kaohe token create` named the roles by their codes in
// Chinese output (admin+author); the sign-in link `kaohe serve` prints now says how long it works
// and that a link printed earlier, by this or another server, still works.

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as token } from '../../cli/commands/token.js';
import { banner } from '../../cli/commands/serve.js';
import { SIGNIN_CODE_HOURS } from '../../server/auth/signin.js';
import { removeTempDirs, tempDir } from './helpers.js';
import { memoryIO } from '../memory-io.js';

afterAll(removeTempDirs);

describe('words of V12', () => {
  it('kaohe token create in Chinese names the roles in Chinese', async () => {
    const db = join(tempDir(), 'k.db');
    const zh = memoryIO();
    expect(await token(['create', '--org', '市局', '--role', 'admin,author,evaluator', '--db', db, '--lang', 'zh'], zh)).toBe(0);
    expect(zh.stderr).toMatch(/^已为组织“市局”创建令牌 tok_[0-9a-f]+（角色：管理员、编写者、测评员）；令牌只显示这一次\n$/);
    const en = memoryIO();
    expect(await token(['create', '--org', '市局', '--role', 'evaluator', '--db', db, '--lang', 'en'], en)).toBe(0);
    expect(en.stderr).toMatch(/^created token tok_[0-9a-f]+ \(evaluator\) for organization "市局"/);
  });

  it('the serve banner says the link\'s lifetime, zh and en', () => {
    expect(SIGNIN_CODE_HOURS.organization).toBe(1);
    const boot = { loaded: [], signinCode: 'khc_x' };
    expect(banner('http://127.0.0.1:8787', 'k.db', boot, 'en')).toContain('open this one-time URL within an hour to sign the browser in (links printed earlier, by this server or another, stay valid until used or expired):\n\n      http://127.0.0.1:8787/signin?code=khc_x\n');
    expect(banner('http://127.0.0.1:8787', 'k.db', boot, 'zh')).toContain('请在 1 小时内在浏览器中打开这个一次性链接登录（此前由本服务器或其他服务器打印的链接，在使用或过期前仍然有效）：');
  });
});
