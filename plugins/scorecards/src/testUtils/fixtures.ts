import type { Entity } from '@backstage/catalog-model';
import type {
  EntityScorecard,
  GateResult,
  GatesResponse,
  MyScorecardsSummary,
  ScorecardHistory,
  ScorecardRollup,
  ScorecardSummary,
  WaiverRequest,
} from '@gatekeeper/plugin-scorecards-common';
import type { ScorecardsApi } from '../api';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-payments' },
};

export const ENTITY_REF = 'component:default/payments-api';

export const gatesResponse: GatesResponse = {
  levels: ['bronze', 'silver', 'gold'],
  gates: [
    {
      id: 'coverage-lines',
      title: 'Line coverage at least 80%',
      severity: 'high',
      category: 'quality',
      level: 'bronze',
      rationale: 'Untested code breaks in production.',
      remediation: 'https://docs.example.com/gates/coverage',
    },
    {
      id: 'no-critical-vulnerabilities',
      title: 'No critical vulnerabilities',
      severity: 'critical',
      category: 'security',
      level: 'bronze',
      rationale: 'Critical CVEs are exploitable.',
      remediation: 'https://docs.example.com/gates/vulns',
    },
    {
      id: 'security-scans',
      title: 'Security scans run in CI',
      severity: 'high',
      category: 'security',
      level: 'silver',
      rationale: 'Scans catch issues before release.',
      remediation: 'https://docs.example.com/gates/scans',
    },
  ],
};

/** The gates of {@link makeScorecard}: one per status. */
const SCORECARD_GATES: GateResult[] = [
  {
    gateId: 'coverage-lines',
    title: 'Line coverage at least 80%',
    severity: 'high',
    category: 'quality',
    level: 'bronze',
    remediation: 'https://docs.example.com/gates/coverage',
    status: 'pass',
    evidence: [
      {
        fact: 'ci.coverage.lines',
        value: 83.14,
        observedAt: '2026-11-19T08:00:00.000Z',
        source: 'push:ci',
        message: '83.14 >= 80',
        commit: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c',
        runUrl: 'https://github.com/acme/payments/actions/runs/4711',
        evidenceKind: 'observed',
      },
    ],
    freshness: {
      kind: 'observed',
      sources: ['push:ci'],
      observedAt: '2026-11-19T08:00:00.000Z',
      ttl: 'P14D',
      expiresAt: '2026-12-03T08:00:00.000Z',
      stale: false,
      requireObserved: true,
    },
  },
  {
    gateId: 'lint-clean',
    title: 'Lint has no errors',
    severity: 'medium',
    category: 'quality',
    level: 'bronze',
    remediation: 'https://docs.example.com/gates/lint',
    status: 'fail',
    evidence: [
      {
        fact: 'ci.lint.errors',
        value: 4,
        observedAt: '2026-11-19T08:00:00.000Z',
        source: 'push:ci',
        message: '4 <= 0 is false',
      },
    ],
  },
  {
    gateId: 'security-scans',
    title: 'Security scans run in CI',
    severity: 'high',
    category: 'security',
    level: 'silver',
    remediation: 'https://docs.example.com/gates/scans',
    status: 'stale',
    evidence: [
      {
        fact: 'ci.sast.ran',
        value: true,
        observedAt: '2026-09-01T08:00:00.000Z',
        source: 'push:ci',
        message: 'fact older than P7D',
      },
    ],
    freshness: {
      kind: 'observed',
      sources: ['push:ci'],
      observedAt: '2026-09-01T08:00:00.000Z',
      ttl: 'P7D',
      expiresAt: '2026-09-08T08:00:00.000Z',
      stale: true,
    },
  },
  {
    gateId: 'no-critical-vulnerabilities',
    title: 'No critical vulnerabilities',
    severity: 'critical',
    category: 'security',
    level: 'bronze',
    remediation: 'https://docs.example.com/gates/vulns',
    status: 'fail',
    evidence: [
      {
        fact: 'ci.vulnerabilities.critical',
        value: 2,
        observedAt: '2026-11-19T08:00:00.000Z',
        source: 'push:ci',
        message: '2 <= 0 is false',
      },
    ],
  },
  {
    gateId: 'branch-protection',
    title: 'Branch protection enabled',
    severity: 'critical',
    category: 'supply-chain',
    level: 'bronze',
    remediation: 'https://docs.example.com/gates/branch-protection',
    status: 'waived',
    evidence: [
      {
        fact: 'repo.branchProtection.enabled',
        value: false,
        source: 'repo:settings',
        message: 'false is not truthy (configured, not yet observed)',
        evidenceKind: 'configured',
      },
    ],
    freshness: {
      kind: 'configured',
      sources: ['repo:settings'],
      stale: false,
    },
    waiver: {
      gateId: 'branch-protection',
      reason: 'Migrating to the new org until December',
      approver: 'user:default/jane.doe',
      expiresAt: '2026-12-31T00:00:00.000Z',
      source: 'annotation',
    },
  },
  {
    gateId: 'slo-defined',
    title: 'SLO defined',
    severity: 'medium',
    category: 'reliability',
    level: 'silver',
    remediation: 'https://docs.example.com/gates/slo',
    status: 'unknown',
    evidence: [{ fact: 'slo.count', message: 'fact missing' }],
  },
];

