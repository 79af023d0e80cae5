// Child of writer.test.ts: kaohe's app on a real socket over the database file named by argv[2] (or
// the PostgreSQL URL argv[2] with the schema argv[3]), as `kaohe serve` runs it (createNodeServer);
// prints `port N` once listening, then serves until the test kills it.
import { createApp } from '../../server/app.js';
import { openDb } from '../../server/db/client.js';
import { openPostgres } from '../../server/db/postgres/open.js';
import { sqliteStore } from '../../server/db/sqlite/store.js';
import { silentLog } from '../../server/log.js';
import { createNodeServer } from '../../server/node-server.js';

const [target, schema] = process.argv.slice(2);
const store = target.startsWith('postgres://') ? await openPostgres(target, { schema }) : sqliteStore(openDb(target).$client);
const app = createApp({ store, log: silentLog, langWorkers: 0 });
const server = createNodeServer(app.fetch, { hostname: '127.0.0.1', fastLane: app.fastLane });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.address() as { port: number }).port}\n`);
});
