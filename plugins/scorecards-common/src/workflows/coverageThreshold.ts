/**
 * Where a test tool keeps a line-coverage threshold, and how it is written.
 * @public
 */
export interface CoverageThresholdConfig {
  /** File name at the repository root. */
  file: RegExp;
  /** First capture group: the line threshold in percent. */
  pattern: RegExp;
  tool: string;
}

/**
 * Test-tool configuration files that enforce a line-coverage threshold, in
 * the order they are looked at.
 * @public
 */
export const COVERAGE_THRESHOLD_CONFIGS: CoverageThresholdConfig[] = [
  {
    file: /^(vitest|vite)\.config\.(ts|mts|cts|js|mjs|cjs)$/,
    pattern: /thresholds\s*:\s*\{[^}]*?\blines\s*:\s*(\d+(?:\.\d+)?)/,
    tool: 'vitest',
  },
  {
    file: /^jest\.config\.(ts|js|mjs|cjs|json)$/,
    pattern: /coverageThreshold[\s\S]*?\blines"?\s*:\s*(\d+(?:\.\d+)?)/,
    tool: 'jest',
  },
  {
    file: /^package\.json$/,
    pattern: /"coverageThreshold"[\s\S]*?"lines"\s*:\s*(\d+(?:\.\d+)?)/,
    tool: 'jest',
  },
  {
    file: /^(pyproject\.toml|setup\.cfg|pytest\.ini|tox\.ini|\.coveragerc)$/,
    pattern: /(?:--cov-fail-under[= ]|\bfail_under\s*=\s*)(\d+(?:\.\d+)?)/,
    tool: 'pytest-cov / coverage.py',
  },
  {
    file: /^\.testcoverage\.ya?ml$/,
    pattern: /threshold:[\s\S]*?\btotal:\s*(\d+(?:\.\d+)?)/,
    tool: 'go-test-coverage',
  },
];

const CLI_THRESHOLD =
  /(?:--cov-fail-under[= ]|--coverage\.thresholds\.lines[= ]|--coverageThreshold[= ]'?\{"global":\{"lines":)(\d+(?:\.\d+)?)/;

/**
 * The line threshold a test tool's configuration file enforces, or
 * `undefined`. `file` is the path relative to the repository root; only
 * files at the root are configuration files.
 * @public
 */
export function coverageThresholdInConfig(
  file: string,
  text: string,
): { lines: number; tool: string } | undefined {
  if (file.includes('/')) return undefined;
  for (const config of COVERAGE_THRESHOLD_CONFIGS) {
    const match = config.file.test(file) ? config.pattern.exec(text) : null;
    if (match) return { lines: Number(match[1]), tool: config.tool };
  }
  return undefined;
}

/**
 * The line threshold given on a test command line (`--cov-fail-under=80`,
 * `--coverage.thresholds.lines=80`, jest `--coverageThreshold`), or
 * `undefined`. Every command it recognises also gives the job the
 * `coverage-threshold` capability.
 * @public
 */
export function coverageThresholdInRun(run: string): number | undefined {
  const match = CLI_THRESHOLD.exec(run);
  return match ? Number(match[1]) : undefined;
}
