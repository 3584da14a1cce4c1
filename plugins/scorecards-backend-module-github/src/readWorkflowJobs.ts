import { JsonObject } from '@backstage/types';
import { GithubApi } from './GithubApi';
import { GITHUB_FACTS, gateJobFact } from './githubFacts';
import { FactSink, reasonOf } from '@gatekeeper/plugin-scorecards-node';

/** GET /repos/{owner}/{repo}/actions/runs (the parts we read). */
interface WorkflowRuns {
  workflow_runs?: { id: number; head_sha: string; html_url?: string }[];
}

/** GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs (the parts we read). */
interface RunJob {
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  completed_at?: string | null;
  html_url?: string | null;
  run_id: number;
}

interface JobResult {
  job: RunJob;
  url: string;
}

/**
 * The latest completed result of every gate job on the default branch: the
 * newest completed push runs (`maxRuns`) are read newest first and each gate
 * job takes its first occurrence. A job that failed there fails its gate,
 * whatever the workflow file says.
 */
export async function readWorkflowJobs(options: {
  api: GithubApi;
  branch: string;
  gateJobs: Record<string, string>;
  maxRuns: number;
  sink: FactSink;
}): Promise<void> {
  const { api, branch, gateJobs, maxRuns, sink } = options;
  const keys = Object.keys(gateJobs);
  const all = [
    ...keys.map(gateJobFact),
    GITHUB_FACTS.ciJobs,
    GITHUB_FACTS.ciGateJobsPassed,
    GITHUB_FACTS.ciFailedJobs,
  ];
  if (keys.length === 0) return;
  try {
    const runsPath = `/actions/runs?branch=${encodeURIComponent(
      branch,
    )}&status=completed&exclude_pull_requests=true&per_page=${maxRuns}`;
    const runs =
      (await api.getOk<WorkflowRuns>(runsPath)).body?.workflow_runs ?? [];
    const found = await findGateJobs({ api, runs, gateJobs, maxRuns });
    const summary: JsonObject = {};
    const failed: string[] = [];
    let allKnown = true;
    for (const key of keys) {
      const result = found.get(gateJobs[key]);
      if (!result) {
        allKnown = false;
        sink.unknown(
          [gateJobFact(key)],
          `no completed run of job "${gateJobs[key]}" on ${branch} in the last ${runs.length} workflow runs`,
        );
        continue;
      }
      const { job, url } = result;
      const passed = job.conclusion === 'success';
      if (!passed) failed.push(key);
      summary[key] = {
        job: job.name,
        conclusion: job.conclusion ?? 'unknown',
        commit: job.head_sha,
        completedAt: job.completed_at ?? null,
        url: job.html_url ?? null,
      };
      sink.set(gateJobFact(key), passed, {
        url,
        commit: job.head_sha,
        htmlUrl: job.html_url ?? undefined,
      });
    }
    const evidence = { url: api.repoUrl(runsPath), commit: runs[0]?.head_sha };
    if (Object.keys(summary).length > 0) {
      sink.set(GITHUB_FACTS.ciJobs, summary, evidence);
    }
    sink.set(GITHUB_FACTS.ciFailedJobs, failed, evidence);
    if (failed.length > 0)
      sink.set(GITHUB_FACTS.ciGateJobsPassed, false, evidence);
    else if (allKnown) sink.set(GITHUB_FACTS.ciGateJobsPassed, true, evidence);
    sink.unknown(
      all,
      `no completed workflow runs of the gate jobs on ${branch}`,
    );
  } catch (error) {
    sink.unknown(all, `workflow runs: ${reasonOf(error)}`);
  }
}

/**
 * The first completed occurrence of every gate job in the runs, newest run
 * first, by job name; stops reading runs once every job is found.
 */
async function findGateJobs(options: {
  api: GithubApi;
  runs: NonNullable<WorkflowRuns['workflow_runs']>;
  gateJobs: Record<string, string>;
  maxRuns: number;
}): Promise<Map<string, JobResult>> {
  const { api, runs, gateJobs, maxRuns } = options;
  const found = new Map<string, JobResult>();
  const wanted = new Set(Object.values(gateJobs));
  for (const run of runs.slice(0, maxRuns)) {
    if ([...wanted].every(name => found.has(name))) break;
    const jobsPath = `/actions/runs/${run.id}/jobs?filter=latest&per_page=100`;
    const jobs = await api.getAllPages<RunJob>(jobsPath, {
      maxPages: 3,
      items: body => (body as { jobs?: RunJob[] })?.jobs ?? [],
    });
    for (const job of jobs.items) {
      if (
        wanted.has(job.name) &&
        !found.has(job.name) &&
        job.status === 'completed'
      ) {
        found.set(job.name, { job, url: api.repoUrl(jobsPath) });
      }
    }
  }
  return found;
}
