import fs from 'node:fs/promises';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { resolveRepositoryLocation } from '@gatekeeper/gatekeeper-node';
import {
  collectOpenSloDefinitions,
  OpenSloDefinitions,
  OpenSloParseError,
  parseOpenSlo,
  ResolvedSlo,
} from '@gatekeeper/plugin-slo-common';

/** Path(s) of OpenSLO files relative to the entity's repository, comma separated. */
export const SLO_FILE_ANNOTATION = 'gatekeeper.dev/slo-file';
/** Inline OpenSLO YAML. */
export const OPENSLO_ANNOTATION = 'gatekeeper.dev/openslo';

export interface EntitySlos {
  slos: ResolvedSlo[];
  errors: OpenSloParseError[];
}

/** The base a relative SLO file path resolves against. */
type RepoBase = { type: 'url'; base: string } | { type: 'file'; dir: string };

function ensureTrailingSlash(value: string) {
  return value.endsWith('/') ? value : `${value}/`;
}

/** The entity's repository (see resolveRepositoryLocation) as a base for relative paths. */
export function repoBaseOf(entity: Entity): RepoBase | undefined {
  const location = resolveRepositoryLocation(entity);
  if (!location) return undefined;
  if (location.type === 'url') {
    return { type: 'url', base: ensureTrailingSlash(location.target) };
  }
  return { type: 'file', dir: location.target.replace(/\/+$/, '') || '/' };
}

/**
 * Loads the OpenSLO definitions of an entity from the `gatekeeper.dev/slo-file`
 * annotation (resolved against the entity's source location, or the directory
 * of its `file:` location) and/or the inline `gatekeeper.dev/openslo`
 * annotation. Problems are returned as errors, never thrown.
 */
export async function loadEntitySlos(
  entity: Entity,
  options: { urlReader: UrlReaderService },
): Promise<EntitySlos> {
  const annotations = entity.metadata.annotations ?? {};
  const errors: OpenSloParseError[] = [];
  const texts: { text: string; source: string }[] = [];

  const inline = annotations[OPENSLO_ANNOTATION];
  if (typeof inline === 'string' && inline.trim()) {
    texts.push({ text: inline, source: `annotation ${OPENSLO_ANNOTATION}` });
  }
  const fileAnnotation = annotations[SLO_FILE_ANNOTATION];
  if (fileAnnotation) {
    const files = fileAnnotation
      .split(',')
      .map(f => f.trim())
      .filter(Boolean);
    const base = repoBaseOf(entity);
    for (const file of files) {
      if (!base) {
        errors.push({
          file,
          message: `${SLO_FILE_ANNOTATION}: '${file}' cannot be resolved, the entity has no source or file location`,
        });
        continue;
      }
      try {
        texts.push({
          text: await readRelative(base, file, options.urlReader),
          source: file,
        });
      } catch (e) {
        errors.push({
          file,
          message: `${file}: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
    }
  }
  return { slos: parseAll(texts, errors), errors };
}

/** Adds the entries of `from` that `into` does not have yet (the first definition wins). */
function mergeFirst<T>(into: Map<string, T>, from: Map<string, T>) {
  for (const [name, value] of from) {
    if (!into.has(name)) into.set(name, value);
  }
}

/** Parses every text with the SLI/DataSource documents of all of them in scope. */
function parseAll(
  texts: { text: string; source: string }[],
  errors: OpenSloParseError[],
): ResolvedSlo[] {
  const shared: OpenSloDefinitions = {
    slis: new Map(),
    brokenSlis: new Map(),
    dataSources: new Map(),
  };
  for (const { text, source } of texts) {
    const defs = collectOpenSloDefinitions(text, source);
    mergeFirst(shared.slis, defs.slis);
    mergeFirst(shared.brokenSlis, defs.brokenSlis);
    mergeFirst(shared.dataSources, defs.dataSources);
  }
  const slos: ResolvedSlo[] = [];
  for (const { text, source } of texts) {
    const result = parseOpenSlo(text, source, { shared });
    for (const slo of result.slos) {
      if (slos.some(s => s.name === slo.name)) {
        errors.push({
          slo: slo.name,
          file: source,
          message: `${source}: duplicate SLO name '${slo.name}'`,
        });
      } else {
        slos.push(slo);
      }
    }
    errors.push(...result.errors);
  }
  return slos;
}

async function readRelative(
  base: RepoBase,
  file: string,
  urlReader: UrlReaderService,
): Promise<string> {
  if (/^[a-z]+:/i.test(file) || file.startsWith('/')) {
    throw new Error('must be a path relative to the repository');
  }
  if (base.type === 'file') {
    const resolved = path.resolve(base.dir, file);
    if (
      resolved !== base.dir &&
      !resolved.startsWith(`${base.dir}${path.sep}`)
    ) {
      throw new Error('path escapes the repository');
    }
    return fs.readFile(resolved, 'utf8').catch(e => {
      throw new Error(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'file not found'
          : (e as Error).message,
      );
    });
  }
  const url = new URL(file, base.base);
  if (!url.toString().startsWith(base.base)) {
    throw new Error('path escapes the repository');
  }
  const response = await urlReader.readUrl(url.toString());
  return (await response.buffer()).toString('utf8');
}
