import {
  BackstageCredentials,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ReleaseGateResponse } from '@gatekeeper/plugin-scorecards-common';
import Router from 'express-promise-router';
import request from 'supertest';
import {
  startScorecardsBackend,
  testComponent,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const HOUR = 3_600_000;

/** What the stand-in SLO gate answers, per entity name. */
type SloBehaviour = (change: string) => { status: number; body?: unknown };
const allow: SloBehaviour = () => ({
  status: 200,
  body: {
    decision: 'allow',
    reasons: ['all error budgets within policy'],
    slos: 1,
  },
});
const frozen: SloBehaviour = change =>
  change === 'p0'
    ? {
        status: 200,
        body: {
          decision: 'allow',
          reasons: [
            'error budget freeze in effect, allowed as a p0 change (policy exception)',
          ],
          slos: 1,
          freeze: { frozen: true, exceptions: ['P0', 'security'] },
        },
      }
    : {
        status: 200,
        body: {
          decision: 'deny',
          reasons: [
            'error budget freeze in effect: only P0 and security changes are allowed',
          ],
          slos: 1,
          freeze: { frozen: true, exceptions: ['P0', 'security'] },
        },
      };
const behaviours: Record<string, SloBehaviour> = {
  good: allow,
  failing: allow,
  waived: allow,
  moved: allow,
  frozen,
  broken: () => ({ status: 500, body: { error: 'boom' } }),
  garbled: () => ({ status: 200, body: { decision: 'maybe' } }),
};
const sloCalls: { entityRef: string; change: string; auth?: string }[] = [];

/** A stand-in for the SLO backend's gate route, on the same backend. */
const fakeSlo = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.get('/gate/:entityRef', async (req, res) => {
          const change = String(req.query.change);
          sloCalls.push({
            entityRef: req.params.entityRef,
            change,
            auth: req.header('authorization'),
          });
          const name = req.params.entityRef.split('/').pop()!;
          const answer = (behaviours[name] ?? allow)(change);
          // The real gate names the entity and the time of every decision.
          res.status(answer.status).json(
            answer.status === 200
              ? {
                  entityRef: req.params.entityRef,
                  evaluatedAt: new Date().toISOString(),
                  ...(answer.body as object),
                }
              : answer.body,
          );
        });
        httpRouter.use(router);
      },
    });
  },
});

const isUser = (c: BackstageCredentials, ref: string) =>
  (c.principal as { userEntityRef?: string }).userEntityRef === ref;

/** Mallory may not read scorecards; everybody else may do everything. */
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => ({
    async authorize(requests, options) {
      return requests.map(() => ({
        result: isUser(options.credentials, 'user:default/mallory')
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      }));
    },
    async authorizeConditional(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW } as const));
    },
  }),
});

const waivedEntity = {
  ...testComponent('waived'),
  metadata: {
    name: 'waived',
    namespace: 'default',
    annotations: {
      'gatekeeper.dev/waivers':
        '- gate: coverage\n  reason: legacy module being replaced\n  approver: alice\n  expires: 2999-01-01\n',
    },
  },
};

