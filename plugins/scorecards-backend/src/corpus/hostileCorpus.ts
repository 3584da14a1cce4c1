import { policyRoutes } from './policyCorpus';

/** One hostile request of the corpus. */
export interface HostileRequest {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Raw body text (sent as is) or a JSON value. */
  body?: string | object;
  contentType?: string;
  headers?: Record<string, string>;
  /** A validation route: answers 200 listing the problems, accepting nothing. */
  validates?: true;
}

/** A well-formed ref of a scored entity. */
export const VALID_REF = 'component:default/svc';

/** Injection strings, traversal and prototype keys for refs and params. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "x'; DROP TABLE scorecards_facts; --",
  '1 UNION SELECT * FROM scorecards_current',
  '../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '__proto__',
  'constructor',
  'toString',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  'a'.repeat(300),
  '名前',
];

const enc = encodeURIComponent;

function entityRoutes(): HostileRequest[] {
  const out: HostileRequest[] = [];
  for (const value of HOSTILE_STRINGS) {
    for (const suffix of ['', '/history', '/facts']) {
      out.push({
        name: `GET entity${suffix} name=${value.slice(0, 20)}`,
        method: 'GET',
        path: `/entities/default/component/${enc(value)}${suffix}`,
      });
    }
    out.push({
      name: `GET entity kind=${value.slice(0, 20)}`,
      method: 'GET',
      path: `/entities/${enc(value)}/${enc(value)}/svc`,
    });
    out.push({
      name: `POST evaluate name=${value.slice(0, 20)}`,
      method: 'POST',
      path: `/entities/default/component/${enc(value)}/evaluate`,
      body: {},
    });
  }
  return out;
}

function queryRoutes(): HostileRequest[] {
  const out: HostileRequest[] = [];
  const overview = [
    'offset=1e20',
    'limit=1e20',
    'offset=-1',
    'limit=0',
    'limit=abc',
    'offset=1.5',
    'offset=99999999999999999999999',
    'limit=1&limit=2',
    'verdict=sideways',
    'status=pass',
    'gate=coverage',
    'gate=coverage&status=exploded',
    'unknown=1',
    '__proto__[polluted]=1',
    'constructor[prototype][x]=1',
    'owner=',
    'owner[]=a',
    ...HOSTILE_STRINGS.map(s => `owner=${enc(s)}&system=${enc(s)}`).slice(0, 3),
  ];
  for (const q of overview) {
    out.push({
      name: `GET overview ${q}`,
      method: 'GET',
      path: `/overview?${q}`,
    });
  }
  for (const q of [
    '',
    'by=',
    'by=users',
    'by=__proto__',
    'by[]=group',
    'by=group&x=1',
  ]) {
    out.push({
      name: `GET rollups ${q}`,
      method: 'GET',
      path: `/rollups?${q}`,
    });
  }
  return out;
}

function push(body: object, name: string, headers?: Record<string, string>) {
  return {
    name: `POST facts ${name}`,
    method: 'POST' as const,
    path: '/facts',
    body,
    headers,
  };
}

/** Bodies POST /facts cannot parse or must refuse before reading facts. */
function malformedFactsBodies(): HostileRequest[] {
  const raw = (
    body: string,
    name: string,
    contentType = 'application/json',
  ) => ({
    name: `POST facts ${name}`,
    method: 'POST' as const,
    path: '/facts',
    body,
    contentType,
  });
  return [
    raw('{"entityRef":', 'truncated JSON'),
    raw('{entityRef: 1}', 'unquoted keys'),
    raw("{'a':1}", 'single quotes'),
    raw('[1,2,', 'truncated array'),
    raw('\u0000\u0001', 'binary'),
    raw(
      '{"entityRef":"component:default/svc","facts":{"ci.coverage.lines":1e400}}',
      'huge number 1e400',
    ),
    raw(
      '{"entityRef":"component:default/svc","facts":{"__proto__":{"x":1}}}',
      '__proto__ fact',
    ),
    raw(
      '{"__proto__":{"admin":true},"entityRef":"component:default/svc","facts":{"a":1}}',
      '__proto__ top level',
    ),
    raw(
      `{"entityRef":"${VALID_REF}","facts":{"ci.coverage.lines":90}}`,
      'text/plain',
      'text/plain',
    ),
    raw(
      'entityRef=component%3Adefault%2Fsvc',
      'form encoded',
      'application/x-www-form-urlencoded',
    ),
    raw('<facts/>', 'xml', 'application/xml'),
    raw(
      JSON.stringify({
        entityRef: VALID_REF,
        facts: { x: 'y'.repeat(1_100_000) },
      }),
      'oversize body',
    ),
  ];
}

