import { createHash } from 'crypto';
import http from 'http';
import { AddressInfo } from 'net';

/** One SonarQube project of the stand-in. */
export interface FakeProject {
  status: 'OK' | 'WARN' | 'ERROR' | 'NONE';
  conditions: Record<string, unknown>[];
  measures: Record<string, string>;
  revision?: string;
}

export interface RecordedRequest {
  path: string;
  authorization?: string;
  ifNoneMatch?: string;
  status: number;
}

type Send = (
  status: number,
  body?: unknown,
  headers?: Record<string, string>,
) => void;

/**
 * A local stand-in for the SonarQube Web API: `/api/qualitygates/project_status`,
 * `/api/measures/component`, `/api/project_analyses/search`, in the documented
 * shapes (errors as `{ errors: [{ msg }] }`), basic token auth, ETags on
 * measures, and injectable 429/503 answers.
 */
export class FakeSonarqubeServer {
  readonly projects = new Map<string, FakeProject>();
  readonly requests: RecordedRequest[] = [];
  readonly inject: {
    path: RegExp;
    status: number;
    headers?: Record<string, string>;
  }[] = [];
  token = 'squ_test';
  url = '';
  private server?: http.Server;

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
      authorization: req.headers.authorization,
      ifNoneMatch: req.headers['if-none-match'] as string | undefined,
      status: 0,
    };
    this.requests.push(record);
    const send: Send = (status, body, headers = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const injected = this.inject.findIndex(i => i.path.test(record.path));
    if (injected >= 0) {
      const [i] = this.inject.splice(injected, 1);
      send(i.status, { errors: [{ msg: 'Too many requests' }] }, i.headers);
      return;
    }
    const expected = `Basic ${Buffer.from(`${this.token}:`).toString(
      'base64',
    )}`;
    if (req.headers.authorization !== expected) {
      send(401, { errors: [{ msg: 'Authentication is required' }] });
      return;
    }
    const key =
      url.searchParams.get('projectKey') ??
      url.searchParams.get('component') ??
      url.searchParams.get('project') ??
      '';
    const project = this.projects.get(key);
    if (!project) {
      send(404, { errors: [{ msg: `Project '${key}' not found` }] });
      return;
    }
    this.answerProject({ req, url, key, project, send });
  }

  /** The Web API endpoints that read one (known) project. */
  private answerProject(options: {
    req: http.IncomingMessage;
    url: URL;
    key: string;
    project: FakeProject;
    send: Send;
  }) {
    const { req, url, key, project, send } = options;
    if (url.pathname === '/api/qualitygates/project_status') {
      send(200, {
        projectStatus: {
          status: project.status,
          ignoredConditions: false,
          conditions: project.conditions,
          periods: [],
        },
      });
    } else if (url.pathname === '/api/measures/component') {
      const wanted = (url.searchParams.get('metricKeys') ?? '').split(',');
      const body = {
        component: {
          key,
          name: key,
          qualifier: 'TRK',
          measures: wanted
            .filter(m => project.measures[m] !== undefined)
            .map(metric => ({
              metric,
              value: project.measures[metric],
              bestValue: false,
            })),
        },
      };
      const etag = `"${createHash('sha1')
        .update(JSON.stringify(body))
        .digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) send(304, undefined, { etag });
      else send(200, body, { etag });
    } else if (url.pathname === '/api/project_analyses/search') {
      send(200, {
        paging: { pageIndex: 1, pageSize: 1, total: 1 },
        analyses: [
          {
            key: 'AU-TpxcA-iU5OvuD2FL1',
            date: '2026-11-30T10:00:00+0000',
            projectVersion: '1.4.0',
            revision: project.revision,
            events: [],
          },
        ],
      });
    } else {
      send(404, { errors: [{ msg: `Unknown url : ${url.pathname}` }] });
    }
  }
}

/** A project that passes its quality gate. */
export function passingProject(): FakeProject {
  return {
    status: 'OK',
    conditions: [
      {
        status: 'OK',
        metricKey: 'new_coverage',
        comparator: 'LT',
        errorThreshold: '80',
        actualValue: '91.2',
      },
    ],
    measures: {
      coverage: '84.5',
      line_coverage: '86.1',
      bugs: '0',
      vulnerabilities: '0',
      code_smells: '12',
      security_hotspots: '1',
      duplicated_lines_density: '2.3',
    },
    revision: 'c0ffee1234',
  };
}
