import { FactRecord } from '../engine/types';

/** The clock of the engine tests. */
export const NOW = Date.parse('2026-11-24T12:00:00Z');

/** A gate with the descriptive fields filled in. */
export const gate = (over: Record<string, unknown>) => ({
  title: 'A gate title',
  category: 'quality',
  rationale: 'Because it matters a lot.',
  remediation: 'https://example.com/docs',
  ...over,
});

/** Fact records observed at `observedAt` (default: a second before NOW). */
export function facts(
  values: Record<string, unknown>,
  observedAt = NOW - 1000,
): Map<string, FactRecord> {
  return new Map(
    Object.entries(values).map(([k, v]) => [
      k,
      { value: v as any, observedAt, source: 'test' },
    ]),
  );
}
