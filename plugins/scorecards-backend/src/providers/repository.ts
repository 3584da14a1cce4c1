import { UrlReaderService } from '@backstage/backend-plugin-api';
import { RepositoryLocation } from '@gatekeeper/gatekeeper-node';
import { RepositoryFiles } from '@gatekeeper/plugin-scorecards-node';
import fs from 'fs/promises';
import path from 'path';

const SKIPPED_DIRS = new Set([
  '.git',
  'node_modules',
  'dist',
  'build',
  'vendor',
]);
const MAX_FILES = 5000;
const MAX_DEPTH = 8;
const MAX_FILE_BYTES = 512 * 1024;

async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  async function visit(dir: string, rel: string, depth: number) {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (out.length >= MAX_FILES) return;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) {
          await visit(path.join(dir, entry.name), relPath, depth + 1);
        }
      } else if (entry.isFile()) {
        out.push(relPath);
      }
    }
  }
  await visit(root, '', 0);
  return out;
}

/** Reads a local directory as a repository. */
export async function readLocalRepository(
  dir: string,
): Promise<RepositoryFiles | undefined> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) return undefined;
  const paths = await walk(dir);
  const known = new Set(paths);
  return {
    location: `file:${dir}`,
    paths,
    async read(file) {
      if (!known.has(file)) return undefined;
      const full = path.join(dir, file);
      const info = await fs.stat(full).catch(() => undefined);
      if (!info || info.size > MAX_FILE_BYTES) return undefined;
      return fs.readFile(full, 'utf8');
    },
  };
}

/** Only files the built-in providers look at are fetched from URL trees. */
export function isRelevantPath(file: string): boolean {
  const lower = file.toLowerCase();
  return (
    /\.(ya?ml|md|json)$/.test(lower) ||
    lower.endsWith('codeowners') ||
    lower.includes('pull_request_template')
  );
}

/** A repository read, with the ETag of its tree when the reader has one. */
export type ReadRepository = RepositoryFiles & { etag?: string };

/**
 * Reads a remote tree through the UrlReader service. With `etag`, the read
 * is conditional: the reader throws NotModifiedError when the tree is
 * unchanged.
 */
export async function readUrlRepository(
  url: string,
  reader: UrlReaderService,
  options: { etag?: string } = {},
): Promise<ReadRepository> {
  const tree = await reader.readTree(url, {
    etag: options.etag,
    filter: (file, info) =>
      isRelevantPath(file) && (info?.size ?? 0) <= MAX_FILE_BYTES,
  });
  const files = await tree.files();
  const contents = new Map<string, () => Promise<Buffer>>();
  for (const file of files.slice(0, MAX_FILES)) {
    contents.set(file.path, file.content);
  }
  return {
    location: url,
    etag: tree.etag || undefined,
    paths: [...contents.keys()],
    async read(file) {
      const content = contents.get(file);
      return content ? (await content()).toString('utf8') : undefined;
    },
  };
}

/**
 * Loads the repository of a resolved location; undefined when unreadable.
 * `etag` makes URL reads conditional (see {@link readUrlRepository}); local
 * directories are always read.
 */
export async function loadRepository(
  location: RepositoryLocation,
  reader: UrlReaderService,
  options: { etag?: string } = {},
): Promise<ReadRepository | undefined> {
  if (location.type === 'file') return readLocalRepository(location.target);
  return readUrlRepository(location.target, reader, options);
}
