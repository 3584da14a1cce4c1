/**
 * Minimal Prometheus metrics: the request counter behind the SLO
 * (slo/openslo.yaml) and the canary analysis (deploy/analysis-template.yaml).
 */
export interface Metrics {
  recordRequest(labels: { method: string; route: string; code: number }): void;
  render(): string;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function createMetrics(service: string): Metrics {
  const requests = new Map<string, number>();
  return {
    recordRequest({ method, route, code }) {
      const key = `service="${escapeLabel(service)}",method="${escapeLabel(
        method,
      )}",route="${escapeLabel(route)}",code="${code}"`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
    },
    render() {
      const lines = [
        '# HELP http_requests_total HTTP requests served, by route and status code.',
        '# TYPE http_requests_total counter',
        ...[...requests.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([labels, value]) => `http_requests_total{${labels}} ${value}`),
      ];
      return `${lines.join('\n')}\n`;
    },
  };
}