export function makeScorecard(
  overrides: Partial<EntityScorecard> = {},
): EntityScorecard {
  return {
    entityRef: ENTITY_REF,
    verdict: 'blocked',
    score: 61.5,
    level: undefined,
    evaluatedAt: '2026-11-20T10:15:00.000Z',
    policyVersion: 'a1b2c3d4e5f6a7b8c9d0',
    counts: { pass: 1, fail: 2, stale: 1, waived: 1, unknown: 1 },
    // a fresh copy per scorecard: tests may change it
    gates: JSON.parse(JSON.stringify(SCORECARD_GATES)),
    ...overrides,
  };
}

export const history: ScorecardHistory = {
  entityRef: ENTITY_REF,
  points: [
    {
      evaluatedAt: '2026-11-01T00:00:00.000Z',
      verdict: 'ready',
      score: 90,
      level: 'bronze',
      gates: { 'no-critical-vulnerabilities': 'pass', 'lint-clean': 'pass' },
    },
    {
      evaluatedAt: '2026-11-10T00:00:00.000Z',
      verdict: 'at-risk',
      score: 75,
      gates: { 'no-critical-vulnerabilities': 'pass', 'lint-clean': 'fail' },
    },
    {
      evaluatedAt: '2026-11-20T10:15:00.000Z',
      verdict: 'blocked',
      score: 61.5,
      gates: { 'no-critical-vulnerabilities': 'fail', 'lint-clean': 'fail' },
    },
  ],
};

export const summaries: ScorecardSummary[] = [
  {
    entityRef: 'component:default/payments-api',
    title: 'Payments API',
    owner: 'group:default/team-payments',
    system: 'system:default/payments',
    domain: 'domain:default/commerce',
    verdict: 'blocked',
    score: 61.5,
    evaluatedAt: '2026-11-20T10:15:00.000Z',
    gates: {
      'coverage-lines': 'pass',
      'no-critical-vulnerabilities': 'fail',
      'security-scans': 'stale',
    },
    evidence: { stale: 1, configured: 0 },
  },
  {
    entityRef: 'component:default/checkout-web',
    title: 'Checkout, "web" frontend',
    owner: 'group:default/team-checkout',
    system: 'system:default/payments',
    verdict: 'ready',
    score: 96.25,
    level: 'silver',
    evaluatedAt: '2026-11-20T10:16:00.000Z',
    gates: {
      'coverage-lines': 'pass',
      'no-critical-vulnerabilities': 'pass',
      'security-scans': 'waived',
    },
    evidence: { stale: 0, configured: 0 },
  },
  {
    entityRef: 'component:default/ledger',
    owner: 'group:default/team-ledger',
    verdict: 'at-risk',
    evaluatedAt: '2026-11-20T10:17:00.000Z',
    gates: { 'coverage-lines': 'unknown' },
    evidence: { stale: 0, configured: 2 },
  },
];

