import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { PoliteHttpClient } from '@gatekeeper/gatekeeper-node';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import { GithubApi } from './GithubApi';
import { GithubGraphqlBatcher } from './GithubGraphqlBatcher';
import { DEFAULT_GATE_JOBS, gateJobFact, GITHUB_FACTS } from './githubFacts';
import { githubTarget, GithubTarget } from './githubTarget';
import { FactSink } from '@gatekeeper/plugin-scorecards-node';
import { readBranchProtection } from './readBranchProtection';
import { readRepositoryOverview } from './readRepositoryOverview';
import {
  readBranchHead,
  readRepositorySettings,
} from './readRepositorySettings';
import { readSecurityAlerts } from './readSecurityAlerts';
import { readWorkflowJobs } from './readWorkflowJobs';

/** Options of {@link createGithubFactProvider}. @public */
export interface GithubFactProviderOptions {
  integrations: ScmIntegrationRegistry;
  credentials: GithubCredentialsProvider;
  logger: LoggerService;
  /** Shared so ETags and rate-limit state survive between refreshes. */
  http?: PoliteHttpClient;
  /** Gate job key -> CI job / status-check name. */
  gateJobs?: Record<string, string>;
  maxWorkflowRuns?: number;
  maxAlertPages?: number;
  /**
   * Read settings, head commit and classic protection of many repositories
   * in batched GraphQL queries (default true); REST when false or when
   * GraphQL does not answer for a repository.
   */
  graphql?: boolean;
  /** Repositories per GraphQL query. Default 25. */
  graphqlBatchSize?: number;
  now?: () => Date;
}

/**
 * The GitHub fact provider: for every entity on a GitHub integration host
 * (`github.com/project-slug` or a GitHub source location) it reads the
 * repository settings, branch protection and rulesets of the default branch,
 * the latest gate-job results on it and the open security alerts. Requests
 * for one repository run one after another (GitHub asks for serial
 * requests). Every area fails on its own: its facts are listed in
 * `github.unknown` with the reason and the refresh goes on. Entities not on
 * GitHub get no facts.
 * @public
 */
export function createGithubFactProvider(
  options: GithubFactProviderOptions,
): ScorecardFactProvider {
  const gateJobs = options.gateJobs ?? DEFAULT_GATE_JOBS;
  const http = options.http ?? new PoliteHttpClient();
  const now = options.now ?? (() => new Date());
  const batcher =
    options.graphql === false
      ? undefined
      : new GithubGraphqlBatcher({ http, maxBatch: options.graphqlBatchSize });
  const allFacts = Object.values(GITHUB_FACTS) as string[];
  const facts = [...allFacts, ...Object.keys(gateJobs).map(gateJobFact)];
  const dataFacts = facts.filter(
    f => f !== GITHUB_FACTS.provenance && f !== GITHUB_FACTS.unknown,
  );
  return {
    id: 'github',
    evidence: 'observed',
    facts,
    async provide({ entity }) {
      const target = githubTarget(entity, options.integrations);
      if (!target) return {};
      const sink = new FactSink();
      const observedAt = now().toISOString();
      const done = () => toGithubFacts(sink, target, observedAt);
      let api: GithubApi;
      try {
        api = await GithubApi.create({
          http,
          credentials: options.credentials,
          target,
        });
      } catch (error) {
        sink.unknown(dataFacts, (error as Error).message);
        return done();
      }
      const branch = await readSettingsAndProtection({
        api,
        batcher,
        gateJobs,
        sink,
      });
      if (!branch) {
        sink.unknown(
          dataFacts,
          sink.reasonFor(GITHUB_FACTS.defaultBranch) ??
            'repository has no default branch',
        );
        return done();
      }
      await readWorkflowJobs({
        api,
        branch,
        gateJobs,
        maxRuns: options.maxWorkflowRuns ?? 5,
        sink,
      });
      await readSecurityAlerts({
        api,
        maxPages: options.maxAlertPages ?? 10,
        sink,
      });
      const unknown = dataFacts.filter(f => !sink.has(f)).length;
      if (unknown > 0) {
        options.logger.debug(
          `GitHub facts of ${stringifyEntityRef(entity)}: ${unknown} unknown`,
          { entityRef: stringifyEntityRef(entity) },
        );
      }
      return done();
    },
  };
}

/** The facts collected in the sink, with GitHub provenance for the target. */
function toGithubFacts(
  sink: FactSink,
  target: GithubTarget,
  observedAt: string,
) {
  return sink.toFacts({
    source: 'github',
    provenanceFact: GITHUB_FACTS.provenance,
    unknownFact: GITHUB_FACTS.unknown,
    subject: {
      host: target.host,
      repository: `${target.owner}/${target.repo}`,
    },
    observedAt,
  });
}

/**
 * Settings, head commit and classic protection: through the GraphQL batch
 * when it answers, else over REST. Returns the default branch.
 */
async function readSettingsAndProtection(options: {
  api: GithubApi;
  batcher?: GithubGraphqlBatcher;
  gateJobs: Record<string, string>;
  sink: FactSink;
}): Promise<string | undefined> {
  const { api, batcher, gateJobs, sink } = options;
  const overview = batcher
    ? await readRepositoryOverview({ api, batcher, sink })
    : undefined;
  const branch = overview
    ? overview.branch
    : await readRepositorySettings({ api, sink });
  if (branch) {
    if (!overview) await readBranchHead({ api, branch, sink });
    await readBranchProtection({
      api,
      branch,
      gateJobs,
      sink,
      classic: overview?.classic,
    });
  }
  return branch;
}