/** Well-formed JSON pushes with invalid content. */
function invalidPushes(): HostileRequest[] {
  let deep: unknown = 1;
  for (let i = 0; i < 200; i++) deep = { a: deep };
  const facts = { 'ci.coverage.lines': 90 };
  return [
    push({ entityRef: VALID_REF, facts: { x: deep } }, 'deep nesting'),
    push({ entityRef: VALID_REF, facts: { x: deep } }, 'deep nesting + key', {
      'Idempotency-Key': 'deep',
    }),
    push({ entityRef: VALID_REF, facts }, 'key too long', {
      'Idempotency-Key': 'k'.repeat(300),
    }),
    push({ entityRef: VALID_REF, facts }, 'key with spaces', {
      'Idempotency-Key': 'a b',
    }),
    push({ entityRef: VALID_REF, facts: {} }, 'no facts'),
    push({ entityRef: VALID_REF }, 'facts missing'),
    push({ facts }, 'entityRef missing'),
    push({ entityRef: VALID_REF, facts: { 'Bad Id': 1 } }, 'bad fact id'),
    push(
      {
        entityRef: VALID_REF,
        facts: { 'ci.coverage.lines': { toString: 'x' } },
      },
      'object for number',
    ),
    push(
      { entityRef: VALID_REF, facts: { 'ci.coverage.lines': 'ninety' } },
      'string for number',
    ),
    push(
      { entityRef: VALID_REF, facts: { 'ci.coverage.lines': [90] } },
      'array for number',
    ),
    push(
      { entityRef: VALID_REF, facts: { 'repo.codeowners.present': { a: 1 } } },
      'object for boolean',
    ),
    push(
      { entityRef: VALID_REF, facts: { x: 'y'.repeat(20_000) } },
      'long string',
    ),
    push(
      {
        entityRef: VALID_REF,
        facts: Object.fromEntries(
          Array.from({ length: 201 }, (_, i) => [`f${i}`, i]),
        ),
      },
      '201 facts',
    ),
    push({ entityRef: VALID_REF, facts, extra: 1 }, 'unknown field'),
    push({ entityRef: VALID_REF, facts, source: 'has spaces' }, 'bad source'),
    push({ entityRef: 12, facts }, 'numeric entityRef'),
    push([] as unknown as object, 'array body'),
  ];
}

function factsRoutes(): HostileRequest[] {
  const facts = { 'ci.coverage.lines': 90 };
  const out: HostileRequest[] = [...malformedFactsBodies(), ...invalidPushes()];
  for (const observedAt of [
    '1',
    'yesterday',
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2999-01-01T00:00:00Z',
    '2026-01-01',
    '-271821-04-20T00:00:00Z',
  ]) {
    out.push(
      push(
        { entityRef: VALID_REF, facts, observedAt },
        `observedAt ${observedAt}`,
      ),
    );
  }
  for (const value of HOSTILE_STRINGS) {
    out.push(
      push({ entityRef: value, facts }, `entityRef ${value.slice(0, 20)}`),
    );
    out.push(
      push(
        { entityRef: `component:default/${value}`, facts },
        `entityRef name ${value.slice(0, 20)}`,
      ),
    );
  }
  return out;
}

/** Every hostile request of the corpus. */
export function hostileCorpus(): HostileRequest[] {
  return [
    ...entityRoutes(),
    ...queryRoutes(),
    ...factsRoutes(),
    ...policyRoutes(),
  ];
}
