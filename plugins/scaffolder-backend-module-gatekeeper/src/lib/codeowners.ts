/** Where GitHub looks for CODEOWNERS, in its order of precedence. @public */
export const CODEOWNERS_PATHS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
];

const TEAM =
  /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Whether a CODEOWNERS owner is `@org/team`, `@user` or an e-mail. @public */
export function isValidCodeOwner(owner: string): boolean {
  return (
    TEAM.test(owner) ||
    (USER.test(owner) && !owner.endsWith('-')) ||
    EMAIL.test(owner)
  );
}

/** Parsed CODEOWNERS rules and every problem found. @public */
export interface CodeOwnersCheck {
  rules: { pattern: string; owners: string[] }[];
  problems: string[];
}

/**
 * Parses CODEOWNERS text: every rule needs at least one well-formed owner
 * (a rule with no owners un-assigns the path, which defeats the gate).
 * @public
 */
export function checkCodeOwners(text: string): CodeOwnersCheck {
  const rules: CodeOwnersCheck['rules'] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    if (owners.length === 0) {
      problems.push(`line ${i + 1}: "${pattern}" has no owner`);
    }
    for (const owner of owners) {
      if (!isValidCodeOwner(owner)) {
        problems.push(
          `line ${i + 1}: "${owner}" is not @org/team, @user or an e-mail`,
        );
      }
    }
    rules.push({ pattern, owners });
  });
  if (rules.length === 0) problems.push('no ownership rules');
  return { rules, problems };
}

/**
 * Maps a catalog owner entity ref to a CODEOWNERS owner: groups become GitHub
 * teams of the repository's organisation (`group:default/payments-team` →
 * `@acme/payments-team`), users become `@user`. The skeletons render the
 * same mapping with nunjucks; this is its reference implementation.
 * @public
 */
export function codeOwnerFromEntityRef(ref: string, githubOrg: string): string {
  const match = /^(?:([a-z]+):)?(?:([^/]+)\/)?(.+)$/i.exec(ref.trim());
  if (!match) throw new Error(`Invalid entity ref "${ref}"`);
  const kind = (match[1] ?? 'group').toLowerCase();
  const name = match[3].toLowerCase();
  return kind === 'user' ? `@${name}` : `@${githubOrg}/${name}`;
}
