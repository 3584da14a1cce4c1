/** Hostile requests against every route of the SLO router. */

/** Bearer token of the webhook in the corpus backend. */
export const TOKEN = 'webhook-secret';
const hook = `Bearer ${TOKEN}`;

const HOSTILE = [
  '__proto__',
  'constructor',
  'prototype',
  "'; DROP TABLE slo_incidents; --",
  "' OR '1'='1",
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '<script>alert(1)</script>',
  `component:default/${'a'.repeat(5000)}`,
  '1e20',
  '-1',
  '9'.repeat(400),
  '${jndi:ldap://x}',
  '\u202e\u0000',
  'component:',
  ':::',
  'a/b/c/d',
];
const BAD_DATES = [
  '1',
  '2026',
  '2026-13-01T00:00:00Z',
  '2026-02-31T00:00:00Z',
  'yesterday',
  '2999-01-01T00:00:00Z',
  '',
  '2026-11-24 10:00',
];

export const alert = (overrides: Record<string, unknown> = {}) => ({
  status: 'firing',
  labels: { alertname: 'X', service: 'search-service' },
  annotations: {},
  startsAt: '2026-11-24T10:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint: 'f1',
  ...overrides,
});
export const payload = (
  alerts: unknown[],
  extra: Record<string, unknown> = {},
) => ({
  version: '4',
  groupKey: 'g',
  status: 'firing',
  receiver: 'r',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  alerts,
  ...extra,
});
const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1) });

export type Req = {
  method: 'get' | 'post';
  url: string;
  body?: unknown;
  raw?: string;
  type?: string;
  auth?: string;
};

/** Every route with each hostile value in its path, query and body. */
function hostileValueRequests(): Req[] {
  const reqs: Req[] = [];
  const enc = encodeURIComponent;
  for (const [i, h] of HOSTILE.entries()) {
    const e = enc(h);
    reqs.push(
      { method: 'get', url: `/entities/default/component/${e}/slos` },
      { method: 'get', url: `/entities/${e}/${e}/${e}/incidents` },
      {
        method: 'get',
        url: `/entities/default/component/search-service/slos/${e}/rules`,
      },
      { method: 'get', url: `/gate/${e}?change=${e}` },
      { method: 'post', url: `/incidents/${e}/acknowledge`, body: {} },
      { method: 'post', url: `/incidents/${e}/postmortem`, body: { url: h } },
      {
        method: 'post',
        url: `/freeze/${e}/override`,
        body: { reason: h, expiresAt: h },
      },
      {
        method: 'post',
        url: '/incidents',
        body: { entityRef: h, title: h, severity: h },
      },
      {
        method: 'post',
        url: '/alertmanager/webhook',
        auth: hook,
        body: payload([
          alert({ fingerprint: `h${i}`, labels: { service: h, severity: h } }),
        ]),
      },
    );
  }
  return reqs;
}

/** Date fields with invalid, overflowing or far-future values. */
function badDateRequests(): Req[] {
  const reqs: Req[] = [];
  const enc = encodeURIComponent;
  for (const d of BAD_DATES) {
    reqs.push(
      {
        method: 'get',
        url: `/entities/default/component/search-service/slos?at=${enc(d)}`,
      },
      {
        method: 'post',
        url: '/incidents',
        body: {
          entityRef: 'component:default/search-service',
          title: 't',
          severity: 'P2',
          startedAt: d,
        },
      },
      { method: 'post', url: '/incidents/x/resolve', body: { at: d } },
      {
        method: 'post',
        url: '/freeze/component:default%2Fsearch-service/override',
        body: { reason: 'because', expiresAt: d },
      },
      {
        method: 'post',
        url: '/alertmanager/webhook',
        auth: hook,
        body: payload([alert({ startsAt: d })]),
      },
    );
  }
  return reqs;
}

/** Malformed, oversized, deep and prototype-polluting bodies on every write route. */
function malformedBodyRequests(): Req[] {
  const reqs: Req[] = [];
  for (const url of [
    '/incidents',
    '/incidents/x/resolve',
    '/freeze/component:default%2Fsearch-service/override',
    '/alertmanager/webhook',
  ]) {
    reqs.push(
      { method: 'post', url, raw: '{"a":', type: 'application/json' },
      { method: 'post', url, raw: '<xml/>', type: 'application/xml' },
      {
        method: 'post',
        url,
        raw: 'a=b',
        type: 'application/x-www-form-urlencoded',
      },
      { method: 'post', url, raw: 'null', type: 'application/json' },
      { method: 'post', url, raw: '[1,2]', type: 'application/json' },
      {
        method: 'post',
        url,
        raw: '{"__proto__":{"admin":true}}',
        type: 'application/json',
      },
      {
        method: 'post',
        url,
        raw: `{"x":"${'a'.repeat(3_000_000)}"}`,
        type: 'application/json',
      },
      { method: 'post', url, body: deep(2000) },
      { method: 'post', url, body: { constructor: { prototype: { x: 1 } } } },
      {
        method: 'post',
        url,
        body: { entityRef: 1e308, title: -0, severity: 1e21 },
      },
    );
  }
  return reqs;
}

/** Webhook payloads where one bad alert must leave nothing written. */
function webhookRequests(): Req[] {
  const reqs: Req[] = [];
  const third = [alert(), alert({ fingerprint: 'f2' })];
  reqs.push(
    // third alert with an odd label: nothing of the payload is written
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([
        ...third,
        alert({
          fingerprint: 'f3',
          labels: { service: `x${'y'.repeat(300)}` },
        }),
      ]),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([
        ...third,
        alert({ fingerprint: 'f3', labels: { service: 'ok\u0000' } }),
      ]),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([
        ...third,
        alert({
          fingerprint: 'f3',
          status: 'resolved',
          endsAt: '2026-11-24T09:00:00Z',
        }),
      ]),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([...third, alert({ fingerprint: 'f3', labels: 'odd' })]),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload(
        Array.from({ length: 1001 }, (_, i) => alert({ fingerprint: `m${i}` })),
      ),
    },
  );
  return reqs;
}

/** Old payload versions, prototype keys and missing or wrong webhook tokens. */
function webhookVersionAndTokenRequests(): Req[] {
  const reqs: Req[] = [];
  reqs.push(
    // Alertmanager v3 payloads are rejected
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload([alert()], { version: '3' }),
    },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: hook,
      body: payload(
        [
          alert({
            labels: {
              __proto__: 'x',
              constructor: 'y',
              service: 'search-service',
              severity: '__proto__',
            },
          }),
        ],
        { version: '3' },
      ),
    },
    { method: 'post', url: '/alertmanager/webhook', body: payload([alert()]) },
    {
      method: 'post',
      url: '/alertmanager/webhook',
      auth: 'Bearer wrong',
      body: payload([alert()]),
    },
  );
  return reqs;
}

export function corpus(): Req[] {
  return [
    ...hostileValueRequests(),
    ...badDateRequests(),
    ...malformedBodyRequests(),
    ...webhookRequests(),
    ...webhookVersionAndTokenRequests(),
  ];
}
