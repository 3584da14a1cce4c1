import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { RepositoryFiles } from '@gatekeeper/plugin-scorecards-node';
import fs from 'fs/promises';
import path from 'path';

/** Where an entity's repository lives. */
export type RepositoryLocation =
  | { type: 'file'; target: string }
  | { type: 'url'; target: string };

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

function splitLocationRef(ref: string): { type: string; target: string } {
  const index = ref.indexOf(':');
  if (index <= 0) return { type: '', target: ref };
  return { type: ref.slice(0, index), target: ref.slice(index + 1) };
}

/**
 * Finds an entity's source repository: `backstage.io/source-location`
 * (`url:` or `file:`), else the directory of `backstage.io/managed-by-location`.
 */
export function resolveRepositoryLocation(
  entity: Entity,
): RepositoryLocation | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const managedBy = annotations[ANNOTATION_LOCATION];
  const managed = managedBy ? splitLocationRef(managedBy) : undefined;
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  if (source) {
    const { type, target } = splitLocationRef(source);
    if (type === 'url') return { type: 'url', target };
    if (type === 'file') {
      if (path.isAbsolute(target)) return { type: 'file', target };
      if (managed?.type === 'file') {
        return {
          type: 'file',
          target: path.resolve(path.dirname(managed.target), target),
        };
      }
      return undefined;
    }
  }
  if (managed?.type === 'file' && path.isAbsolute(managed.target)) {
    return { type: 'file', target: path.dirname(managed.target) };
  }
  if (managed?.type === 'url') {
    try {
      return { type: 'url', target: new URL('.', managed.target).toString() };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

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

/** Reads a remote tree through the UrlReader service. */
export async function readUrlRepository(
  url: string,
  reader: UrlReaderService,
): Promise<RepositoryFiles> {
  const tree = await reader.readTree(url, {
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
    paths: [...contents.keys()],
    async read(file) {
      const content = contents.get(file);
      return content ? (await content()).toString('utf8') : undefined;
    },
  };
}

/** Loads the repository of a resolved location; undefined when unreadable. */
export async function loadRepository(
  location: RepositoryLocation,
  reader: UrlReaderService,
): Promise<RepositoryFiles | undefined> {
  if (location.type === 'file') return readLocalRepository(location.target);
  return readUrlRepository(location.target, reader);
}
