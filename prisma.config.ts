import { defineConfig } from 'prisma/config';

// The datasource URL is only needed by commands that talk to a database; the hub applies migrations
// itself through the wasm schema engine (see ARCHITECTURE.md), so generation works with none set.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
