import { minimatch } from 'minimatch';
import { hashFiles, readStamp, TemplateStamp } from './stamp';

/**
 * How a file relates to the template it was generated from.
 * - `modified`: changed in the repository, unchanged in the template
 * - `removed`: generated, then deleted from the repository
 * - `outdated`: unchanged in the repository, changed in the current template (safe to update)
 * - `conflict`: changed in both the repository and the template
 * - `new-in-template`: the current template renders a file the repository never had
 * - `dropped-from-template`: generated earlier, no longer rendered by the current template
 * - `untracked`: added in the repository, never part of the template (informational)
 * @public
 */
export type DriftStatus =
  | 'modified'
  | 'removed'
  | 'outdated'
  | 'conflict'
  | 'new-in-template'
  | 'dropped-from-template'
  | 'untracked';

/** @public */
export interface DriftReport {
  template: {
    name: string;
    stampedVersion: string;
    currentVersion?: string;
    /** True when the repository was generated from an older template version. */
    behind?: boolean;
  };
  files: { path: string; status: DriftStatus }[];
  counts: Partial<Record<DriftStatus, number>>;
  /** No drifted file (untracked files do not count) and not behind. */
  inSync: boolean;
}

/** Options of {@link computeDrift}. @public */
export interface ComputeDriftOptions {
  repoDir: string;
  /** Hashes of the current template rendered with the stamped values (see renderTemplate). */
  rendered?: Record<string, string>;
  currentVersion?: string;
  /** Globs of files to compare (default: all). */
  only?: string[];
  /** Globs of files to ignore. */
  ignore?: string[];
  stamp?: TemplateStamp;
}

/**
 * Compares dotted numeric versions (`1.2.0` vs `1.10.0`); pre-release
 * suffixes are ignored.
 * @public
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .replace(/^v/, '')
      .split(/[-+]/)[0]
      .split('.')
      .map(n => Number.parseInt(n, 10) || 0);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/**
 * Drift of a repository against the template it was generated from: the
 * stamp's hashes are the common ancestor, the repository is one side and the
 * current template (re-rendered with the stamped values) the other.
 * @public
 */
export async function computeDrift(
  options: ComputeDriftOptions,
): Promise<DriftReport> {
  const stamp = options.stamp ?? (await readStamp(options.repoDir));
  const repo = await hashFiles(options.repoDir);
  const base = stamp.files;
  const rendered = options.rendered;
  const selected = (p: string) =>
    (!options.only || options.only.some(g => minimatch(p, g, { dot: true }))) &&
    !(options.ignore ?? []).some(g => minimatch(p, g, { dot: true }));

  const paths = new Set([
    ...Object.keys(base),
    ...Object.keys(repo),
    ...Object.keys(rendered ?? {}),
  ]);
  const files: DriftReport['files'] = [];
  for (const p of [...paths].sort()) {
    if (!selected(p)) continue;
    const b = base[p];
    const r = repo[p];
    const t = rendered ? rendered[p] : b;
    let status: DriftStatus | undefined;
    if (b === undefined) {
      if (t !== undefined && r === undefined) status = 'new-in-template';
      else if (t !== undefined && r !== t) status = 'conflict';
      else if (t === undefined) status = 'untracked';
    } else if (r === undefined) {
      status = t === undefined ? undefined : 'removed';
    } else if (t === undefined) {
      status = 'dropped-from-template';
    } else if (r === b && t !== b) {
      status = 'outdated';
    } else if (r !== b && t === b) {
      status = 'modified';
    } else if (r !== b && t !== b && r !== t) {
      status = 'conflict';
    }
    if (status) files.push({ path: p, status });
  }

  const counts: DriftReport['counts'] = {};
  for (const f of files) counts[f.status] = (counts[f.status] ?? 0) + 1;
  const behind = options.currentVersion
    ? compareVersions(stamp.template.version, options.currentVersion) < 0
    : undefined;
  return {
    template: {
      name: stamp.template.name,
      stampedVersion: stamp.template.version,
      currentVersion: options.currentVersion,
      behind,
    },
    files,
    counts,
    inSync: !behind && files.every(f => f.status === 'untracked'),
  };
}

/** Human-readable drift report. @public */
export function formatDriftReport(report: DriftReport): string {
  const { name, stampedVersion, currentVersion, behind } = report.template;
  const current = currentVersion
    ? `, current ${currentVersion}${behind ? ' (behind)' : ''}`
    : '';
  const lines = [
    `Template ${name}: generated from ${stampedVersion}${current}`,
  ];
  if (report.files.length === 0) lines.push('No file drift.');
  for (const f of report.files)
    lines.push(`  ${f.status.padEnd(22)} ${f.path}`);
  lines.push(report.inSync ? 'In sync with the template.' : 'Drift detected.');
  return lines.join('\n');
}
