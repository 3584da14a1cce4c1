/*
 * A local "git host" for the scale benchmark: every repository's tree as a
 * tar.gz archive with an ETag, answering 304 to a matching If-None-Match.
 * Four content variants; a repository's version picks its variant.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import * as tar from 'tar';

const WORKFLOW = `name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: npm run lint
      - run: npx tsc --noEmit
      - run: npm test
      - uses: gitleaks/gitleaks-action@v2
`;
const SLO = `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec: { service: svc, budgetingMethod: Occurrences }
`;
const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
spec:
  strategy:
    canary:
      steps:
        - analysis: { templates: [{ templateName: success-rate }] }
`;

function variantFiles(variant: number): Record<string, string> {
  const files: Record<string, string> = {
    'README.md': `# service (variant ${variant})\n`,
    'src/index.ts': 'export {};\n',
    'package.json': '{"name":"svc","version":"1.0.0"}\n',
  };
  if (variant !== 3) files['.github/CODEOWNERS'] = '* @default/team-a\n';
  if (variant % 2 === 0) {
    files['.github/pull_request_template.md'] = '## What\n\n## Why\n';
    files['docs/runbook.md'] = '# Runbook\n\nRestart the pods.\n';
  }
  if (variant !== 2) files['.github/workflows/ci.yml'] = WORKFLOW;
  if (variant === 0 || variant === 1) {
    files['slo/availability.yaml'] = SLO;
    files['docs/rollback.md'] = '# Rollback\n\nRevert the release.\n';
  }
  if (variant === 0) files['deploy/rollout.yaml'] = ROLLOUT;
  return files;
}

async function archive(variant: number): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-scale-repo-'));
  const root = path.join(dir, 'repo-main');
  for (const [file, text] of Object.entries(variantFiles(variant))) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const chunks: Buffer[] = [];
  const stream = tar.c({ gzip: true, cwd: dir, portable: true }, ['repo-main']);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
  }
  fs.rmSync(dir, { recursive: true });
  return Buffer.concat(chunks);
}

export interface RepoServer {
  origin: string;
  /** Tree URL of a repository (what the entities point at). */
  treeUrl(name: string): string;
  /** A new commit: new ETag, next content variant. */
  bump(name: string): void;
  stats: { full: number; notModified: number };
  close(): Promise<void>;
}

export async function startRepoServer(): Promise<RepoServer> {
  const archives = await Promise.all([0, 1, 2, 3].map(archive));
  const versions = new Map<string, number>();
  const stats = { full: 0, notModified: 0 };
  const server = http.createServer((req, res) => {
    const match = /^\/repos\/([\w.-]+)\/archive\.tar\.gz$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const name = match[1];
    const version = versions.get(name) ?? 0;
    const index = Number(/(\d+)$/.exec(name)?.[1] ?? 0);
    const etag = `"${name}-${version}"`;
    if (req.headers['if-none-match'] === etag) {
      stats.notModified++;
      res.writeHead(304, { etag }).end();
      return;
    }
    stats.full++;
    const body = archives[(index + version) % archives.length];
    res
      .writeHead(200, {
        etag,
        'content-type': 'application/gzip',
        'content-length': body.length,
      })
      .end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    treeUrl: name => `${origin}/repos/${name}/tree/main/`,
    bump: name => versions.set(name, (versions.get(name) ?? 0) + 1),
    stats,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
