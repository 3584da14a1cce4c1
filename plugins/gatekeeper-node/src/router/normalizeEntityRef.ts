import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * An entity ref from a request in its canonical form `kind:namespace/name`,
 * lower-cased like the catalog compares refs. `defaultKind` fills a ref
 * without kind (`defaultNamespace`, default `default`, one without
 * namespace); an unparsable ref is an `InputError` naming `what` (default
 * `entity ref`).
 *
 * @public
 */
export function normalizeEntityRef(
  ref: string,
  options?: { defaultKind?: string; defaultNamespace?: string; what?: string },
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: options?.defaultKind,
        defaultNamespace: options?.defaultNamespace ?? 'default',
      }),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(
      `Invalid ${options?.what ?? 'entity ref'} "${ref}": ${reason}`,
    );
  }
}
