import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { PoliteHttpClient } from '@gatekeeper/gatekeeper-node';
import { FactProviderContext } from '@gatekeeper/plugin-scorecards-node';
import { createSonarqubeFactProvider } from './createSonarqubeFactProvider';
import {
  FakeSonarqubeServer,
  passingProject,
} from './testUtils/fakeSonarqubeServer';

const sonar = new FakeSonarqubeServer();
beforeAll(() => sonar.start());
afterAll(() => sonar.stop());
beforeEach(() => {
  sonar.projects.clear();
  sonar.requests.length = 0;
  sonar.inject.length = 0;
});

function entity(
  annotations: Record<string, string> = {
    'sonarqube.org/project-key': 'acme:payments',
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', annotations },
  };
}

function setup(
  options: { baseUrl?: string | null; token?: string; sleeps?: number[] } = {},
) {
  const provider = createSonarqubeFactProvider({
    baseUrl:
      options.baseUrl === null ? undefined : options.baseUrl ?? `${sonar.url}/`,
    token: options.token ?? sonar.token,
    logger: mockServices.logger.mock(),
    http: new PoliteHttpClient({
      sleep: async ms => {
        options.sleeps?.push(ms);
      },
      maxWaitMs: 30_000,
    }),
    now: () => new Date('2026-12-01T12:00:00Z'),
  });
  return (e: Entity = entity()) =>
    provider.provide({
      entity: e,
      logger: mockServices.logger.mock(),
      reader: {} as FactProviderContext['reader'],
      getRepository: async () => undefined,
    });
}

