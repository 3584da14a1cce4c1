import { InputError } from '@backstage/errors';
import { Knex } from 'knex';

/** Longest accepted free-text query of the overview (`q`). */
export const MAX_TEXT_QUERY_LENGTH = 200;
const MAX_TERMS = 8;
/** Columns of `scorecards_current` that the free-text query matches. */
const SEARCHED_COLUMNS = ['entity_ref', 'title', 'owner', 'system', 'domain'];

/**
 * Splits a free-text query into lower-cased terms; every term must match.
 * Throws `InputError` for over-long queries or too many terms.
 */
export function parseTextQuery(q: string | undefined): string[] {
  if (q === undefined) return [];
  if (q.length > MAX_TEXT_QUERY_LENGTH) {
    throw new InputError(
      `q must be at most ${MAX_TEXT_QUERY_LENGTH} characters`,
    );
  }
  const terms = [
    ...new Set(q.toLocaleLowerCase('en-US').split(/\s+/).filter(Boolean)),
  ];
  if (terms.length > MAX_TERMS) {
    throw new InputError(`q must have at most ${MAX_TERMS} terms`);
  }
  return terms;
}

/** Escapes LIKE wildcards so that a term matches literally. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

/**
 * Restricts an overview query on `scorecards_current` to rows whose ref,
 * title, owner, system or domain contain every term of `q`
 * (case-insensitive, substring, wildcards taken literally). Values are bound
 * parameters, never spliced into SQL.
 */
export function applyTextSearch(
  query: Knex.QueryBuilder,
  q: string | undefined,
): Knex.QueryBuilder {
  for (const term of parseTextQuery(q)) {
    const pattern = likePattern(term);
    query.where(inner => {
      for (const column of SEARCHED_COLUMNS) {
        inner.orWhereRaw(`LOWER(COALESCE(??, '')) LIKE ? ESCAPE '\\'`, [
          column,
          pattern,
        ]);
      }
    });
  }
  return query;
}
