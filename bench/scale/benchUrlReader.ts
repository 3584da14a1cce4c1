/*
 * A UrlReader for the benchmark's local git host (repoServer.ts), plugged in
 * through urlReaderFactoriesServiceRef like any custom reader: readTree
 * downloads the tree's tar.gz, conditionally with If-None-Match.
 */
import {
  createServiceFactory,
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadUrlOptions,
} from '@backstage/backend-plugin-api';
import {
  ReaderFactory,
  ReadTreeResponseFactory,
  ReadUrlResponseFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { NotModifiedError } from '@backstage/errors';
import { Readable } from 'stream';

class BenchRepoReader implements UrlReaderService {
  constructor(private readonly trees: ReadTreeResponseFactory) {}

  private async get(url: string, etag?: string) {
    const response = await fetch(url, {
      headers: etag ? { 'If-None-Match': etag } : {},
    });
    if (response.status === 304) throw new NotModifiedError();
    if (!response.ok || !response.body) {
      throw new Error(`${url}: HTTP ${response.status}`);
    }
    return {
      stream: Readable.fromWeb(response.body as any),
      etag: response.headers.get('etag') ?? undefined,
    };
  }

  async readUrl(url: string, options?: UrlReaderServiceReadUrlOptions) {
    const { stream, etag } = await this.get(url, options?.etag);
    return ReadUrlResponseFactory.fromReadable(stream, { etag });
  }

  async readTree(url: string, options?: UrlReaderServiceReadTreeOptions) {
    const match = /^(.*\/repos\/[\w.-]+)\/tree\//.exec(url);
    if (!match) throw new Error(`Not a repository tree: ${url}`);
    const { stream, etag } = await this.get(
      `${match[1]}/archive.tar.gz`,
      options?.etag,
    );
    return this.trees.fromTarArchive({
      stream,
      etag: etag ?? '',
      filter: options?.filter,
    });
  }

  async search(): Promise<never> {
    throw new Error('search is not supported by the bench reader');
  }
}

/** The reader for repositories under `origin`. */
export function benchUrlReaderFactory(origin: string) {
  const host = new URL(origin).host;
  const factory: ReaderFactory = ({ treeResponseFactory }) => [
    {
      reader: new BenchRepoReader(treeResponseFactory),
      predicate: url => url.host === host,
    },
  ];
  return createServiceFactory({
    service: urlReaderFactoriesServiceRef,
    deps: {},
    async factory() {
      return factory;
    },
  });
}