describe('GET /release-gate/:kind/:namespace/:name', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  let backend: Awaited<ReturnType<typeof startScorecardsBackend>>['backend'];
  const service = `Bearer ${mockCredentials.service.token()}`;
  const eve = `Bearer ${mockCredentials.user.token('user:default/eve')}`;
  const mallory = `Bearer ${mockCredentials.user.token(
    'user:default/mallory',
  )}`;

  const push = async (body: Record<string, unknown>) => {
    const res = await request(backend.server)
      .post('/api/scorecards/facts')
      .set('Authorization', service)
      .send(body);
    expect(res.status).toBe(200);
    return res.body;
  };
  const gate = async (path: string, auth = service) => {
    const res = await request(backend.server)
      .get(`/api/scorecards/release-gate/${path}`)
      .set('Authorization', auth);
    return res as {
      status: number;
      body: ReleaseGateResponse & { error?: any };
    };
  };

  beforeAll(async () => {
    ({ backend } = await startScorecardsBackend({
      databases,
      databaseId: 'SQLITE_3',
      entities: [
        ...['good', 'failing', 'frozen', 'broken', 'garbled', 'moved'].map(n =>
          testComponent(n),
        ),
        waivedEntity,
      ],
      extraFeatures: [
        fakeSlo,
        permissions,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
    const ci = (name: string, coverage: number, commit = SHA_A) =>
      push({
        entityRef: `component:default/${name}`,
        source: 'gha.4711.1',
        facts: {
          'ci.coverage.lines': coverage,
          'ci.run.commit': commit,
          'ci.run.url':
            'https://github.com/acme/svc/actions/runs/4711/attempts/1',
        },
      });
    await ci('good', 91);
    await ci('failing', 50);
    await ci('waived', 50);
    await ci('frozen', 91);
    await ci('broken', 91);
    await ci('garbled', 91);
    await ci('moved', 91);
    await push({
      entityRef: 'component:default/moved',
      source: 'github',
      facts: {
        'scm.default-branch.head': {
          sha: SHA_B,
          committedAt: new Date(Date.now() + HOUR).toISOString(),
        },
      },
    });
  });
  afterAll(() => backend?.stop());

  it('refuses anonymous callers (401) and callers without scorecards.read (403)', async () => {
    const anonymous = await request(backend.server).get(
      '/api/scorecards/release-gate/component/default/good',
    );
    expect(anonymous.status).toBe(401);
    expect((await gate('component/default/good', mallory)).status).toBe(403);
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    expect((await gate('component/default/nope')).status).toBe(404);
  });

  it.each([
    ['component/default/..', 'a dot-dot name'],
    ['component/default/good?commit=xyz', 'a commit that is no SHA'],
    ['component/default/good?commit=abc', 'a too short SHA'],
    ['component/default/good?change=yolo', 'an unknown change type'],
    ['component/default/good?extra=1', 'an unknown parameter'],
    ['component/default/good?commit=a&commit=b', 'a repeated commit'],
    [`component/default/${'x'.repeat(70)}`, 'a too long name'],
  ])('answers 400 for %s (%s)', async path => {
    const res = await gate(path);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
  });

  it('allows a commit whose CI facts pass, with the commit and the run linked', async () => {
    const res = await gate(
      `component/default/good?commit=${SHA_A.slice(0, 12)}`,
      eve,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/good',
      decision: 'allow',
      change: 'normal',
      commit: {
        requested: SHA_A.slice(0, 12),
        evaluated: SHA_A,
        described: [SHA_A],
        matches: true,
        runUrl: 'https://github.com/acme/svc/actions/runs/4711/attempts/1',
      },
      scorecard: { verdict: 'ready', blockingGates: [] },
      errorBudget: { reachable: true, decision: 'allow', slos: 1 },
      waivers: [],
      exceptions: [],
    });
    expect(res.body.reasons[0]).toMatch(/^allowed: no critical gate blocks/);
    // the SLO gate was asked on behalf of the user, with the change type
    // asked with the change type (the fact provider asks without one)
    expect(
      sloCalls.filter(
        c => c.entityRef === 'component:default/good' && c.change === 'normal',
      ).length,
    ).toBeGreaterThan(0);
    const scorecard = await request(backend.server)
      .get('/api/scorecards/entities/default/component/good')
      .set('Authorization', service);
    const evidence = scorecard.body.gates.find(
      (g: any) => g.gateId === 'coverage',
    ).evidence[0];
    expect(evidence).toMatchObject({
      commit: SHA_A,
      runUrl: 'https://github.com/acme/svc/actions/runs/4711/attempts/1',
      producer: 'gha.4711.1',
    });
  });

  it('denies when the CI facts describe another commit, and says so', async () => {
    const res = await gate(`component/default/good?commit=${SHA_B}`);
    expect(res.body.decision).toBe('deny');
    expect(res.body.commit.matches).toBe(false);
    expect(res.body.reasons).toContain(
      `CI facts of coverage describe commit ${SHA_A}, not the requested ${SHA_B}`,
    );
  });

  it('denies when a critical gate fails; a waiver lets the same failure through and is listed', async () => {
    const failing = await gate(`component/default/failing?commit=${SHA_A}`);
    expect(failing.body.decision).toBe('deny');
    expect(failing.body.scorecard.blockingGates).toEqual([
      expect.objectContaining({ gateId: 'coverage', status: 'fail' }),
    ]);
    expect(failing.body.reasons[0]).toMatch(
      /^critical gate coverage fails: ci.coverage.lines: /,
    );

    const waived = await gate(`component/default/waived?commit=${SHA_A}`);
    expect(waived.body.decision).toBe('allow');
    expect(waived.body.waivers).toEqual([
      expect.objectContaining({ gateId: 'coverage', approver: 'alice' }),
    ]);
    expect(waived.body.reasons.join('\n')).toMatch(
      /waiver applied to coverage by alice .*legacy module being replaced/,
    );
  });

  it('denies a normal change in an error-budget freeze and allows a P0 change as a listed exception', async () => {
    const normal = await gate('component/default/frozen');
    expect(normal.body.decision).toBe('deny');
    expect(normal.body.errorBudget).toMatchObject({
      reachable: true,
      decision: 'deny',
      frozen: true,
    });
    expect(normal.body.reasons).toContain(
      'error-budget policy denies a normal change',
    );
    expect(normal.body.commit).toEqual({
      evaluated: SHA_A,
      described: [SHA_A],
      runUrl: expect.any(String),
    });

    const p0 = await gate('component/default/frozen?change=p0');
    expect(p0.body.decision).toBe('allow');
    expect(p0.body.exceptions).toEqual([
      {
        type: 'change-type',
        change: 'p0',
        reason:
          'error budget freeze in effect, allowed as a p0 change (policy exception)',
      },
    ]);
  });

  it('fails closed when the SLO gate errors or answers garbage', async () => {
    for (const name of ['broken', 'garbled']) {
      const res = await gate(`component/default/${name}`);
      expect([name, res.status, res.body.decision]).toEqual([
        name,
        200,
        'deny',
      ]);
      expect(res.body.errorBudget.reachable).toBe(false);
      expect(res.body.reasons[0]).toMatch(
        /^error-budget policy could not be checked, the gate fails closed: the SLO gate (answered HTTP 500|returned an unexpected body)$/,
      );
    }
  });

  it('denies when the default branch has moved past the reported commit (stale)', async () => {
    const res = await gate(`component/default/moved?commit=${SHA_A}`);
    expect(res.body.decision).toBe('deny');
    expect(res.body.scorecard.blockingGates[0]).toMatchObject({
      gateId: 'coverage',
      status: 'stale',
    });
    expect(res.body.scorecard.blockingGates[0].reason).toContain(
      `the default branch has moved to ${SHA_B.slice(0, 12)}`,
    );
  });

  it('gives the same answer to the same request twice at once', async () => {
    const [a, b] = await Promise.all([
      gate(`component/default/failing?commit=${SHA_A}`),
      gate(`component/default/failing?commit=${SHA_A}`),
    ]);
    expect(a.body.decision).toBe('deny');
    const timeless = (body: ReleaseGateResponse) => ({
      ...body,
      evaluatedAt: undefined,
      scorecard: { ...body.scorecard, evaluatedAt: undefined },
    });
    expect(timeless(b.body)).toEqual(timeless(a.body));
  });
});
