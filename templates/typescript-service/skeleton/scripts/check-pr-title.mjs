#!/usr/bin/env node
// Conventional Commits on pull request titles (the squash-merge commit
// message, which release-please turns into the SemVer bump and CHANGELOG).
// Usage: PR_TITLE='feat(api): add x' node scripts/check-pr-title.mjs
import { pathToFileURL } from 'node:url';

export const TYPES = ['build', 'chore', 'ci', 'docs', 'feat', 'fix', 'perf', 'refactor', 'revert', 'style', 'test'];
const PATTERN = /^(?<type>[a-z]+)(?:\((?<scope>[a-z0-9][a-z0-9._/-]*)\))?(?<breaking>!)?: (?<subject>\S.*)$/;

/** Why `title` is not a Conventional Commits header, or undefined when it is. */
export function titleProblem(title) {
  const text = String(title ?? '');
  if (!text.trim()) return 'the title is empty';
  if (text.length > 100) return `the title has ${text.length} characters (at most 100)`;
  const match = PATTERN.exec(text);
  if (!match?.groups) return 'expected "<type>(<optional scope>)!: <subject>", e.g. "feat(api): add refunds"';
  if (!TYPES.includes(match.groups.type)) return `unknown type "${match.groups.type}" (one of ${TYPES.join(', ')})`;
  if (/\.$/.test(match.groups.subject)) return 'the subject ends with a period';
  return undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problem = titleProblem(process.env.PR_TITLE);
  if (problem) {
    process.stderr.write(`PR title ${JSON.stringify(process.env.PR_TITLE ?? '')} is not a Conventional Commit: ${problem}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`PR title is a Conventional Commit: ${process.env.PR_TITLE}\n`);
  }
}
