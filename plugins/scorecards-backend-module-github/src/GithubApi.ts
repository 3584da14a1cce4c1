import { GithubCredentialsProvider } from '@backstage/integration';
import {
  HttpStatusError,
  messageOf,
  PoliteHttpClient,
  PoliteResponse,
} from '@gatekeeper/gatekeeper-node';
import {
  GithubGraphqlBatcher,
  GraphqlRepository,
} from './GithubGraphqlBatcher';
import { GithubTarget } from './githubTarget';

/** No usable credentials for a repository. */
export class GithubCredentialsError extends Error {}

/**
 * GitHub REST calls for one repository, authenticated through the
 * integration's credentials provider (token or GitHub App installation).
 */
export class GithubApi {
  private constructor(
    private readonly http: PoliteHttpClient,
    readonly target: GithubTarget,
    private readonly headers: Record<string, string>,
  ) {}

  static async create(options: {
    http: PoliteHttpClient;
    credentials: GithubCredentialsProvider;
    target: GithubTarget;
  }): Promise<GithubApi> {
    const { target } = options;
    let token: string | undefined;
    let extra: Record<string, string> | undefined;
    try {
      const creds = await options.credentials.getCredentials({
        url: target.url,
      });
      token = creds.token;
      extra = creds.headers;
    } catch (error) {
      throw new GithubCredentialsError(
        `no GitHub credentials for ${target.url}: ${String(
          (error as Error)?.message ?? error,
        )}`,
      );
    }
    if (!token) {
      throw new GithubCredentialsError(
        `no GitHub token or App installation for ${target.host}/${target.owner} (configure integrations.github for ${target.host})`,
      );
    }
    return new GithubApi(options.http, target, {
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      'User-Agent': 'gatekeeper-scorecards',
      ...extra,
      Authorization: `Bearer ${token}`,
    });
  }

  /** Full API URL of a repository path such as `/branches/main/protection`. */
  repoUrl(path: string): string {
    const { apiBaseUrl, owner, repo } = this.target;
    return `${apiBaseUrl}/repos/${encodeURIComponent(
      owner,
    )}/${encodeURIComponent(repo)}${path}`;
  }

  /** The repository overview through the shared GraphQL batcher. */
  overview(batcher: GithubGraphqlBatcher): Promise<GraphqlRepository> {
    return batcher.load(this.target, this.headers);
  }

  get<T>(path: string): Promise<PoliteResponse<T>> {
    return this.http.get<T>(this.repoUrl(path), { headers: this.headers });
  }

  /** GET that must succeed (2xx); throws HttpStatusError otherwise. */
  async getOk<T>(path: string): Promise<PoliteResponse<T>> {
    const response = await this.get<T>(path);
    if (response.status < 200 || response.status >= 300) {
      throw new HttpStatusError({
        status: response.status,
        url: response.url,
        message: messageOf(response.body),
      });
    }
    return response;
  }

  getAllPages<T>(
    path: string,
    options: { maxPages?: number; items?: (body: unknown) => T[] } = {},
  ) {
    return this.http.getAllPages<T>(this.repoUrl(path), {
      ...options,
      headers: this.headers,
    });
  }
}
