import type {
  CampaignDetails,
  CampaignSummary,
} from '@gatekeeper/plugin-scorecards-common';

/** A UI campaign with its progress. */
export const campaignSummary: CampaignSummary = {
  id: '6f1c1e7a-8a44-4d7e-9b0b-0d7d3d1d2c11',
  title: 'Bronze for every service',
  owner: 'group:default/platform-team',
  target: { gates: ['coverage', 'code-ownership'] },
  selector: { kinds: ['Component'] },
  deadline: '2027-01-31T00:00:00.000Z',
  source: 'ui',
  createdBy: 'user:default/guest',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  archived: false,
  progress: { total: 4, done: 1, remaining: 3, overdue: 0 },
};

/** A code campaign past its deadline. */
export const codeCampaign: CampaignSummary = {
  ...campaignSummary,
  id: '0d9e9d3c-1f55-4c1d-8a2d-5c7b1e2f3a44',
  title: 'Owners everywhere',
  target: { level: 'silver' },
  source: 'code',
  codeId: 'owners-everywhere',
  createdBy: 'policy',
  deadline: '2026-11-30T00:00:00.000Z',
  progress: { total: 2, done: 0, remaining: 2, overdue: 2 },
};

/** The details of {@link campaignSummary}. */
export const campaignDetails: CampaignDetails = {
  ...campaignSummary,
  teams: [
    {
      owner: 'group:default/payments-team',
      total: 3,
      done: 1,
      remaining: 2,
      overdue: 0,
    },
    {
      owner: 'group:default/web-team',
      total: 1,
      done: 0,
      remaining: 1,
      overdue: 0,
    },
  ],
  remainingEntities: [
    {
      entityRef: 'component:default/payments-api',
      owner: 'group:default/payments-team',
      status: 'remaining',
      gates: [{ gateId: 'coverage', status: 'fail' }],
    },
    {
      entityRef: 'component:default/checkout-web',
      owner: 'group:default/web-team',
      status: 'remaining',
      gates: [{ gateId: 'code-ownership', status: 'unknown' }],
      unevaluated: true,
    },
  ],
  history: [
    {
      kind: 'created',
      at: '2026-12-01T10:00:00.000Z',
      actor: 'user:default/guest',
    },
    {
      kind: 'snapshot',
      at: '2026-12-02T01:00:00.000Z',
      progress: { total: 4, done: 0, remaining: 4, overdue: 0 },
    },
    {
      kind: 'snapshot',
      at: '2026-12-03T01:00:00.000Z',
      progress: { total: 4, done: 1, remaining: 3, overdue: 0 },
    },
  ],
};
