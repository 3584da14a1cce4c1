/** Result of checking a CODEOWNERS file. */
export interface CodeownersCheck {
  rules: number;
  errors: string[];
}

const OWNER =
  /^(@[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

/**
 * Checks CODEOWNERS syntax: every rule is a pattern followed by owners that
 * are `@user`, `@org/team` or e-mail addresses.
 */
export function checkCodeowners(content: string): CodeownersCheck {
  const errors: string[] = [];
  let rules = 0;
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    if (owners.length === 0) {
      errors.push(`line ${index + 1}: "${pattern}" has no owner`);
      return;
    }
    const bad = owners.filter(o => !OWNER.test(o));
    if (bad.length > 0) {
      errors.push(`line ${index + 1}: malformed owner ${bad.join(', ')}`);
      return;
    }
    rules++;
  });
  return { rules, errors };
}
