import {
  coverageThresholdInConfig,
  coverageThresholdInRun,
} from './coverageThreshold';
import { jobCapabilities } from './workflowCapabilities';

describe('coverageThresholdInConfig', () => {
  it('reads the line threshold of each test tool', () => {
    expect(
      coverageThresholdInConfig(
        'vitest.config.ts',
        'export default { test: { coverage: { thresholds: { lines: 80, branches: 70 } } } }',
      ),
    ).toEqual({ lines: 80, tool: 'vitest' });
    expect(
      coverageThresholdInConfig(
        'jest.config.js',
        'module.exports = { coverageThreshold: { global: { lines: 85.5 } } }',
      ),
    ).toEqual({ lines: 85.5, tool: 'jest' });
    expect(
      coverageThresholdInConfig(
        'package.json',
        '{"jest":{"coverageThreshold":{"global":{"lines":90}}}}',
      ),
    ).toEqual({ lines: 90, tool: 'jest' });
    expect(
      coverageThresholdInConfig(
        'pyproject.toml',
        '[tool.coverage.report]\nfail_under = 75\n',
      ),
    ).toEqual({ lines: 75, tool: 'pytest-cov / coverage.py' });
    expect(
      coverageThresholdInConfig(
        '.testcoverage.yml',
        'threshold:\n  file: 50\n  total: 80\n',
      ),
    ).toEqual({ lines: 80, tool: 'go-test-coverage' });
  });

  it('ignores other files, nested files and configs without a threshold', () => {
    const vitest = 'thresholds: { lines: 80 }';
    expect(coverageThresholdInConfig('pkg/vitest.config.ts', vitest)).toBe(
      undefined,
    );
    expect(coverageThresholdInConfig('README.md', vitest)).toBeUndefined();
    expect(
      coverageThresholdInConfig('vitest.config.ts', 'export default {}'),
    ).toBeUndefined();
  });
});

describe('coverageThresholdInRun', () => {
  it.each([
    ['pytest --cov=app --cov-fail-under=80', 80],
    ['vitest run --coverage.thresholds.lines=85', 85],
    [`jest --coverageThreshold='{"global":{"lines":70}}'`, 70],
    ['npm test', undefined],
  ])('%s -> %s', (run, lines) => {
    expect(coverageThresholdInRun(run)).toBe(lines);
    // a command line with a threshold of at least 80% is a coverage gate;
    // a lowered threshold is not
    expect(
      jobCapabilities({ steps: [{ run }] }).includes('coverage-threshold'),
    ).toBe(lines !== undefined && lines >= 80);
  });
});
