// Child of evaluate-lean.test.ts: logs two lines, the second in the same turn as an uncaught error.
import { jsonLog } from '../../server/log.js';

jsonLog({ msg: 'first' });
setTimeout(() => {
  jsonLog({ msg: 'last words' });
  throw new Error('boom');
}, 10);
