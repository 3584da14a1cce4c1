import { SCM_DEFAULT_BRANCH_HEAD_FACT } from '@gatekeeper/plugin-scorecards-common';
import { FactRecord } from './types';

/** A commit SHA: 7 to 64 hex digits. */
export const COMMIT_PATTERN = /^[0-9a-f]{7,64}$/i;

/** The head of the default branch an SCM provider reported. */
export interface DefaultBranchHead {
  sha: string;
  /** Epoch ms of the head commit, or when the head was observed. */
  at: number;
}

/** Whether two SHAs name the same commit (a short SHA matches its prefix). */
export function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length <= y.length ? y.startsWith(x) : x.startsWith(y);
}

/**
 * The `scm.default-branch.head` fact (a SHA or `{ sha, committedAt? }`),
 * undefined when absent or not a commit.
 */
export function readDefaultBranchHead(
  facts: ReadonlyMap<string, FactRecord>,
): DefaultBranchHead | undefined {
  const fact = facts.get(SCM_DEFAULT_BRANCH_HEAD_FACT);
  if (!fact) return undefined;
  const value = fact.value;
  let sha: unknown = value;
  let at = fact.observedAt;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    sha = value.sha;
    const committed =
      typeof value.committedAt === 'string'
        ? Date.parse(value.committedAt)
        : NaN;
    if (Number.isFinite(committed)) at = committed;
  }
  if (typeof sha !== 'string' || !COMMIT_PATTERN.test(sha)) return undefined;
  return { sha: sha.toLowerCase(), at };
}

/**
 * Why a fact no longer describes the default branch: it carries a commit,
 * the head is another commit, and the head is newer than the fact.
 */
export function movedPast(
  fact: FactRecord,
  head: DefaultBranchHead | undefined,
): string | undefined {
  const commit = fact.provenance?.commit;
  if (!head || !commit || sameCommit(commit, head.sha)) return undefined;
  if (head.at <= fact.observedAt) return undefined;
  return `describes commit ${commit.slice(
    0,
    12,
  )}, the default branch has moved to ${head.sha.slice(0, 12)}`;
}
