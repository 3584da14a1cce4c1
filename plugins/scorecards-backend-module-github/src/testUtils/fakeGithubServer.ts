import { createHash } from 'crypto';
import http from 'http';
import { AddressInfo } from 'net';
import { answerGraphql, readBody } from './fakeGithubGraphql';

/** A canned answer, e.g. a rate limit, served once for a matching path. */
export interface InjectedResponse {
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One repository of the stand-in, in GitHub's documented response shapes. */
export interface FakeRepository {
  repo: Record<string, unknown>;
  vulnerabilityAlerts: boolean;
  /** Classic protection body, or the documented 404 / a 403. */
  protection: Record<string, unknown> | 'not-protected' | 'forbidden';
  rules: Record<string, unknown>[];
  runs: { id: number; head_sha: string; jobs: Record<string, unknown>[] }[];
  dependabot: Record<string, unknown>[] | 'disabled';
  codeScanning: Record<string, unknown>[] | 'no-analysis';
  secretScanning: Record<string, unknown>[] | 'disabled';
  /** Head commit of the default branch (GraphQL); default: the latest run's. */
  head?: string;
}

/** What a REST route answers. */
interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** GitHub's documented 404 body. */
const NOT_FOUND: RouteResult = {
  status: 404,
  body: {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
  },
};

export interface RecordedRequest {
  path: string;
  ifNoneMatch?: string;
  authorization?: string;
  status: number;
}

/**
 * A local stand-in for the GitHub REST API (api root `<url>/api/v3`) and
 * the repository part of its GraphQL API (`<url>/api/graphql`):
 * bearer auth, ETags with 304, `page`/`per_page` pagination with `Link`
 * headers, the documented 404/403 bodies and injectable rate limits.
 */
export class FakeGithubServer {
  readonly repos = new Map<string, FakeRepository>();
  readonly requests: RecordedRequest[] = [];
  readonly inject: InjectedResponse[] = [];
  token = 'test-token';
  appId = 4242;
  installationToken = 'ghs_installation';
  appTokensIssued = 0;
  /** Whether `POST /api/graphql` answers (GHES and github.com do). */
  graphql = true;
  private server?: http.Server;
  url = '';

  get apiBaseUrl() {
    return `${this.url}/api/v3`;
  }

