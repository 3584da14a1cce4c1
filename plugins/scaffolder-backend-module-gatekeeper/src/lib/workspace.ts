import fs from 'fs-extra';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readWorkflows, WorkflowReadResult } from './workflows';

const IGNORED_DIRS = new Set([
  '.git',
  'node_modules',
  'dist',
  'build',
  'coverage',
  '.venv',
  'venv',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
]);

/**
 * Lists every file under `rootDir` (relative, `/`-separated, sorted), skipping
 * VCS, dependency and build output directories.
 * @public
 */
export async function listFiles(rootDir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string) {
    const entries = await fs.readdir(path.join(rootDir, rel), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) await walk(child);
      } else if (entry.isFile()) {
        out.push(child);
      }
    }
  }
  await walk('');
  return out.sort();
}

/**
 * Read-only view of a generated repository with cached file access, shared by
 * the fact checks of one verification run.
 * @public
 */
export class Workspace {
  private filesPromise?: Promise<string[]>;
  private workflowsPromise?: Promise<WorkflowReadResult>;
  private readonly textCache = new Map<string, Promise<string | undefined>>();

  constructor(readonly rootDir: string) {}

  files(): Promise<string[]> {
    this.filesPromise ??= listFiles(this.rootDir);
    return this.filesPromise;
  }

  workflows(): Promise<WorkflowReadResult> {
    this.workflowsPromise ??= readWorkflows(this.rootDir);
    return this.workflowsPromise;
  }

  /** File text, or undefined when the file does not exist. */
  read(rel: string): Promise<string | undefined> {
    let cached = this.textCache.get(rel);
    if (!cached) {
      const abs = path.join(this.rootDir, rel);
      cached = fs.readFile(abs, 'utf8').catch(() => undefined) as Promise<
        string | undefined
      >;
      this.textCache.set(rel, cached);
    }
    return cached;
  }

  /** First of `candidates` that exists with non-blank content. */
  async firstNonEmpty(candidates: string[]): Promise<string | undefined> {
    for (const c of candidates) {
      const text = await this.read(c);
      if (text && text.trim().length > 0) return c;
    }
    return undefined;
  }

  /** Files matching a predicate on the relative path. */
  async find(predicate: (rel: string) => boolean): Promise<string[]> {
    return (await this.files()).filter(predicate);
  }

  /** Every YAML document of the given files that parses to an object. */
  async yamlDocuments(
    files: string[],
  ): Promise<{ file: string; doc: Record<string, any> }[]> {
    const out: { file: string; doc: Record<string, any> }[] = [];
    for (const file of files) {
      const text = await this.read(file);
      if (!text) continue;
      for (const d of parseAllDocuments(text)) {
        if (d.errors.length > 0) continue;
        const value = d.toJS();
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          out.push({ file, doc: value });
        }
      }
    }
    return out;
  }
}
