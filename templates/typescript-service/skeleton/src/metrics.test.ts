import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';

describe('createMetrics', () => {
  it('counts requests per route and status code in Prometheus text format', () => {
    const metrics = createMetrics('svc');
    metrics.recordRequest({ method: 'GET', route: '/healthz', code: 200 });
    metrics.recordRequest({ method: 'GET', route: '/healthz', code: 200 });
    metrics.recordRequest({ method: 'GET', route: 'unmatched', code: 404 });
    const text = metrics.render();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('http_requests_total{service="svc",method="GET",route="/healthz",code="200"} 2');
    expect(text).toContain('http_requests_total{service="svc",method="GET",route="unmatched",code="404"} 1');
  });

  it('escapes label values', () => {
    const metrics = createMetrics('s"v\\c');
    metrics.recordRequest({ method: 'GET', route: '/a\nb', code: 200 });
    expect(metrics.render()).toContain('service="s\\"v\\\\c"');
    expect(metrics.render()).toContain('route="/a\\nb"');
  });
});
