import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  OWNER,
  startActionsBackend,
  VIEWER,
} from './__testUtils__/startActionsBackend';

jest.setTimeout(60_000);

describe('gatekeeper actions through the actions registry', () => {
  let backend: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    backend = await startActionsBackend();
  });
  afterAll(() => backend.stop());

  const invoke = (
    pluginId: string,
    name: string,
    input: unknown,
    user = OWNER,
  ) =>
    request(backend.server)
      .post(
        `/api/${pluginId}/.backstage/actions/v1/actions/${pluginId}:${name}/invoke`,
      )
      .set('Authorization', mockCredentials.user.header(user))
      .send(input as object);

  it('lists the actions with schemas and attributes', async () => {
    const list = async (pluginId: string) => {
      const res = await request(backend.server)
        .get(`/api/${pluginId}/.backstage/actions/v1/actions`)
        .set('Authorization', mockCredentials.user.header(OWNER));
      expect(res.status).toBe(200);
      return res.body.actions as Array<{
        id: string;
        description: string;
        attributes: Record<string, boolean>;
        schema: { input: { properties: Record<string, unknown> } };
      }>;
    };
    const actions = [...(await list('scorecards')), ...(await list('slo'))];
    expect(Object.fromEntries(actions.map(a => [a.id, a.attributes]))).toEqual({
      'scorecards:get-scorecard': {
        readOnly: true,
        destructive: false,
        idempotent: true,
      },
      'scorecards:list-release-blockers': {
        readOnly: true,
        destructive: false,
        idempotent: true,
      },
      'scorecards:request-waiver': {
        readOnly: false,
        destructive: false,
        idempotent: false,
      },
      'scorecards:list-campaigns-due': {
        readOnly: true,
        destructive: false,
        idempotent: true,
      },
      'slo:get-slo-status': {
        readOnly: true,
        destructive: false,
        idempotent: true,
      },
      'slo:declare-incident': {
        readOnly: false,
        destructive: false,
        idempotent: false,
      },
    });
    for (const action of actions) {
      expect(action.description.length).toBeGreaterThan(80);
    }
    const inputs = Object.fromEntries(
      actions.map(a => [a.id, Object.keys(a.schema.input.properties).sort()]),
    );
    expect(inputs['scorecards:list-campaigns-due']).toEqual([
      'owner',
      'withinDays',
    ]);
    expect(
      actions
        .filter(a => a.id !== 'scorecards:list-campaigns-due')
        .filter(a => !a.schema.input.properties.entityRef),
    ).toEqual([]);
  });

  it('get-scorecard returns the verdict and the failing gates with evidence', async () => {
    const res = await invoke('scorecards', 'get-scorecard', {
      entityRef: 'component:default/search-service',
    });
    expect(res.status).toBe(200);
    const out = res.body.output;
    expect(out).toMatchObject({
      entityRef: 'component:default/search-service',
      verdict: 'blocked',
    });
    const gate = out.failingGates.find(
      (g: { gateId: string }) => g.gateId === 'error-budget-respected',
    );
    expect(gate).toMatchObject({ severity: 'critical' });
    expect(gate.evidence.length).toBeGreaterThan(0);
    expect(gate.evidence[0].message).toEqual(expect.any(String));
    expect(out.failingGates).toHaveLength(out.counts.fail);

    // Kind and namespace default; waived gates are listed apart.
    const ledger = await invoke('scorecards', 'get-scorecard', {
      entityRef: 'ledger-worker',
    });
    expect(ledger.status).toBe(200);
    expect(ledger.body.output.entityRef).toBe(
      'component:default/ledger-worker',
    );
    expect(
      ledger.body.output.waivedGates.map((g: { gateId: string }) => g.gateId),
    ).toContain('canary-analysis');
  });

  it('list-release-blockers combines failing critical gates and the SLO freeze', async () => {
    const res = await invoke('scorecards', 'list-release-blockers', {
      entityRef: 'component:default/search-service',
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      releasable: false,
      verdict: 'blocked',
      sloDecision: 'deny',
    });
    const sources = res.body.output.blockers.map(
      (b: { source: string; id: string }) => `${b.source}:${b.id}`,
    );
    expect(sources).toContain('slo:error-budget-freeze');
    expect(sources).toContain('scorecard:error-budget-respected');

    // A security fix is exempt from the freeze: only the gates remain.
    const security = await invoke('scorecards', 'list-release-blockers', {
      entityRef: 'component:default/search-service',
      change: 'security',
    });
    expect(security.body.output.sloDecision).toBe('allow');
    expect(
      security.body.output.blockers.map((b: { source: string }) => b.source),
    ).not.toContain('slo');

    const payments = await invoke('scorecards', 'list-release-blockers', {
      entityRef: 'component:default/payments-service',
    });
    expect(payments.body.output).toMatchObject({
      releasable: true,
      verdict: 'ready',
      sloDecision: 'allow',
      blockers: [],
    });
  });

  it('get-slo-status returns budgets, burn rates and the gate decision', async () => {
    const search = await invoke('slo', 'get-slo-status', {
      entityRef: 'component:default/search-service',
    });
    expect(search.status).toBe(200);
    expect(search.body.output.freeze.frozen).toBe(true);
    expect(search.body.output.gate.decision).toBe('deny');
    expect(search.body.output.slos[0].errorBudget.remaining).toBeLessThan(0);

    const checkout = await invoke('slo', 'get-slo-status', {
      entityRef: 'component:default/checkout-web',
    });
    expect(checkout.body.output.gate.decision).toBe('allow');
    const slo = checkout.body.output.slos[0];
    expect(slo.burnRate).toBeGreaterThan(1);
    // the firing alerts are exactly those the SLO backend reports as firing
    const report = await request(backend.server)
      .get('/api/slo/entities/default/component/checkout-web/slos')
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(report.status).toBe(200);
    const firing = (
      report.body.slos[0].burnRateAlerts as Array<{
        firing: boolean;
        severity: string;
        shortWindow: string;
        longWindow: string;
      }>
    ).filter(a => a.firing);
    expect(firing).toContainEqual(
      expect.objectContaining({ severity: 'page' }),
    );
    expect(slo.firingAlerts).toEqual(
      firing.map(a =>
        expect.objectContaining({
          severity: a.severity,
          shortWindow: a.shortWindow,
          longWindow: a.longWindow,
        }),
      ),
    );
    for (const alert of slo.firingAlerts) {
      expect(alert).not.toHaveProperty('firing');
    }
    expect(slo.timeToExhaustionSeconds).toBeGreaterThan(0);
  });

  it('declare-incident creates an incident as the calling user, once per idempotency key', async () => {
    const input = {
      entityRef: 'component:default/payments-service',
      title: 'Checkout errors',
      severity: 'P2',
      idempotencyKey: 'agent-run-1',
    };
    const [first, second] = await Promise.all([
      invoke('slo', 'declare-incident', input),
      invoke('slo', 'declare-incident', input),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.output).toMatchObject({
      entityRef: 'component:default/payments-service',
      title: 'Checkout errors',
      severity: 'P2',
      status: 'triggered',
      source: 'manual',
    });
    expect(second.body.output.id).toBe(first.body.output.id);
    const incidents = await request(backend.server)
      .get('/api/slo/entities/default/component/payments-service/incidents')
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(
      incidents.body.items.filter(
        (i: { id: string }) => i.id === first.body.output.id,
      ),
    ).toHaveLength(1);
  });

  it('refuses declare-incident to a caller without slo.incidents.manage', async () => {
    const res = await invoke(
      'slo',
      'declare-incident',
      {
        entityRef: 'component:default/payments-service',
        title: 'Not mine',
        severity: 'P1',
      },
      VIEWER,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    // The same user may still read.
    const read = await invoke(
      'slo',
      'get-slo-status',
      { entityRef: 'component:default/payments-service' },
      VIEWER,
    );
    expect(read.status).toBe(200);
  });

  it('list-campaigns-due lists the policy campaign by its deadline, per owner', async () => {
    const title = 'Code owners and branch protection for production services';
    const due = async (input: object) => {
      const res = await invoke('scorecards', 'list-campaigns-due', input);
      expect(res.status).toBe(200);
      return res.body.output.campaigns as Array<{
        title: string;
        daysLeft: number;
        overdue: boolean;
        source: string;
        target: { gates?: string[] };
        progress: { total: number; done: number; remaining: number };
      }>;
    };
    const all = (await due({ withinDays: 3650 })).find(c => c.title === title);
    expect(all).toMatchObject({
      source: 'code',
      target: { gates: ['code-ownership', 'branch-protection'] },
    });
    expect(all!.progress.total).toBeGreaterThan(1);
    expect(all!.progress.done + all!.progress.remaining).toBe(
      all!.progress.total,
    );
    // Listed from the day its deadline is within reach, not before.
    const days = Math.max(all!.daysLeft, 0);
    expect(all!.overdue).toBe(all!.daysLeft <= 0);
    const titles = async (withinDays: number) =>
      (await due({ withinDays })).map(c => c.title);
    expect(await titles(days)).toContain(title);
    const earlier = days > 1 ? await titles(days - 2) : [];
    expect(earlier).not.toContain(title);

    const mine = (await due({ owner: 'payments-team', withinDays: 3650 })).find(
      c => c.title === title,
    );
    expect(mine!.progress.total).toBeGreaterThan(0);
    expect(mine!.progress.total).toBeLessThan(all!.progress.total);

    for (const input of [
      { owner: 'component:default/payments-service' },
      { withinDays: -1 },
      { withinDays: 1.5 },
      { owner: '' },
    ]) {
      const res = await invoke('scorecards', 'list-campaigns-due', input);
      expect([input, res.status]).toEqual([input, 400]);
    }
  });

  it('gives NotFound for an unknown entity and InputError for bad input', async () => {
    for (const [pluginId, name] of [
      ['scorecards', 'get-scorecard'],
      ['scorecards', 'list-release-blockers'],
      ['slo', 'get-slo-status'],
    ]) {
      const res = await invoke(pluginId, name, {
        entityRef: 'component:default/does-not-exist',
      });
      expect([name, res.status, res.body.error.name]).toEqual([
        name,
        404,
        'NotFoundError',
      ]);
    }
    const incident = await invoke('slo', 'declare-incident', {
      entityRef: 'component:default/does-not-exist',
      title: 'x',
      severity: 'P3',
    });
    expect(incident.status).toBe(404);

    const malformed = await invoke('scorecards', 'get-scorecard', {
      entityRef: 'component:default/',
    });
    expect(malformed.status).toBe(400);
    const badSeverity = await invoke('slo', 'declare-incident', {
      entityRef: 'component:default/payments-service',
      title: 'x',
      severity: 'P9',
    });
    expect(badSeverity.status).toBe(400);
  });
});
