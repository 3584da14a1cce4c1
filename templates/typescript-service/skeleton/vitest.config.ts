import { defineConfig } from 'vitest/config';

// The coverage thresholds are the Gatekeeper "coverage-lines" gate: CI fails
// below 80% line coverage.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The json report (test counts) is pushed to the scorecard by CI.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    coverage: {
      // Always on, so `npm test` enforces the threshold locally and in CI.
      enabled: true,
      provider: 'v8',
      include: ['src/**/*.ts'],
      // src/db.ts is covered by the integration tests (vitest.integration.config.ts)
      exclude: ['src/**/*.test.ts', 'src/main.ts', 'src/db.ts'],
      reporter: ['text', 'json-summary', 'lcov'],
      thresholds: {
        lines: 80,
        statements: 80,
        functions: 80,
        branches: 70,
      },
    },
  },
});
