import { parseEntityRef } from '@backstage/catalog-model';
import { SliEventsRequest, SloDatasource } from '@gatekeeper/plugin-slo-node';
import { SliEventSeries } from '@gatekeeper/plugin-slo-node';

/**
 * Shape of the synthetic data: `burnRate` is the error ratio relative to the
 * allowed one (1 = spend exactly the budget over the window); `recentBurnRate`
 * applies to the last `recentSeconds` before the evaluation time.
 */
export interface DemoProfile {
  burnRate: number;
  recentBurnRate?: number;
  recentSeconds?: number;
  /** Mean requests per second. */
  requestsPerSecond?: number;
}

/** Built-in demo profiles per entity name: a healthy, an exhausted and a fast-burning service. */
export const DEFAULT_DEMO_PROFILES: Record<string, DemoProfile> = {
  'payments-service': { burnRate: 0.12, requestsPerSecond: 40 },
  'search-service': { burnRate: 1.25, requestsPerSecond: 80 },
  'checkout-web': {
    burnRate: 0.35,
    recentBurnRate: 24,
    recentSeconds: 90 * 60,
    requestsPerSecond: 25,
  },
};

/** 32-bit FNV-1a. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic uniform [0, 1) for (seed, index) (a mix of splitmix-style rounds). */
export function unitNoise(seed: number, index: number): number {
  let x =
    (seed ^
      Math.imul(index | 0, 0x9e3779b1) ^
      Math.floor(index / 4294967296)) >>>
    0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return x / 4294967296;
}

/**
 * Deterministic synthetic SLI data for demos and `yarn start` without
 * Prometheus. The value of a bucket depends only on the SLO, the entity and
 * the bucket's absolute time, so reloads show the same numbers. Reports from
 * this datasource are labelled `demo: true`.
 */
export class DemoDatasource implements SloDatasource {
  readonly name = 'demo';
  readonly demo = true;
  private readonly profiles: Record<string, DemoProfile>;

  constructor(
    options: {
      profiles?: Record<string, DemoProfile>;
      now?: () => number;
    } = {},
  ) {
    this.profiles = { ...DEFAULT_DEMO_PROFILES, ...options.profiles };
  }

  profileFor(entityRef: string, service: string): DemoProfile {
    let name = entityRef;
    try {
      name = parseEntityRef(entityRef).name;
    } catch {
      // keep the raw value
    }
    const known = this.profiles[name] ?? this.profiles[service];
    if (known) {
      return known;
    }
    // Everybody else lands "in between": 30-85% of the budget spent.
    return {
      burnRate: 0.3 + 0.55 * unitNoise(hashString(name), 7),
      requestsPerSecond: 5 + Math.floor(45 * unitNoise(hashString(name), 11)),
    };
  }

  async fetchEvents(request: SliEventsRequest): Promise<SliEventSeries> {
    const { slo, stepSeconds, startMs, endMs } = request;
    const profile = this.profileFor(request.entityRef, slo.service);
    const seed = hashString(`${request.entityRef}|${slo.name}`);
    const buckets = Math.round((endMs - startMs) / 1000 / stepSeconds);
    const good = new Float64Array(buckets);
    const total = new Float64Array(buckets);
    const allowed = 1 - slo.target;
    const rps = profile.requestsPerSecond ?? 20;
    const recentFrom = endMs - (profile.recentSeconds ?? 0) * 1000;
    const sliced = slo.budgetingMethod !== 'Occurrences';
    const sliceAllowed = 1 - (slo.timeSliceTarget ?? slo.target);
    for (let i = 0; i < buckets; i++) {
      const t = startMs + (i + 1) * stepSeconds * 1000;
      const index = Math.floor(t / (stepSeconds * 1000));
      const diurnal =
        1 + 0.4 * Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000);
      const n = Math.round(
        rps * stepSeconds * diurnal * (0.85 + 0.3 * unitNoise(seed, index)),
      );
      const burn =
        profile.recentBurnRate !== undefined && t > recentFrom
          ? profile.recentBurnRate
          : profile.burnRate;
      const noise = unitNoise(seed ^ 0x5bd1e995, index);
      let errorRatio: number;
      if (sliced) {
        // A bucket is a bad slice with probability burn * allowed.
        errorRatio =
          noise < burn * allowed
            ? Math.min(1, 2 * sliceAllowed)
            : 0.2 * sliceAllowed;
      } else {
        // mean burn * allowed; +-25% noise keeps a short (5m) window on the
        // same side of a burn-rate threshold as the profile, so the demo's
        // fast burner pages deterministically
        errorRatio = Math.min(1, burn * allowed * (0.75 + 0.5 * noise));
      }
      total[i] = n;
      good[i] = n - Math.round(n * errorRatio);
    }
    return { startMs, stepSeconds, good, total };
  }
}
