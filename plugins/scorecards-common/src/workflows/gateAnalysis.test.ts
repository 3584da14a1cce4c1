import {
  disabledReason,
  effectiveRunLines,
  gateTriggerProblem,
  locateLine,
  scriptCoverageThreshold,
  singleEventCondition,
} from './gateAnalysis';
import { analyzeJob } from './analyzeJob';

describe('gateTriggerProblem', () => {
  it.each([
    [{ on: ['push', 'pull_request'] }, undefined],
    [{ on: { push: { branches: ['main'] }, pull_request: null } }, undefined],
    [
      {
        on: { push: { branches: ['ma*'] }, pull_request: { branches: ['**'] } },
      },
      undefined,
    ],
    [{ true: { push: {}, pull_request: {} } }, undefined],
    [{ on: 'push' }, 'does not run on pull requests to main'],
    [
      { on: { push: { tags: ['v*'] }, pull_request: {} } },
      'does not run on pushes to main',
    ],
    [
      { on: { push: { 'branches-ignore': ['main'] }, pull_request: {} } },
      'does not run on pushes to main',
    ],
    [
      { on: { push: { branches: ['*', '!main'] }, pull_request: {} } },
      'does not run on pushes to main',
    ],
    [
      { on: { workflow_dispatch: {} } },
      'does not run on pushes to and pull requests to main',
    ],
    [undefined, 'does not run on pushes to and pull requests to main'],
  ])('%j -> %s', (workflow, problem) => {
    expect(gateTriggerProblem(workflow)).toBe(problem);
  });

  it('uses the given default branch', () => {
    const wf = { on: { push: { branches: ['trunk'] }, pull_request: {} } };
    expect(gateTriggerProblem(wf, 'trunk')).toBeUndefined();
    expect(gateTriggerProblem(wf)).toBe('does not run on pushes to main');
  });
});

describe('disabledReason and singleEventCondition', () => {
  it.each([
    [{ if: false }, 'if: false'],
    [{ if: '${{ false }}' }, 'if: ${{ false }}'],
    [{ if: 0 }, 'if: 0'],
    [{ 'continue-on-error': true }, 'continue-on-error: true'],
    [{ 'continue-on-error': ' true ' }, 'continue-on-error: true'],
    [{ if: 'failure()' }, 'runs only after a failure (if: failure())'],
    [{ if: 'always()' }, undefined],
    [{ if: "github.event_name == 'push'" }, undefined],
    [undefined, undefined],
  ])('%j -> %s', (node, reason) => {
    expect(disabledReason(node)).toBe(reason);
  });

  it('finds single-event conditions', () => {
    expect(
      singleEventCondition({ if: "${{ github.event_name == 'push' }}" }),
    ).toBe('push');
    expect(
      singleEventCondition({ if: "github.event_name == 'push' || true" }),
    ).toBeUndefined();
    expect(singleEventCondition({ if: false })).toBeUndefined();
  });
});

describe('effectiveRunLines and scriptCoverageThreshold', () => {
  it('drops no-op and swallowed lines', () => {
    expect(
      effectiveRunLines(
        '# npm test\necho ok\ntrue\nnpm test || true\nnpm run lint; true\nnpm test\n',
      ),
    ).toEqual(['npm test']);
  });

  it.each([
    ['pytest --cov-fail-under=75', 75],
    ['coverage report --fail-under=90', 90],
    [
      'node scripts/check-coverage-threshold.mjs coverage/coverage-summary.json 80',
      80,
    ],
    ['nyc check-coverage --lines 60', 60],
    ['npm test', undefined],
  ])('%s -> %s', (run, n) => {
    expect(scriptCoverageThreshold(run)).toBe(n);
  });
});

describe('locateLine and analyzeJob evidence', () => {
  const text = [
    'on: [push, pull_request]',
    'jobs:',
    '  lint:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: echo "npm run lint"',
    '  tests:',
    '    steps:',
    '      - run: npm test -- --coverage.enabled=false',
    '      - run: pytest --cov-fail-under=50',
  ].join('\n');

  it('names job and step lines', () => {
    expect(locateLine(text, 'lint')).toBe(3);
    expect(locateLine(text, 'lint', 1)).toBe(7);
    expect(locateLine(text, 'tests', 0)).toBe(10);
    expect(locateLine(text, 'missing')).toBeUndefined();
    expect(locateLine(undefined, 'lint')).toBeUndefined();
  });

  it('explains ignored gates with job and line', () => {
    const lint = analyzeJob(
      {
        steps: [
          { uses: 'actions/checkout@v4' },
          { run: 'echo "npm run lint"' },
        ],
      },
      'lint',
      { text },
    );
    expect(lint.capabilities).toEqual([]);
    expect(lint.evidence).toEqual([
      expect.objectContaining({
        job: 'lint',
        line: 7,
        capability: 'lint',
        status: 'ignored',
      }),
    ]);
    const tests = analyzeJob(
      {
        steps: [
          { run: 'npm test -- --coverage.enabled=false' },
          { run: 'pytest --cov-fail-under=50' },
        ],
      },
      'tests',
      { text },
    );
    expect(tests.capabilities).toEqual(['unit-tests']);
    expect(
      tests.evidence
        .filter(e => e.status === 'ignored')
        .map(e => [e.capability, e.line]),
    ).toEqual([
      ['coverage-threshold', 11],
      ['coverage', 8],
    ]);
  });
});
