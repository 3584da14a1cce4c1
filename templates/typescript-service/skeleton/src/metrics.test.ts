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

describe('request duration histogram', () => {
  it('observes durations into cumulative buckets with sum and count', () => {
    const metrics = createMetrics('svc');
    metrics.recordRequest({ method: 'GET', route: '/a', code: 200 }, 0.02);
    metrics.recordRequest({ method: 'GET', route: '/a', code: 500 }, 0.4);
    metrics.recordRequest({ method: 'GET', route: '/a', code: 200 }, 7);
    const text = metrics.render();
    const labels = 'service="svc",method="GET",route="/a"';
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.01"} 0`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.025"} 1`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.3"} 1`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.5"} 2`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="5"} 2`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="+Inf"} 3`);
    expect(text).toContain(`http_request_duration_seconds_count{${labels}} 3`);
    expect(text).toMatch(new RegExp(`http_request_duration_seconds_sum\\{${labels.replace(/[{}"]/g, '.')}\\} 7\\.42`));
  });

  it('ignores negative, infinite and missing durations but still counts the request', () => {
    const metrics = createMetrics('svc');
    metrics.recordRequest({ method: 'GET', route: '/b', code: 200 }, -1);
    metrics.recordRequest({ method: 'GET', route: '/b', code: 200 }, Number.POSITIVE_INFINITY);
    metrics.recordRequest({ method: 'GET', route: '/b', code: 200 });
    const text = metrics.render();
    expect(text).toContain('http_requests_total{service="svc",method="GET",route="/b",code="200"} 3');
    expect(text).not.toContain('http_request_duration_seconds_count');
  });
});
