/** A one-gate policy: line coverage at least 80% (critical). */
export const coveragePolicy = {
  version: 1,
  levels: ['bronze'],
  gates: [
    {
      id: 'coverage',
      title: 'Line coverage',
      severity: 'critical',
      category: 'quality',
      level: 'bronze',
      rationale: 'Untested code breaks.',
      remediation: 'https://example.com/coverage',
      rules: [{ op: 'gte', fact: 'ci.coverage.lines', value: 80 }],
    },
  ],
};
