import { defineConfig } from 'vitest/config';

// Integration tests (test/integration) against a real PostgreSQL: the CI job
// integration-tests runs them with a postgres service container. src/db.ts is
// covered here, not by the unit tests.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    reporters: ['default', 'junit'],
    outputFile: { junit: 'reports/integration-junit.xml' },
    testTimeout: 20_000,
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['src/db.ts'],
      reporter: ['text'],
      reportsDirectory: 'coverage-integration',
      thresholds: { lines: 80 },
    },
  },
});
