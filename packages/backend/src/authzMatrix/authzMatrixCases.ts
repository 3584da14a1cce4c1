/** Callers of the matrix, in column order. */
export const PRINCIPALS = [
  'anonymous',
  'platform',
  'owner',
  'child',
  'other',
  'ci',
  'deploy-gate',
] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** POSTs a JSON body as the platform user. */
export type PostAsPlatform = (
  url: string,
  body: object,
) => Promise<{ status: number; body: any; text: string }>;

interface RouteCase {
  name: string;
  /** Runs before each principal's call as the platform user, e.g. to open a fresh incident. */
  prepare?: (asPlatform: PostAsPlatform) => Promise<{ id?: string }>;
  request: (prepared: { id?: string }) => {
    method: 'get' | 'post';
    url: string;
    body?: object;
  };
}

const entity = '/entities/default/component/a';
const ref = encodeURIComponent('component:default/a');
const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

const openIncident = async (asPlatform: PostAsPlatform) => {
  const res = await asPlatform('/api/slo/incidents', {
    entityRef: 'component:default/a',
    title: 'down',
    severity: 'P2',
  });
  if (res.status !== 201) {
    throw new Error(`could not open an incident: ${res.status} ${res.text}`);
  }
  return { id: res.body.id as string };
};

const get = (url: string) => () => ({ method: 'get' as const, url });
const post = (url: string, body: object) => () => ({
  method: 'post' as const,
  url,
  body,
});

export const ROUTES: RouteCase[] = [
  { name: 'GET /api/scorecards/gates', request: get('/api/scorecards/gates') },
  {
    name: 'GET /api/scorecards/entities/{ref}',
    request: get(`/api/scorecards${entity}`),
  },
  {
    name: 'GET /api/scorecards/entities/{ref}/history',
    request: get(`/api/scorecards${entity}/history`),
  },
  {
    name: 'GET /api/scorecards/entities/{ref}/facts',
    request: get(`/api/scorecards${entity}/facts`),
  },
  {
    name: 'GET /api/scorecards/overview',
    request: get('/api/scorecards/overview'),
  },
  {
    name: 'GET /api/scorecards/rollups',
    request: get('/api/scorecards/rollups?by=group'),
  },
  {
    name: 'POST /api/scorecards/entities/{ref}/evaluate',
    request: post(`/api/scorecards${entity}/evaluate`, {}),
  },
  {
    name: 'POST /api/scorecards/facts',
    request: post('/api/scorecards/facts', {
      entityRef: 'component:default/a',
      facts: {},
    }),
  },
  {
    name: 'POST /api/scorecards/dry-run',
    request: post('/api/scorecards/dry-run', { policy: {} }),
  },
  {
    name: 'POST /api/scorecards/waivers/validate',
    request: post('/api/scorecards/waivers/validate', { waivers: [] }),
  },
  {
    name: 'GET /api/slo/entities/{ref}/slos',
    request: get(`/api/slo${entity}/slos`),
  },
  {
    name: 'GET /api/slo/entities/{ref}/slos/{slo}/rules',
    request: get(`/api/slo${entity}/slos/availability/rules`),
  },
  {
    name: 'GET /api/slo/entities/{ref}/incidents',
    request: get(`/api/slo${entity}/incidents`),
  },
  { name: 'GET /api/slo/gate/{ref}', request: get(`/api/slo/gate/${ref}`) },
  ...(['a', 'b'] as const).map(name => ({
    name: `POST /api/slo/incidents (on ${name})`,
    request: post('/api/slo/incidents', {
      entityRef: `component:default/${name}`,
      title: 'declared',
      severity: 'P3',
    }),
  })),
  ...(['acknowledge', 'resolve'] as const).map(action => ({
    name: `POST /api/slo/incidents/{id}/${action} (incident of a)`,
    prepare: openIncident,
    request: ({ id }: { id?: string }) => ({
      method: 'post' as const,
      url: `/api/slo/incidents/${id}/${action}`,
      body: {},
    }),
  })),
  {
    name: 'POST /api/slo/incidents/{id}/postmortem (incident of a)',
    prepare: openIncident,
    request: ({ id }) => ({
      method: 'post',
      url: `/api/slo/incidents/${id}/postmortem`,
      body: { url: 'https://docs.example.com/pm' },
    }),
  },
  {
    name: 'POST /api/slo/freeze/{ref}/override (a)',
    request: () => ({
      method: 'post',
      url: `/api/slo/freeze/${ref}/override`,
      body: { reason: 'hotfix', expiresAt: inOneHour() },
    }),
  },
  {
    name: 'GET /api/scorecards/waiver-requests',
    request: get(`/api/scorecards/waiver-requests?entityRef=${ref}`),
  },
  ...(['a', 'b'] as const).map(name => ({
    name: `POST /api/scorecards/waiver-requests (on ${name})`,
    request: post('/api/scorecards/waiver-requests', {
      entityRef: `component:default/${name}`,
      gate: 'coverage-lines',
      reason: 'test runner migration',
      expires: inOneHour(),
    }),
  })),
  {
    name: 'POST /api/slo/alertmanager/webhook',
    request: post('/api/slo/alertmanager/webhook', {
      version: '4',
      groupKey: 'g',
      status: 'firing',
      receiver: 'r',
      alerts: [],
    }),
  },
];

