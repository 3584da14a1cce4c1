import { ConfigReader } from '@backstage/config';
import { readNotificationsConfig } from './config';
import { detectNotices, EntityState, Observation } from './detectNotices';

const now = new Date('2026-12-03T12:00:00Z');
const config = readNotificationsConfig(new ConfigReader({}));

function observe(over: Partial<Observation> = {}): Observation {
  return {
    entityRef: 'component:default/a',
    owner: 'group:default/team-a',
    verdict: 'ready',
    gates: [
      { gateId: 'coverage', title: 'Line coverage', status: 'pass' },
      { gateId: 'owners', title: 'Code owners', status: 'pass' },
    ],
    frozen: false,
    freezeReasons: [],
    postmortems: [],
    ...over,
  };
}

function step(o: Observation, previous?: EntityState, c = config, at = now) {
  return detectNotices({ observation: o, previous, now: at, config: c });
}

const failing = (status = 'fail') =>
  observe({
    verdict: 'blocked',
    gates: [
      { gateId: 'coverage', title: 'Line coverage', status },
      { gateId: 'owners', title: 'Code owners', status: 'pass' },
    ],
  });

describe('detectNotices', () => {
  it('remembers standing failures on first sight without announcing them', () => {
    const first = step(failing());
    expect(first.notices).toEqual([]);
    expect(first.state.notified).toEqual([
      'verdict:blocked',
      'gate-failing:coverage',
    ]);
    expect(step(failing(), first.state).notices).toEqual([]);
  });

  it('announces a verdict turning blocked and a gate starting to fail, once', () => {
    const base = step(observe()).state;
    const turned = step(failing(), base);
    expect(turned.notices.map(n => [n.kind, n.key, n.severity])).toEqual([
      ['verdictBlocked', 'verdict:blocked', 'high'],
      ['gateFailing', 'gate-failing:coverage', 'normal'],
    ]);
    expect(turned.notices[0].description).toContain('Line coverage');
    expect(step(failing(), turned.state).notices).toEqual([]);
  });

  it('announces again when the cause clears and comes back', () => {
    const s1 = step(failing(), step(observe()).state).state;
    const cleared = step(observe(), s1);
    expect(cleared.notices).toEqual([]);
    expect(step(failing(), cleared.state).notices).toHaveLength(2);
  });

  it('warns of a waiver expiring within the warning window, not earlier', () => {
    const waived = (expiresAt: string) =>
      observe({
        gates: [
          {
            gateId: 'coverage',
            title: 'Line coverage',
            status: 'waived',
            expiresAt,
          },
        ],
      });
    expect(step(waived('2027-02-01T00:00:00Z')).notices).toEqual([]);
    const soon = step(waived('2026-12-10T12:00:00Z'));
    expect(soon.notices.map(n => n.kind)).toEqual(['waiverExpiring']);
    expect(soon.notices[0].title).toContain('7 day(s)');
    expect(step(waived('2026-12-10T12:00:00Z'), soon.state).notices).toEqual(
      [],
    );
  });

  it('announces an expired waiver once when its gate counts again', () => {
    const before = step(
      observe({
        gates: [
          {
            gateId: 'coverage',
            title: 'Line coverage',
            status: 'waived',
            expiresAt: '2026-12-03T11:00:00Z',
          },
        ],
      }),
      undefined,
      config,
      new Date('2026-12-03T10:00:00Z'),
    ).state;
    const after = step(failing(), before);
    expect(after.notices.map(n => n.kind)).toEqual([
      'verdictBlocked',
      'gateFailing',
      'waiverExpired',
    ]);
    expect(step(failing(), after.state).notices).toEqual([]);
  });

  it('does not call a waiver removed before its expiry expired', () => {
    const before = step(
      observe({
        gates: [
          {
            gateId: 'coverage',
            title: 'Line coverage',
            status: 'waived',
            expiresAt: '2027-06-01T00:00:00Z',
          },
        ],
      }),
    ).state;
    expect(step(observe(), before).notices).toEqual([]);
  });

  it('announces a freeze when it starts and when it ends, and each postmortem once', () => {
    const frozen = observe({
      frozen: true,
      freezeReasons: ['checkout-availability: budget spent'],
      postmortems: ['inc-1'],
    });
    const start = step(frozen, step(observe()).state);
    expect(start.notices.map(n => [n.kind, n.path])).toEqual([
      ['freeze', '/slo'],
      ['postmortemRequired', '/incidents'],
    ]);
    expect(start.notices[0].description).toContain('budget spent');
    expect(step(frozen, start.state).notices).toEqual([]);
    const ended = step(observe(), start.state);
    expect(ended.notices.map(n => n.title)).toEqual([
      'Error-budget freeze ended on component:default/a',
    ]);
  });

  it('drops the kinds switched off in config', () => {
    const quiet = readNotificationsConfig(
      new ConfigReader({
        scorecards: { notifications: { kinds: { verdictBlocked: false } } },
      }),
    );
    const out = step(failing(), step(observe()).state, quiet);
    expect(out.notices.map(n => n.kind)).toEqual(['gateFailing']);
    // remembered all the same: switching the kind back on does not replay it
    expect(out.state.notified).toContain('verdict:blocked');
  });
});

