/**
 * Minimal Prometheus metrics: the request counter behind the availability SLO
 * and the request-duration histogram behind the latency SLO
 * (slo/openslo.yaml); the canary analysis (deploy/analysis-template.yaml)
 * queries both.
 */
export interface RequestLabels {
  method: string;
  route: string;
  code: number;
}

export interface Metrics {
  /** Counts a request and, when given, observes its duration in seconds. */
  recordRequest(labels: RequestLabels, durationSeconds?: number): void;
  render(): string;
}

/** Histogram bucket upper bounds in seconds (the latency SLO threshold is one of them). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1, 2.5, 5];

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

export function createMetrics(service: string): Metrics {
  const requests = new Map<string, number>();
  const durations = new Map<string, Histogram>();
  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    recordRequest({ method, route, code }, durationSeconds) {
      const base = `service="${escapeLabel(service)}",method="${escapeLabel(method)}",route="${escapeLabel(route)}"`;
      const key = `${base},code="${code}"`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      if (durationSeconds === undefined || !Number.isFinite(durationSeconds) || durationSeconds < 0) return;
      const histogram = durations.get(base) ?? { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
      DURATION_BUCKETS.forEach((le, i) => {
        if (durationSeconds <= le) histogram.buckets[i] = (histogram.buckets[i] ?? 0) + 1;
      });
      histogram.sum += durationSeconds;
      histogram.count += 1;
      durations.set(base, histogram);
    },
    render() {
      const lines = [
        '# HELP http_requests_total HTTP requests served, by route and status code.',
        '# TYPE http_requests_total counter',
        ...sorted(requests).map(([labels, value]) => `http_requests_total{${labels}} ${value}`),
        '# HELP http_request_duration_seconds HTTP request duration, by route.',
        '# TYPE http_request_duration_seconds histogram',
        ...sorted(durations).flatMap(([labels, h]) => [
          ...DURATION_BUCKETS.map(
            (le, i) => `http_request_duration_seconds_bucket{${labels},le="${le}"} ${h.buckets[i] ?? 0}`,
          ),
          `http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`,
          `http_request_duration_seconds_sum{${labels}} ${h.sum}`,
          `http_request_duration_seconds_count{${labels}} ${h.count}`,
        ]),
      ];
      return `${lines.join('\n')}\n`;
    },
  };
}
