import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { SliEventSeries } from '../math/types';

/** @public */
export interface SliEventsRequest {
  slo: ResolvedSlo;
  /** Full ref of the entity the SLO belongs to. */
  entityRef: string;
  /** Start of the first bucket (exclusive), ms since epoch; aligned to `stepSeconds`. */
  startMs: number;
  /** End of the last bucket (inclusive), ms since epoch. */
  endMs: number;
  stepSeconds: number;
  signal?: AbortSignal;
}

/**
 * A source of SLI events. Implementations return good/total events per
 * bucket of `stepSeconds` between `startMs` and `endMs`
 * (`(endMs - startMs) / (stepSeconds * 1000)` buckets).
 *
 * @public
 */
export interface SloDatasource {
  /** Name used in `slo.datasource` config and shown in reports. */
  readonly name: string;
  /** True for synthetic data; the UI labels such reports as demo. */
  readonly demo: boolean;
  fetchEvents(request: SliEventsRequest): Promise<SliEventSeries>;
}
