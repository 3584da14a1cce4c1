import { Workspace } from './workspace';

/** A line-coverage threshold enforced by a test tool's configuration. @public */
export interface CoverageThreshold {
  lines: number;
  /** File (and tool) the threshold was found in. */
  source: string;
}

interface ThresholdPattern {
  file: RegExp;
  pattern: RegExp;
  tool: string;
}

const PATTERNS: ThresholdPattern[] = [
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

const CLI_PATTERN =
  /(?:--cov-fail-under[= ]|--coverage\.thresholds\.lines[= ]|--coverageThreshold[= ]'?\{"global":\{"lines":)(\d+(?:\.\d+)?)/;

/**
 * Finds the line-coverage threshold the test tool enforces: in its config
 * files at the repository root first, then on a CI `run:` line.
 * @public
 */
export async function findCoverageThreshold(
  ws: Workspace,
): Promise<CoverageThreshold | undefined> {
  const files = await ws.files();
  for (const { file, pattern, tool } of PATTERNS) {
    for (const candidate of files.filter(
      f => !f.includes('/') && file.test(f),
    )) {
      const text = await ws.read(candidate);
      const match = text ? pattern.exec(text) : null;
      if (match) {
        return { lines: Number(match[1]), source: `${candidate} (${tool})` };
      }
    }
  }
  const { workflows } = await ws.workflows();
  for (const wf of workflows) {
    for (const job of wf.jobs) {
      for (const step of job.steps) {
        const match = step.run ? CLI_PATTERN.exec(step.run) : null;
        if (match) {
          return {
            lines: Number(match[1]),
            source: `${wf.file} job "${job.id}"`,
          };
        }
      }
    }
  }
  return undefined;
}