  async start() {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    this.url = `http://127.0.0.1:${
      (this.server.address() as AddressInfo).port
    }`;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const record: RecordedRequest = {
      path: `${url.pathname}${url.search}`,
      ifNoneMatch: req.headers['if-none-match'] as string | undefined,
      authorization: req.headers.authorization,
      status: 0,
    };
    this.requests.push(record);
    const send = (
      status: number,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      record.status = status;
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        ...headers,
      });
      res.end(text);
    };
    const injected = this.inject.findIndex(i => i.path.test(record.path));
    if (injected >= 0) {
      const [i] = this.inject.splice(injected, 1);
      send(i.status, i.body, i.headers);
      return;
    }
    if (url.pathname.startsWith('/api/v3/app/')) {
      this.handleApp(req, url, send);
      return;
    }
    const auth = req.headers.authorization;
    if (
      auth !== `Bearer ${this.token}` &&
      auth !== `token ${this.installationToken}` &&
      auth !== `Bearer ${this.installationToken}`
    ) {
      send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
      return;
    }
    if (url.pathname === '/api/graphql') {
      if (!this.graphql || req.method !== 'POST') {
        send(404, { message: 'Not Found' });
        return;
      }
      readBody(req).then(text => {
        const a = answerGraphql(this.repos, text);
        send(a.status, a.body);
      });
      return;
    }
    const answer = this.route(url);
    if (answer.status === 200 && answer.body !== undefined) {
      const etag = `"${createHash('sha1')
        .update(JSON.stringify(answer.body))
        .digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        send(304, undefined, { etag });
        return;
      }
      send(200, answer.body, { etag, ...answer.headers });
      return;
    }
    send(answer.status, answer.body, answer.headers);
  }

  /**
   * GitHub App endpoints used by @backstage/integration: list installations
   * and create an installation token, authenticated with the App's JWT
   * (RS256, `iss` = app id; only its shape and issuer are checked here).
   */
  private handleApp(
    req: http.IncomingMessage,
    url: URL,
    send: (status: number, body?: unknown) => void,
  ) {
    const jwt = /^bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(
      String(req.headers.authorization),
    );
    const claims = jwt
      ? JSON.parse(Buffer.from(jwt[2], 'base64url').toString('utf8'))
      : undefined;
    if (!claims || String(claims.iss) !== String(this.appId)) {
      send(401, { message: 'A JSON web token could not be decoded' });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/v3/app/installations') {
      send(200, [
        {
          id: 7,
          account: { login: 'acme', type: 'Organization' },
          app_id: this.appId,
          repository_selection: 'all',
          suspended_at: null,
        },
      ]);
    } else if (
      req.method === 'POST' &&
      url.pathname === '/api/v3/app/installations/7/access_tokens'
    ) {
      this.appTokensIssued++;
      send(201, {
        token: this.installationToken,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { administration: 'read', actions: 'read' },
        repository_selection: 'all',
      });
    } else {
      send(404, { message: 'Not Found' });
    }
  }

  private paginate(
    url: URL,
    items: unknown[],
    wrap?: (page: unknown[]) => unknown,
  ) {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next}>; rel="next"`;
    }
    return { status: 200, body: wrap ? wrap(slice) : slice, headers };
  }

  private route(url: URL): RouteResult {
    const match = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(
      url.pathname,
    );
    const repo = match && this.repos.get(`${match[1]}/${match[2]}`);
    if (!match || !repo) return NOT_FOUND;
    const rest = match[3] ?? '';
    if (rest === '') return { status: 200, body: repo.repo };
    if (rest === '/vulnerability-alerts') {
      return repo.vulnerabilityAlerts ? { status: 204 } : NOT_FOUND;
    }
    return (
      this.routeBranch(url, repo, rest) ??
      this.routeActions(url, repo, rest) ??
      this.routeAlerts(url, repo, rest) ??
      NOT_FOUND
    );
  }

  /** The default branch, its classic protection and its ruleset rules. */
  private routeBranch(
    url: URL,
    repo: FakeRepository,
    rest: string,
  ): RouteResult | undefined {
    const branch = String(repo.repo.default_branch);
    if (rest === `/branches/${branch}`) {
      const sha = repo.head ?? repo.runs[0]?.head_sha ?? 'e'.repeat(40);
      return {
        status: 200,
        body: {
          name: branch,
          commit: {
            sha,
            commit: { committer: { date: '2026-12-01T09:00:00Z' } },
          },
          protected: typeof repo.protection === 'object',
        },
      };
    }
    if (rest === `/branches/${branch}/protection`) {
      if (repo.protection === 'not-protected') {
        return {
          status: 404,
          body: {
            message: 'Branch not protected',
            documentation_url:
              'https://docs.github.com/rest/branches/branch-protection#get-branch-protection',
            status: '404',
          },
        };
      }
      if (repo.protection === 'forbidden') {
        return {
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            status: '403',
          },
        };
      }
      return { status: 200, body: repo.protection };
    }
    if (rest === `/rules/branches/${branch}`)
      return this.paginate(url, repo.rules);
    return undefined;
  }

  /** Workflow runs and the jobs of a run. */
  private routeActions(
    url: URL,
    repo: FakeRepository,
    rest: string,
  ): RouteResult | undefined {
    if (rest === '/actions/runs') {
      const branch = String(repo.repo.default_branch);
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const runs = repo.runs
        .slice(0, perPage)
        .map(({ jobs: _jobs, ...run }) => ({
          ...run,
          head_branch: branch,
          status: 'completed',
          html_url: `https://github.com/x/y/actions/runs/${run.id}`,
        }));
      return {
        status: 200,
        body: { total_count: repo.runs.length, workflow_runs: runs },
      };
    }
    const jobs = /^\/actions\/runs\/(\d+)\/jobs$/.exec(rest);
    if (jobs) {
      const run = repo.runs.find(r => r.id === Number(jobs[1]));
      if (!run) return NOT_FOUND;
      return this.paginate(url, run.jobs, page => ({
        total_count: run.jobs.length,
        jobs: page,
      }));
    }
    return undefined;
  }

  /** Dependabot, code scanning and secret scanning alerts. */
  private routeAlerts(
    url: URL,
    repo: FakeRepository,
    rest: string,
  ): RouteResult | undefined {
    if (rest === '/dependabot/alerts') {
      if (repo.dependabot === 'disabled') {
        return {
          status: 403,
          body: {
            message: 'Dependabot alerts are disabled for this repository.',
          },
        };
      }
      return this.paginate(url, repo.dependabot);
    }
    if (rest === '/code-scanning/alerts') {
      if (repo.codeScanning === 'no-analysis') {
        return { status: 404, body: { message: 'no analysis found' } };
      }
      return this.paginate(url, repo.codeScanning);
    }
    if (rest === '/secret-scanning/alerts') {
      if (repo.secretScanning === 'disabled') {
        return {
          status: 404,
          body: { message: 'Secret scanning is disabled on this repository.' },
        };
      }
      return this.paginate(url, repo.secretScanning);
    }
    return undefined;
  }
}

export { healthyRepository, job } from './fakeGithubRepos';
