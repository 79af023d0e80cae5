// drizzle-kit configuration for PostgreSQL (issue 17): `npm run db:generate:pg` writes SQL migrations
// for server/db/postgres/schema.ts into server/db/postgres/migrations, which the PostgreSQL store
// applies at start. The SQLite schema has its own (drizzle.config.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/postgres/schema.ts',
  out: './server/db/postgres/migrations',
});