export const rollups: ScorecardRollup[] = [
  {
    ref: 'group:default/team-payments',
    kind: 'group',
    entityCount: 4,
    averageScore: 72.35,
    verdicts: { ready: 1, 'at-risk': 2, blocked: 1 },
    levels: { none: 1, bronze: 2, silver: 1, gold: 0 },
    gatePassRates: {
      'coverage-lines': 0.75,
      'no-critical-vulnerabilities': 0.5,
    },
  },
  {
    ref: 'group:default/team-checkout',
    kind: 'group',
    entityCount: 2,
    averageScore: 95,
    verdicts: { ready: 2, 'at-risk': 0, blocked: 0 },
    levels: { bronze: 0, silver: 1, gold: 1 },
    gatePassRates: { 'coverage-lines': 1 },
  },
];

/** A summary of a user whose entities need nothing. */
export const emptyMySummary: MyScorecardsSummary = {
  owners: ['group:default/team-a', 'user:default/alice'],
  entities: [],
  expiringWaivers: [],
  waiverHorizonDays: 14,
  generatedAt: '2026-11-24T12:00:00.000Z',
};
/** Waiver requests of the fixture entity: one open, one approved. */
export const waiverRequests: WaiverRequest[] = [
  {
    id: '6f1c0a52-3d1e-4a8e-9d0c-1b2a3c4d5e6f',
    entityRef: ENTITY_REF,
    gateId: 'security-scans',
    reason: 'Scanner migration in progress',
    expiresAt: '2027-01-15T00:00:00.000Z',
    state: 'requested',
    requestedBy: 'user:default/bob',
    requestedAt: '2026-12-01T09:00:00.000Z',
    history: [
      {
        state: 'requested',
        actor: 'user:default/bob',
        at: '2026-12-01T09:00:00.000Z',
      },
    ],
    canDecide: true,
  },
  {
    id: '0b9e8d7c-6b5a-4f3e-8d2c-1a0b9c8d7e6f',
    entityRef: ENTITY_REF,
    gateId: 'lint-clean',
    reason: 'Lint rules change upstream',
    expiresAt: '2026-12-20T00:00:00.000Z',
    state: 'approved',
    requestedBy: 'user:default/bob',
    requestedAt: '2026-11-28T09:00:00.000Z',
    decidedBy: 'user:default/guest',
    decidedAt: '2026-11-29T09:00:00.000Z',
    decisionComment: 'ok for two weeks',
    history: [],
    canDecide: false,
  },
];

/** A ScorecardsApi whose methods are jest mocks resolving the fixtures. */
export function mockScorecardsApi(
  overrides: Partial<jest.Mocked<ScorecardsApi>> = {},
): jest.Mocked<ScorecardsApi> {
  return {
    getGates: jest.fn().mockResolvedValue(gatesResponse),
    getEntityScorecard: jest.fn().mockResolvedValue(makeScorecard()),
    getEntityHistory: jest.fn().mockResolvedValue(history),
    getEntityFacts: jest.fn().mockResolvedValue({
      items: [
        {
          fact: 'ci.coverage.lines',
          value: 83.14,
          observedAt: '2026-11-19T08:00:00.000Z',
          source: 'push:ci',
        },
        {
          fact: 'repo.codeowners.present',
          value: true,
          observedAt: '2026-11-20T10:15:00.000Z',
          source: 'provider:repo-files',
        },
      ],
    }),
    evaluateEntity: jest.fn().mockResolvedValue(makeScorecard()),
    getOverview: jest.fn().mockResolvedValue({
      items: summaries,
      totalItems: summaries.length,
    }),
    getRollups: jest.fn().mockResolvedValue({ items: rollups }),
    getMySummary: jest.fn().mockResolvedValue(emptyMySummary),
    getDueCampaigns: jest.fn().mockResolvedValue({ items: [] }),
    listWaiverRequests: jest
      .fn()
      .mockResolvedValue({ items: waiverRequests, maxDays: 30 }),
    createWaiverRequest: jest.fn().mockResolvedValue(waiverRequests[0]),
    decideWaiverRequest: jest.fn().mockResolvedValue(waiverRequests[0]),
    listCampaigns: jest.fn().mockResolvedValue({ items: [] }),
    getCampaign: jest.fn().mockRejectedValue(new Error('no campaign')),
    createCampaign: jest.fn().mockRejectedValue(new Error('not allowed')),
    updateCampaign: jest.fn().mockRejectedValue(new Error('not allowed')),
    getEntityCampaigns: jest
      .fn()
      .mockResolvedValue({ entityRef: '', items: [] }),
    ...overrides,
  };
}

export { fakeResponse, notFoundError } from './fakeResponse';
