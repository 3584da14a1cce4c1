import {
  COVERAGE_THRESHOLD_CONFIGS,
  coverageThresholdInRun,
} from '@gatekeeper/plugin-scorecards-common';
import { Workspace } from './workspace';

/** A line-coverage threshold enforced by a test tool's configuration. @public */
export interface CoverageThreshold {
  lines: number;
  /** File (and tool) the threshold was found in. */
  source: string;
}

/**
 * Finds the line-coverage threshold the test tool enforces: in its config
 * files at the repository root first, then on a CI `run:` line. The patterns
 * are shared with the scorecards `repo.workflow.coverage-threshold` fact.
 * @public
 */
export async function findCoverageThreshold(
  ws: Workspace,
): Promise<CoverageThreshold | undefined> {
  const files = await ws.files();
  for (const { file, pattern, tool } of COVERAGE_THRESHOLD_CONFIGS) {
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
        const lines = step.run ? coverageThresholdInRun(step.run) : undefined;
        if (lines !== undefined) {
          return { lines, source: `${wf.file} job "${job.id}"` };
        }
      }
    }
  }
  return undefined;
}
