import { defineConfig } from 'vitest/config';

/**
 * Test tiers by cost (STYLE.md): small = pure logic (`*.test.ts`), medium = real database
 * (`*.db.test.ts`, on PGlite and, with TEST_DATABASE_URL, on PostgreSQL), e2e = browser
 * (`e2e/*.e2e.test.ts`) and whole processes (`e2e/*.process.test.ts`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'small',
          sequence: { groupOrder: 0 },
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'medium',
          sequence: { groupOrder: 1 },
          include: ['server/**/*.db.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite instances are heavy (~0.8 GB each): one test file at a time per worker, two workers.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
