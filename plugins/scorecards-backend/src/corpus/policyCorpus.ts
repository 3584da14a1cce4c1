import { HostileRequest, VALID_REF } from './hostileCorpus';

function dryRunRequests(): HostileRequest[] {
  const gate = {
    id: 'g',
    title: 'A gate',
    severity: 'high',
    category: 'quality',
    rationale: 'Because it matters.',
    remediation: 'https://example.com',
    rules: [{ op: 'truthy', fact: 'a' }],
  };
  const policies: [string, unknown][] = [
    ['missing', undefined],
    ['null', null],
    ['string', 'policy'],
    ['no gates', { version: 1, levels: [] }],
    ['bad version', { version: 99, levels: [], gates: [gate] }],
    [
      'bad op',
      {
        version: 1,
        levels: [],
        gates: [{ ...gate, rules: [{ op: 'eval', fact: 'a' }] }],
      },
    ],
    [
      '__proto__ gate id',
      { version: 1, levels: [], gates: [{ ...gate, id: '__proto__' }] },
    ],
    [
      'constructor gate id',
      { version: 1, levels: [], gates: [{ ...gate, id: 'constructor' }] },
    ],
    ['duplicate gates', { version: 1, levels: [], gates: [gate, gate] }],
    [
      'bad maxAge',
      { version: 1, levels: [], gates: [{ ...gate, maxAge: 'forever' }] },
    ],
    [
      'huge weight',
      { version: 1, levels: [], gates: [{ ...gate, severity: 1e308 }] },
    ],
  ];
  const out: HostileRequest[] = policies.map(([name, policy]) => ({
    name: `POST dry-run ${name}`,
    method: 'POST',
    path: '/dry-run',
    body: policy === undefined ? {} : { policy },
  }));
  out.push({
    name: 'POST dry-run malformed',
    method: 'POST',
    path: '/dry-run',
    body: '{"policy":',
    contentType: 'application/json',
  });
  out.push({
    name: 'POST dry-run extra',
    method: 'POST',
    path: '/dry-run',
    body: { policy: {}, extra: 1 },
  });
  return out;
}

function waiverRequests(): HostileRequest[] {
  const out: HostileRequest[] = [];
  const entry = (over: Record<string, string>) => ({
    waivers: [
      {
        entityRef: VALID_REF,
        gate: 'coverage',
        reason: 'r',
        approver: 'a',
        expires: '2999-01-01',
        ...over,
      },
    ],
  });
  const waivers: [string, unknown][] = [
    ['not array', { waivers: 'x' }],
    ['missing', {}],
    ['extra', { waivers: [], x: 1 }],
    ['malformed', '{"waivers":['],
    ['bad expiry', entry({ expires: '1' })],
    ['inverted dates', entry({ expires: '2001-01-01', from: '2030-01-01' })],
    ['__proto__ gate', entry({ gate: '__proto__' })],
    ['constructor gate', entry({ gate: 'constructor' })],
    ['null entries', { waivers: [null, 1, 'x', []] }],
  ];
  for (const [name, body] of waivers) {
    out.push({
      name: `POST waivers ${name}`,
      method: 'POST',
      path: '/waivers/validate',
      body: body as object,
      contentType: typeof body === 'string' ? 'application/json' : undefined,
      validates:
        typeof body === 'object' &&
        Array.isArray((body as { waivers?: unknown }).waivers) &&
        (body as { waivers: unknown[] }).waivers.length > 0
          ? true
          : undefined,
    });
  }
  return out;
}

/** Hostile bodies of the policy tools: POST /dry-run and /waivers/validate. */
export function policyRoutes(): HostileRequest[] {
  return [...dryRunRequests(), ...waiverRequests()];
}
