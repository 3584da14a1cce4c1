import { parseAllDocuments } from 'yaml';
import { OpenSloParseError } from './types';

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Splits the text at `---` lines so that a malformed document (an unclosed
 * flow collection, say) never swallows the documents after it.
 *
 * @public
 */
export function chunks(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^---(\s|$)/.test(line) && current.length) {
      out.push(current.join('\n'));
      current = [];
    }
    current.push(line);
  }
  out.push(current.join('\n'));
  return out;
}

/**
 * Parses one chunk (one document); a broken document is reported as undefined.
 *
 * @public
 */
export function parseChunk(
  chunk: string,
  index: number,
  source: string,
  errors: OpenSloParseError[],
): unknown {
  const where = { file: source, path: `document ${index + 1}` };
  try {
    const docs = parseAllDocuments(chunk);
    const doc = Array.isArray(docs) ? docs[0] : undefined;
    if (!doc) return undefined;
    if (doc.errors.length) {
      const name = /^\s*name:\s*["']?([\w.-]+)/m.exec(chunk)?.[1];
      errors.push({
        ...(name ? { slo: name } : {}),
        ...where,
        message: `${source}: invalid YAML in document ${index + 1}: ${
          doc.errors[0].message
        }`,
      });
      return undefined;
    }
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    errors.push({
      ...where,
      message: `${source}: invalid YAML in document ${index + 1}: ${describe(
        e,
      )}`,
    });
    return undefined;
  }
}
