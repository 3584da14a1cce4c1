import { ThrowawayDatabase } from './throwawayDatabase';
import { runCiJobs, UnavailableStep } from './ciRunner';

type CiRun = Awaited<ReturnType<typeof runCiJobs>>;

/** The gates that only CI results decide (pushed by the report job). */
export const CI_FED_GATES = [
  'coverage-lines',
  'lint-clean',
  'type-check-clean',
  'no-critical-vulnerabilities',
  'license-compliance',
];

/** Before any CI run, the CI-fed gates are unknown. */
export function expectCiFedGatesUnknown(before: Record<string, unknown>) {
  for (const gate of CI_FED_GATES) {
    expect([gate, before[gate]]).toEqual([gate, 'unknown']);
  }
}

/**
 * Every gate job succeeded, the integration-tests job really wrote to
 * PostgreSQL, at least `minRan` steps ran, and each listed unavailable step
 * exists in the workflow (and was the only kind skipped).
 */
export async function expectGateJobsGreen(options: {
  run: CiRun;
  db: ThrowawayDatabase;
  unavailable: UnavailableStep[];
  minRan?: number;
}) {
  const { run, db } = options;
  expect(run.failures).toEqual([]);
  expect(
    Number(await db.scalar('SELECT sum(count) FROM greetings')),
  ).toBeGreaterThan(10);
  expect(Object.values(run.jobs).every(r => r === 'success')).toBe(true);
  expect(run.steps.filter(s => s.outcome === 'ran').length).toBeGreaterThan(
    (options.minRan ?? 1) - 1,
  );
  for (const u of options.unavailable) {
    expect(
      run.steps.some(
        s =>
          s.job === u.job && s.step === u.step && s.outcome === 'unavailable',
      ),
    ).toBe(true);
  }
}