describe('readNotificationsConfig', () => {
  it('has defaults and reads every setting', () => {
    expect(config).toEqual({
      enabled: true,
      frequencyMs: 300_000,
      waiverWarningDays: 14,
      campaignWarningDays: 7,
      kinds: {
        verdictBlocked: true,
        gateFailing: true,
        waiverExpiring: true,
        waiverExpired: true,
        freeze: true,
        postmortemRequired: true,
        waiverRequested: true,
        waiverDecided: true,
        campaignDue: true,
      },
      appBaseUrl: 'http://localhost:3000',
    });
    const c = readNotificationsConfig(
      new ConfigReader({
        app: { baseUrl: 'https://portal.example.com/' },
        scorecards: {
          notifications: {
            enabled: false,
            frequency: { minutes: 1, seconds: 30 },
            waiverWarningDays: 3,
            campaignWarningDays: 10,
            kinds: { freeze: false, campaignDue: false },
          },
        },
      }),
    );
    expect(c).toMatchObject({
      enabled: false,
      frequencyMs: 90_000,
      waiverWarningDays: 3,
      campaignWarningDays: 10,
      appBaseUrl: 'https://portal.example.com',
    });
    expect(c.kinds.freeze).toBe(false);
    expect(c.kinds.campaignDue).toBe(false);
  });

  it('rejects nonsense with the path', () => {
    const read = (notifications: object) => () =>
      readNotificationsConfig(
        new ConfigReader({ scorecards: { notifications } }),
      );
    expect(read({ frequency: { seconds: 0 } })).toThrow(/frequency/);
    expect(read({ waiverWarningDays: -1 })).toThrow(/waiverWarningDays/);
    expect(read({ waiverWarningDays: 1000 })).toThrow(/waiverWarningDays/);
  });
});

describe('detectNotices and waiver requests', () => {
  it('announces waiver requests and recent decisions once', () => {
    const request = {
      id: 'r1',
      gateId: 'coverage',
      reason: 'runner migration',
      expiresAt: '2026-12-20T00:00:00.000Z',
      requestedBy: 'user:default/bob',
    };
    const open = step(
      observe({ waiverRequests: [{ ...request, state: 'requested' }] }),
    );
    expect(open.notices.map(n => [n.kind, n.key, n.title])).toEqual([
      [
        'waiverRequested',
        'waiver-request:r1:requested',
        'Waiver requested for "Line coverage" on component:default/a',
      ],
    ]);
    const decided = (state: string, decidedAt: string) =>
      observe({
        waiverRequests: [
          { ...request, state, decidedAt, decidedBy: 'user:default/guest' },
        ],
      });
    const rejected = step(
      decided('rejected', '2026-12-03T11:00:00Z'),
      open.state,
    );
    expect(rejected.notices.map(n => [n.kind, n.severity])).toEqual([
      ['waiverDecided', 'high'],
    ]);
    expect(rejected.notices[0].description).toBe(
      'user:default/guest rejected the waiver of coverage.',
    );
    expect(
      step(decided('rejected', '2026-12-03T11:00:00Z'), rejected.state).notices,
    ).toEqual([]);
    // decisions older than a week are history, not news
    expect(step(decided('approved', '2026-11-20T11:00:00Z')).notices).toEqual(
      [],
    );
    const off = readNotificationsConfig(
      new ConfigReader({
        scorecards: { notifications: { kinds: { waiverRequested: false } } },
      }),
    );
    expect(
      step(
        observe({ waiverRequests: [{ ...request, state: 'requested' }] }),
        undefined,
        off,
      ).notices,
    ).toEqual([]);
  });
});
