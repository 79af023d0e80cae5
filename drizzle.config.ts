// drizzle-kit configuration: `npx drizzle-kit generate` writes SQL migrations for server/db/schema.ts
// into server/db/migrations, which the server applies at start (server/db/client.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
