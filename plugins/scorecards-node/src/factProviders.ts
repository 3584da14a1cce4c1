import {
  createExtensionPoint,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import { EvidenceKind } from '@gatekeeper/plugin-scorecards-common';

/**
 * Files of an entity's source repository, read once per evaluation and shared
 * by every provider. Paths are relative to the repository root and use `/`.
 * @public
 */
export interface RepositoryFiles {
  /** Where the files were read from, e.g. `file:/srv/repo` or a URL. */
  location: string;
  /** Every file path in the repository (subject to the reader's filter). */
  paths: string[];
  /** Reads one file as UTF-8; undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
}

/**
 * Values produced by a provider: fact id -> JSON value. Omit a fact (or
 * return undefined) when it is unknown.
 * @public
 */
export type ProvidedFacts = Record<string, JsonValue | undefined>;

/** What a fact provider gets for one entity. @public */
export interface FactProviderContext {
  entity: Entity;
  /** The UrlReader service, for providers reading other locations. */
  reader: UrlReaderService;
  logger: LoggerService;
  /**
   * The entity's source repository (from `backstage.io/source-location`, or the
   * directory of a `backstage.io/managed-by-location`); undefined when the
   * entity has no readable repository.
   */
  getRepository(): Promise<RepositoryFiles | undefined>;
}

/**
 * A source of facts for the scorecards (repository files, CI workflows, the
 * SLO backend, ...).
 * @public
 */
export interface ScorecardFactProvider {
  /** Unique id, recorded as the fact source (`provider:<id>`). */
  id: string;
  /** The fact ids this provider can produce. */
  facts: string[];
  /**
   * How its facts are obtained: `observed` (default) when read from a system
   * of record, `configured` when derived from repository files or catalog
   * annotations; configured facts never pass a gate with `requireObserved`.
   */
  evidence?: EvidenceKind;
  /** Produces fact values for one entity. Must not throw for missing data. */
  provide(context: FactProviderContext): Promise<ProvidedFacts>;
}

/** Extension point to add fact providers to the scorecards backend. @public */
export interface ScorecardsFactProvidersExtensionPoint {
  addFactProvider(...providers: ScorecardFactProvider[]): void;
}

/** @public */
export const scorecardsFactProvidersExtensionPoint =
  createExtensionPoint<ScorecardsFactProvidersExtensionPoint>({
    id: 'scorecards.fact-providers',
  });
