import { parseAllDocuments } from 'yaml';

/** Parses every document of a YAML file; invalid documents are skipped. */
export function yamlDocuments(content: string): unknown[] {
  try {
    return parseAllDocuments(content)
      .filter(doc => doc.errors.length === 0)
      .map(doc => doc.toJS())
      .filter(doc => doc !== null && doc !== undefined);
  } catch {
    return [];
  }
}

/** Reads a nested property of an unknown value. */
export function prop(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
