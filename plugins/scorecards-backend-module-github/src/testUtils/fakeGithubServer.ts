import { branchAnswer } from './fakeBranch';
import { createHash } from 'crypto';
import http from 'http';
import { AddressInfo } from 'net';

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
}

export interface RecordedRequest {
  path: string;
  ifNoneMatch?: string;
  authorization?: string;
  status: number;
}

/**
 * A local stand-in for the GitHub REST API (api root `<url>/api/v3`):
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

  private route(url: URL): {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  } {
    const notFound = {
      status: 404,
      body: {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
      },
    };
    const match = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(
      url.pathname,
    );
    const repo = match && this.repos.get(`${match[1]}/${match[2]}`);
    if (!match || !repo) return notFound;
    const rest = match[3] ?? '';
    const branch = String(repo.repo.default_branch);
    if (rest === '') return { status: 200, body: repo.repo };
    if (rest === '/vulnerability-alerts') {
      return repo.vulnerabilityAlerts ? { status: 204 } : notFound;
    }
    if (rest === `/branches/${branch}`) return branchAnswer(repo, branch);
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
    if (rest === '/actions/runs') {
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
      if (!run) return notFound;
      return this.paginate(url, run.jobs, page => ({
        total_count: run.jobs.length,
        jobs: page,
      }));
    }
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
    return notFound;
  }
}

/** A job of GET /actions/runs/{id}/jobs. */
export function job(
  name: string,
  conclusion: string,
  sha: string,
  runId: number,
) {
  return {
    id: runId * 100 + name.length,
    run_id: runId,
    name,
    head_sha: sha,
    status: 'completed',
    conclusion,
    started_at: '2026-12-01T10:00:00Z',
    completed_at: '2026-12-01T10:05:00Z',
    html_url: `https://github.com/acme/payments/actions/runs/${runId}/job/${name}`,
  };
}

/** A well-kept repository: protected, green, few alerts. */
export function healthyRepository(): FakeRepository {
  const sha = 'a1b2c3d4e5f6';
  const gateJobs = [
    'lint',
    'type-check',
    'unit-tests',
    'sast',
    'secrets-scan',
    'dependency-audit',
  ];
  return {
    repo: {
      id: 1296269,
      name: 'payments',
      full_name: 'acme/payments',
      default_branch: 'main',
      delete_branch_on_merge: true,
      html_url: 'https://github.com/acme/payments',
    },
    vulnerabilityAlerts: true,
    protection: {
      url: 'https://api.github.com/repos/acme/payments/branches/main/protection',
      required_status_checks: {
        strict: true,
        contexts: ['lint', 'type-check', 'unit-tests'],
        checks: [
          { context: 'lint', app_id: 15368 },
          { context: 'type-check', app_id: 15368 },
          { context: 'unit-tests', app_id: 15368 },
        ],
      },
      enforce_admins: { enabled: true },
      required_pull_request_reviews: {
        dismiss_stale_reviews: true,
        require_code_owner_reviews: true,
        required_approving_review_count: 1,
      },
      required_signatures: { enabled: false },
      allow_force_pushes: { enabled: false },
      allow_deletions: { enabled: false },
    },
    rules: [
      { type: 'deletion', ruleset_source_type: 'Repository', ruleset_id: 42 },
      {
        type: 'pull_request',
        ruleset_id: 42,
        parameters: {
          required_approving_review_count: 2,
          require_code_owner_review: false,
          dismiss_stale_reviews_on_push: true,
        },
      },
      {
        type: 'required_status_checks',
        ruleset_id: 42,
        parameters: {
          strict_required_status_checks_policy: true,
          required_status_checks: [
            { context: 'sast' },
            { context: 'secrets-scan' },
            { context: 'dependency-audit' },
          ],
        },
      },
      { type: 'required_signatures', ruleset_id: 42 },
    ],
    runs: [
      {
        id: 902,
        head_sha: sha,
        jobs: gateJobs.slice(0, 3).map(n => job(n, 'success', sha, 902)),
      },
      {
        id: 901,
        head_sha: 'older',
        jobs: gateJobs.map(n => job(n, 'success', 'older', 901)),
      },
    ],
    dependabot: [],
    codeScanning: [],
    secretScanning: [],
  };
}
