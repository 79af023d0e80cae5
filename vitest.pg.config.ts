// `npm run test:pg` (issue 17): the server's tests again, each app over PostgreSQL instead of SQLite —
// the same files, the same assertions (test/server/helpers.ts setup() reads KAOHE_TEST_STORE; every
// PostgreSQL app gets a schema of its own: test/server/store-target.ts). Needs KAOHE_TEST_PG, a
// postgres:// URL of a server the tests may create schemas in: .ci/run starts a throwaway cluster
// (.ci/pg-cluster) and stops it after, also on failure. Files that test SQLite itself (its WAL
// checkpoints, its file on disk, a second process on the same file) stay in `npm test` only.
// The multi-process tests (several `kaohe serve` on one database) run here too.

import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/** What only SQLite has: its checkpointer, its file, its driver's absence. */
const SQLITE_ONLY = ['test/server/checkpoints.test.ts', 'test/server/writer-crash*.test.ts', 'test/server/accounts-cli.test.ts'];

const merged = mergeConfig(base, defineConfig({ test: { env: { KAOHE_TEST_STORE: 'postgres' } } }));
// mergeConfig concatenates lists: the file lists are replaced, not added to.
merged.test!.include = ['test/server/**/*.test.ts'];
merged.test!.exclude = [...configDefaults.exclude, 'test/**/*.measure.test.ts', ...SQLITE_ONLY];
export default merged;