type Row = Record<Principal, boolean>;
const row = (...allowed: Principal[]): Row =>
  Object.fromEntries(PRINCIPALS.map(p => [p, allowed.includes(p)])) as Row;

const users: Principal[] = ['platform', 'owner', 'child', 'other'];
const scorecardsRead = row(...users, 'ci', 'deploy-gate');
const sloRead = row(...users, 'deploy-gate');
const ownerWrite = row('platform', 'owner', 'child');

/** Expected decision (true = authorised) per route and principal. */
export const EXPECTED: Record<string, Row> = {
  'GET /api/scorecards/gates': scorecardsRead,
  'GET /api/scorecards/entities/{ref}': scorecardsRead,
  'GET /api/scorecards/entities/{ref}/history': scorecardsRead,
  'GET /api/scorecards/entities/{ref}/facts': scorecardsRead,
  'GET /api/scorecards/overview': scorecardsRead,
  'GET /api/scorecards/rollups': scorecardsRead,
  'POST /api/scorecards/entities/{ref}/evaluate': row('platform', 'ci'),
  'POST /api/scorecards/facts': row('platform', 'ci'),
  'POST /api/scorecards/dry-run': row('platform'),
  'POST /api/scorecards/waivers/validate': row('platform'),
  'GET /api/slo/entities/{ref}/slos': sloRead,
  'GET /api/slo/entities/{ref}/slos/{slo}/rules': sloRead,
  'GET /api/slo/entities/{ref}/incidents': sloRead,
  'GET /api/slo/gate/{ref}': sloRead,
  'POST /api/slo/incidents (on a)': ownerWrite,
  // component b belongs to team-b: the same permission, decided per entity
  'POST /api/slo/incidents (on b)': row('platform', 'other'),
  'POST /api/slo/incidents/{id}/acknowledge (incident of a)': ownerWrite,
  'POST /api/slo/incidents/{id}/resolve (incident of a)': ownerWrite,
  'POST /api/slo/incidents/{id}/postmortem (incident of a)': ownerWrite,
  'POST /api/slo/freeze/{ref}/override (a)': ownerWrite,
  'GET /api/scorecards/waiver-requests': scorecardsRead,
  // owners request a waiver for their own entities only (201, or 409 once open)
  'POST /api/scorecards/waiver-requests (on a)': ownerWrite,
  'POST /api/scorecards/waiver-requests (on b)': row('platform', 'other'),
  // only the Alertmanager bearer token opens the webhook
  'POST /api/slo/alertmanager/webhook': row(),
};
