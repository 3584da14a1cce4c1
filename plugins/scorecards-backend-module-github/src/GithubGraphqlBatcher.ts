import {
  HttpStatusError,
  messageOf,
  PoliteHttpClient,
} from '@gatekeeper/gatekeeper-node';
import { GithubTarget } from './githubTarget';

/** The protection rule that applies to the default branch (GraphQL `BranchProtectionRule`). */
export interface GraphqlProtectionRule {
  requiresApprovingReviews?: boolean;
  requiredApprovingReviewCount?: number | null;
  requiresCodeOwnerReviews?: boolean;
  requiresStatusChecks?: boolean;
  requiredStatusChecks?: { context: string }[] | null;
  allowsForcePushes?: boolean;
  allowsDeletions?: boolean;
  requiresCommitSignatures?: boolean;
}

/** One repository of the batched query (GraphQL `Repository`, the parts we read). */
export interface GraphqlRepository {
  deleteBranchOnMerge?: boolean;
  hasVulnerabilityAlertsEnabled?: boolean;
  viewerCanAdminister?: boolean;
  defaultBranchRef?: {
    name: string;
    target?: { oid?: string; committedDate?: string } | null;
    branchProtectionRule?: GraphqlProtectionRule | null;
  } | null;
}

/** A repository the batched query could not read (per-alias GraphQL error). */
export class GraphqlRepositoryError extends Error {}

const FRAGMENT = `fragment GatekeeperRepository on Repository {
  deleteBranchOnMerge
  hasVulnerabilityAlertsEnabled
  viewerCanAdminister
  defaultBranchRef {
    name
    target { ... on Commit { oid committedDate } }
    branchProtectionRule {
      requiresApprovingReviews
      requiredApprovingReviewCount
      requiresCodeOwnerReviews
      requiresStatusChecks
      requiredStatusChecks { context }
      allowsForcePushes
      allowsDeletions
      requiresCommitSignatures
    }
  }
}`;

/** The GraphQL endpoint of a host: `/graphql` on api.github.com, `/api/graphql` on GHES. */
export function graphqlUrl(apiBaseUrl: string): string {
  const base = apiBaseUrl.replace(/\/+$/, '');
  return /\/api\/v3$/.test(base)
    ? base.replace(/\/api\/v3$/, '/api/graphql')
    : `${base}/graphql`;
}

/** The query for a batch: one aliased `repository` field per target. */
export function batchQuery(targets: GithubTarget[]): {
  query: string;
  variables: Record<string, string>;
} {
  const variables: Record<string, string> = {};
  const params: string[] = [];
  const fields = targets.map((t, i) => {
    variables[`o${i}`] = t.owner;
    variables[`n${i}`] = t.repo;
    params.push(`$o${i}: String!`, `$n${i}: String!`);
    return `  r${i}: repository(owner: $o${i}, name: $n${i}) { ...GatekeeperRepository }`;
  });
  const query = `query GatekeeperRepositories(${params.join(
    ', ',
  )}) {\n${fields.join('\n')}\n}\n${FRAGMENT}`;
  return { query, variables };
}

interface Pending {
  target: GithubTarget;
  resolve: (repo: GraphqlRepository) => void;
  reject: (error: Error) => void;
}

interface Batch {
  url: string;
  headers: Record<string, string>;
  items: Pending[];
  timer?: NodeJS.Timeout;
}

interface GraphqlAnswer {
  data?: Record<string, GraphqlRepository | null> | null;
  errors?: { path?: (string | number)[]; message?: string; type?: string }[];
}

/**
 * Batches the repository-overview reads of many entities into one GraphQL
 * query per host and credential (default branch and its head commit, the
 * protection rule of the default branch, delete-branch-on-merge and
 * vulnerability alerts): up to `maxBatch` repositories per request instead
 * of three REST calls each. Reads that arrive within `windowMs` of each
 * other share a request; a repository the answer names in `errors` fails on
 * its own; a failed request fails its batch (callers fall back to REST).
 */
export class GithubGraphqlBatcher {
  private readonly http: PoliteHttpClient;
  private readonly maxBatch: number;
  private readonly windowMs: number;
  private readonly open = new Map<string, Batch>();
  /** Requests sent (for tests and logs). */
  requestsSent = 0;

  constructor(options: {
    http: PoliteHttpClient;
    maxBatch?: number;
    windowMs?: number;
  }) {
    this.http = options.http;
    this.maxBatch = Math.max(1, options.maxBatch ?? 25);
    this.windowMs = Math.max(0, options.windowMs ?? 10);
  }

  load(
    target: GithubTarget,
    headers: Record<string, string>,
  ): Promise<GraphqlRepository> {
    const url = graphqlUrl(target.apiBaseUrl);
    const key = `${url}\n${headers.Authorization ?? ''}`;
    return new Promise((resolve, reject) => {
      let batch = this.open.get(key);
      if (!batch) {
        batch = { url, headers, items: [] };
        this.open.set(key, batch);
        const started = batch;
        batch.timer = setTimeout(() => this.flush(key, started), this.windowMs);
      }
      batch.items.push({ target, resolve, reject });
      if (batch.items.length >= this.maxBatch) this.flush(key, batch);
    });
  }

  private flush(key: string, batch: Batch) {
    if (this.open.get(key) === batch) this.open.delete(key);
    if (batch.timer) clearTimeout(batch.timer);
    batch.timer = undefined;
    if (batch.items.length === 0) return;
    const items = batch.items.splice(0);
    this.send(batch, items).catch(error => {
      const failure = error instanceof Error ? error : new Error(String(error));
      items.forEach(item => item.reject(failure));
    });
  }

  private async send(batch: Batch, items: Pending[]) {
    this.requestsSent++;
    const response = await this.http.post<GraphqlAnswer>(batch.url, {
      headers: batch.headers,
      body: batchQuery(items.map(i => i.target)),
    });
    const answer = response.body;
    if (response.status !== 200 || !answer || typeof answer !== 'object') {
      throw new HttpStatusError({
        status: response.status,
        url: batch.url,
        message: messageOf(answer) ?? 'GraphQL request failed',
      });
    }
    const data = answer.data ?? {};
    const errors = Array.isArray(answer.errors) ? answer.errors : [];
    items.forEach((item, i) => {
      const alias = `r${i}`;
      const repo = Object.prototype.hasOwnProperty.call(data, alias)
        ? data[alias]
        : undefined;
      const error = errors.find(e => e.path?.[0] === alias);
      if (repo && typeof repo === 'object' && !error) {
        item.resolve(repo);
        return;
      }
      const reason =
        error?.message ??
        (errors[0]?.message || 'repository missing from the GraphQL answer');
      item.reject(new GraphqlRepositoryError(`GraphQL: ${reason}`));
    });
  }
}