describe('createSonarqubeFactProvider', () => {
  it('reads the quality gate and measures, with the analysed commit as provenance', async () => {
    sonar.projects.set('acme:payments', passingProject());
    const facts = await setup()();
    expect(facts).toEqual({
      'sonarqube.quality-gate.status': 'OK',
      'sonarqube.quality-gate.passed': true,
      'sonarqube.quality-gate.failed-conditions': [],
      'sonarqube.coverage': 84.5,
      'sonarqube.coverage.lines': 86.1,
      'sonarqube.bugs': 0,
      'sonarqube.vulnerabilities': 0,
      'sonarqube.code-smells': 12,
      'sonarqube.security-hotspots': 1,
      'sonarqube.duplicated-lines-density': 2.3,
      'sonarqube.unknown': {},
      'sonarqube.provenance': expect.objectContaining({
        source: 'sonarqube',
        projectKey: 'acme:payments',
        commit: 'c0ffee1234',
        analysedAt: '2026-11-30T10:00:00+0000',
        dashboard: `${sonar.url}/dashboard?id=acme%3Apayments`,
        observedAt: '2026-12-01T12:00:00.000Z',
      }),
    });
    const provenance = facts['sonarqube.provenance'] as unknown as {
      facts: Record<string, { url: string; commit?: string }>;
    };
    expect(provenance.facts['sonarqube.quality-gate.passed']).toEqual({
      url: `${sonar.url}/api/qualitygates/project_status?projectKey=acme%3Apayments`,
      commit: 'c0ffee1234',
    });
    expect(sonar.requests.every(r => r.status === 200)).toBe(true);
  });

  it('reports a failed quality gate with its failed conditions', async () => {
    sonar.projects.set('acme:payments', {
      ...passingProject(),
      status: 'ERROR',
      conditions: [
        {
          status: 'ERROR',
          metricKey: 'new_coverage',
          comparator: 'LT',
          errorThreshold: '80',
          actualValue: '61.0',
        },
        {
          status: 'OK',
          metricKey: 'new_bugs',
          comparator: 'GT',
          errorThreshold: '0',
          actualValue: '0',
        },
        {
          status: 'ERROR',
          metricKey: 'new_security_rating',
          comparator: 'GT',
          errorThreshold: '1',
          actualValue: '3',
        },
      ],
    });
    const facts = await setup()();
    expect(facts).toMatchObject({
      'sonarqube.quality-gate.status': 'ERROR',
      'sonarqube.quality-gate.passed': false,
      'sonarqube.quality-gate.failed-conditions': [
        'new_coverage',
        'new_security_rating',
      ],
    });
  });

  it('leaves a gate without status and missing measures unknown with reasons', async () => {
    const project = passingProject();
    project.status = 'NONE';
    delete project.measures.coverage;
    delete project.measures.line_coverage;
    project.revision = undefined;
    sonar.projects.set('acme:payments', project);
    const facts = await setup()();
    expect(facts['sonarqube.quality-gate.passed']).toBeUndefined();
    expect(facts['sonarqube.bugs']).toBe(0);
    expect(facts['sonarqube.unknown']).toEqual({
      'sonarqube.quality-gate.status':
        'no quality gate status computed yet (status NONE)',
      'sonarqube.quality-gate.passed':
        'no quality gate status computed yet (status NONE)',
      'sonarqube.quality-gate.failed-conditions':
        'no quality gate status computed yet (status NONE)',
      'sonarqube.coverage':
        'measure not computed by the last analysis (e.g. no coverage report imported)',
      'sonarqube.coverage.lines':
        'measure not computed by the last analysis (e.g. no coverage report imported)',
    });
    expect(
      (facts['sonarqube.provenance'] as Record<string, unknown>).commit,
    ).toBeUndefined();
  });

  it('turns an unknown project and a bad token into unknown facts with the server message', async () => {
    const missing = await setup()(
      entity({ 'sonarqube.org/project-key': 'acme:gone' }),
    );
    expect(
      (missing['sonarqube.unknown'] as Record<string, string>)[
        'sonarqube.coverage'
      ],
    ).toBe(
      `measures: HTTP 404 from ${sonar.url}/api/measures/component?component=acme%3Agone&metricKeys=coverage,line_coverage,bugs,vulnerabilities,code_smells,security_hotspots,duplicated_lines_density: Project 'acme:gone' not found`,
    );
    sonar.projects.set('acme:payments', passingProject());
    const bad = await setup({ token: 'wrong' })();
    expect(
      (bad['sonarqube.unknown'] as Record<string, string>)[
        'sonarqube.quality-gate.passed'
      ],
    ).toMatch(/HTTP 401 .*Authentication is required/);
  });

  it('backs off on 429 with retry-after and on 503, then delivers', async () => {
    sonar.projects.set('acme:payments', passingProject());
    sonar.inject.push({
      path: /project_status/,
      status: 429,
      headers: { 'retry-after': '3' },
    });
    sonar.inject.push({ path: /measures/, status: 503 });
    const sleeps: number[] = [];
    const facts = await setup({ sleeps })();
    expect(sleeps).toEqual([3000, 1000]);
    expect(facts['sonarqube.quality-gate.passed']).toBe(true);
    expect(facts['sonarqube.coverage.lines']).toBe(86.1);
  });

  it('gives up on a long 429 with the reason instead of failing the refresh', async () => {
    sonar.projects.set('acme:payments', passingProject());
    sonar.inject.push({
      path: /project_status/,
      status: 429,
      headers: { 'retry-after': '600' },
    });
    const facts = await setup()();
    expect(
      (facts['sonarqube.unknown'] as Record<string, string>)[
        'sonarqube.quality-gate.passed'
      ],
    ).toMatch(/quality gate: rate limited \(HTTP 429\)/);
  });

  it('uses ETags where SonarQube offers them', async () => {
    sonar.projects.set('acme:payments', passingProject());
    const provide = setup();
    const first = await provide();
    sonar.requests.length = 0;
    const second = await provide();
    expect(second).toEqual(first);
    const measures = sonar.requests.find(r =>
      r.path.startsWith('/api/measures/'),
    );
    expect(measures).toMatchObject({
      status: 304,
      ifNoneMatch: expect.stringMatching(/^"/),
    });
  });

  it('is unknown with a reason, and sends nothing, when SonarQube is not configured', async () => {
    const facts = await setup({ baseUrl: null })();
    expect(sonar.requests).toHaveLength(0);
    expect(
      (facts['sonarqube.unknown'] as Record<string, string>)[
        'sonarqube.quality-gate.passed'
      ],
    ).toBe('SonarQube is not configured (scorecards.sonarqube.baseUrl)');
  });

  it('gives entities without the annotation no facts', async () => {
    expect(await setup()(entity({}))).toEqual({});
    expect(
      await setup()(entity({ 'sonarqube.org/project-key': '  ' })),
    ).toEqual({});
    expect(sonar.requests).toHaveLength(0);
  });
});
