import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { loadEntitySlos, repoBaseOf } from './loadEntitySlos';

const sloYaml = (name: string) => `apiVersion: openslo/v1
kind: SLO
metadata: {name: ${name}}
spec:
  service: svc
  indicator:
    spec:
      ratioMetric:
        good: {metricSource: {type: Prometheus, spec: {query: g}}}
        total: {metricSource: {type: Prometheus, spec: {query: t}}}
  timeWindow: [{duration: 7d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
`;

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', annotations },
  spec: {},
});

describe('loadEntitySlos', () => {
  let dir: string;
  const urlReader = {
    readUrl: jest.fn(),
    readTree: jest.fn(),
    search: jest.fn(),
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-slo-load-'));
    fs.mkdirSync(path.join(dir, 'repo/slo'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'repo/slo/a.yaml'), sloYaml('a'));
    fs.writeFileSync(path.join(dir, 'repo/slo/b.yaml'), sloYaml('b'));
    fs.writeFileSync(path.join(dir, 'secret.yaml'), sloYaml('secret'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => urlReader.readUrl.mockReset());

  it('reads files relative to the directory of a file: managed-by location', async () => {
    const result = await loadEntitySlos(
      entity({
        'backstage.io/managed-by-location': `file:${dir}/repo/catalog-info.yaml`,
        'gatekeeper.dev/slo-file': 'slo/a.yaml, ./slo/b.yaml',
      }),
      { urlReader },
    );
    expect(result.errors).toEqual([]);
    expect(result.slos.map(s => s.name)).toEqual(['a', 'b']);
  });

  it('reads files relative to a file: source location and combines inline YAML', async () => {
    const result = await loadEntitySlos(
      entity({
        'backstage.io/source-location': `file:${dir}/repo/`,
        'gatekeeper.dev/slo-file': 'slo/a.yaml',
        'gatekeeper.dev/openslo': sloYaml('a'),
      }),
      { urlReader },
    );
    expect(result.slos.map(s => s.name)).toEqual(['a']);
    expect(result.errors).toEqual([
      {
        slo: 'a',
        file: 'slo/a.yaml',
        message: "slo/a.yaml: duplicate SLO name 'a'",
      },
    ]);
  });
});

describe('loadEntitySlos, part 2', () => {
  let dir: string;
  const urlReader = {
    readUrl: jest.fn(),
    readTree: jest.fn(),
    search: jest.fn(),
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-slo-load-'));
    fs.mkdirSync(path.join(dir, 'repo/slo'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'repo/slo/a.yaml'), sloYaml('a'));
    fs.writeFileSync(path.join(dir, 'repo/slo/b.yaml'), sloYaml('b'));
    fs.writeFileSync(path.join(dir, 'secret.yaml'), sloYaml('secret'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => urlReader.readUrl.mockReset());

  it('isolates a broken SLO (0d window) in a file and in the inline annotation', async () => {
    const broken = sloYaml('broken').replace('duration: 7d', 'duration: 0d');
    fs.writeFileSync(
      path.join(dir, 'repo/slo/mixed.yaml'),
      `${sloYaml('ok-file')}---\n${broken}`,
    );
    const result = await loadEntitySlos(
      entity({
        'backstage.io/source-location': `file:${dir}/repo/`,
        'gatekeeper.dev/slo-file': 'slo/mixed.yaml',
        'gatekeeper.dev/openslo': `${broken.replace(
          'broken',
          'broken-inline',
        )}---\n${sloYaml('ok-inline')}`,
      }),
      { urlReader },
    );
    expect(result.slos.map(s => s.name)).toEqual(['ok-inline', 'ok-file']);
    expect(result.errors.map(e => [e.slo, e.file, e.path])).toEqual([
      [
        'broken-inline',
        'annotation gatekeeper.dev/openslo',
        'spec.timeWindow.0.duration',
      ],
      ['broken', 'slo/mixed.yaml', 'spec.timeWindow.0.duration'],
    ]);
  });
});

describe('loadEntitySlos, part 3', () => {
  let dir: string;
  const urlReader = {
    readUrl: jest.fn(),
    readTree: jest.fn(),
    search: jest.fn(),
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-slo-load-'));
    fs.mkdirSync(path.join(dir, 'repo/slo'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'repo/slo/a.yaml'), sloYaml('a'));
    fs.writeFileSync(path.join(dir, 'repo/slo/b.yaml'), sloYaml('b'));
    fs.writeFileSync(path.join(dir, 'secret.yaml'), sloYaml('secret'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => urlReader.readUrl.mockReset());

  it('resolves indicatorRef and metricSourceRef across the files of the entity', async () => {
    fs.writeFileSync(
      path.join(dir, 'repo/slo/slis.yaml'),
      `apiVersion: openslo/v1
kind: SLI
metadata: {name: shared-sli}
spec:
  ratioMetric:
    good: {metricSource: {metricSourceRef: thanos, spec: {query: g}}}
    total: {metricSource: {metricSourceRef: thanos, spec: {query: t}}}
`,
    );
    const ref = (name: string, sli: string) =>
      sloYaml(name).replace(
        / {2}indicator:\n(?: {4}.*\n)+? {2}timeWindow/,
        `  indicatorRef: ${sli}\n  timeWindow`,
      );
    const result = await loadEntitySlos(
      entity({
        'backstage.io/source-location': `file:${dir}/repo/`,
        'gatekeeper.dev/slo-file': 'slo/slis.yaml',
        'gatekeeper.dev/openslo': `${ref('uses-shared', 'shared-sli')}---
${ref('dangling', 'nowhere')}---
apiVersion: openslo/v1
kind: DataSource
metadata: {name: thanos}
spec: {type: Prometheus}
`,
      }),
      { urlReader },
    );
    expect(result.slos.map(s => s.name)).toEqual(['uses-shared']);
    expect(result.slos[0].indicator.total).toEqual({
      sourceType: 'Prometheus',
      query: 't',
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        slo: 'dangling',
        path: 'spec.indicatorRef',
        message: expect.stringMatching(
          /indicatorRef 'nowhere' does not name an SLI in the entity's OpenSLO files/,
        ),
      }),
    ]);
  });
});

describe('loadEntitySlos, part 4', () => {
  let dir: string;
  const urlReader = {
    readUrl: jest.fn(),
    readTree: jest.fn(),
    search: jest.fn(),
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-slo-load-'));
    fs.mkdirSync(path.join(dir, 'repo/slo'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'repo/slo/a.yaml'), sloYaml('a'));
    fs.writeFileSync(path.join(dir, 'repo/slo/b.yaml'), sloYaml('b'));
    fs.writeFileSync(path.join(dir, 'secret.yaml'), sloYaml('secret'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => urlReader.readUrl.mockReset());

  it('reads url: source locations through the UrlReader', async () => {
    urlReader.readUrl.mockResolvedValue({
      buffer: async () => Buffer.from(sloYaml('remote')),
    });
    const result = await loadEntitySlos(
      entity({
        'backstage.io/source-location':
          'url:https://github.com/acme/svc/tree/main',
        'gatekeeper.dev/slo-file': 'slo/slos.yaml',
      }),
      { urlReader },
    );
    expect(urlReader.readUrl).toHaveBeenCalledWith(
      'https://github.com/acme/svc/tree/main/slo/slos.yaml',
    );
    expect(result.slos.map(s => s.name)).toEqual(['remote']);
  });
});

describe('loadEntitySlos, part 5', () => {
  let dir: string;
  const urlReader = {
    readUrl: jest.fn(),
    readTree: jest.fn(),
    search: jest.fn(),
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-slo-load-'));
    fs.mkdirSync(path.join(dir, 'repo/slo'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'repo/slo/a.yaml'), sloYaml('a'));
    fs.writeFileSync(path.join(dir, 'repo/slo/b.yaml'), sloYaml('b'));
    fs.writeFileSync(path.join(dir, 'secret.yaml'), sloYaml('secret'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => urlReader.readUrl.mockReset());

  it('reports unreadable, escaping, absolute and unresolvable paths as errors', async () => {
    urlReader.readUrl.mockRejectedValue(new Error('NotFoundError: 404'));
    const messages = async (annotations: Record<string, string>) =>
      (await loadEntitySlos(entity(annotations), { urlReader })).errors.map(
        e => e.message,
      );
    const loc = {
      'backstage.io/managed-by-location': `file:${dir}/repo/catalog-info.yaml`,
    };
    expect(
      await messages({ ...loc, 'gatekeeper.dev/slo-file': 'slo/missing.yaml' }),
    ).toEqual(['slo/missing.yaml: file not found']);
    expect(
      await messages({ ...loc, 'gatekeeper.dev/slo-file': '../secret.yaml' }),
    ).toEqual(['../secret.yaml: path escapes the repository']);
    expect(
      await messages({ ...loc, 'gatekeeper.dev/slo-file': '/etc/passwd' }),
    ).toEqual(['/etc/passwd: must be a path relative to the repository']);
    expect(
      await messages({ ...loc, 'gatekeeper.dev/slo-file': 'slo' }),
    ).toEqual([expect.stringMatching(/^slo: EISDIR/)]);
    expect(await messages({ 'gatekeeper.dev/slo-file': 'slo/a.yaml' })).toEqual(
      [
        "gatekeeper.dev/slo-file: 'slo/a.yaml' cannot be resolved, the entity has no source or file location",
      ],
    );
    expect(
      await messages({
        'backstage.io/source-location':
          'url:https://github.com/acme/svc/tree/main/',
        'gatekeeper.dev/slo-file': 'slo/x.yaml',
      }),
    ).toEqual(['slo/x.yaml: NotFoundError: 404']);
    expect(
      await messages({
        'backstage.io/source-location':
          'url:https://github.com/acme/svc/tree/main/',
        'gatekeeper.dev/slo-file': '../../other/x.yaml',
      }),
    ).toEqual(['../../other/x.yaml: path escapes the repository']);
  });

  it('returns nothing for entities without SLO annotations', async () => {
    expect(await loadEntitySlos(entity({}), { urlReader })).toEqual({
      slos: [],
      errors: [],
    });
  });
});

describe('repoBaseOf', () => {
  it('prefers the source location and understands url managed-by locations', () => {
    expect(
      repoBaseOf(
        entity({
          'backstage.io/managed-by-location':
            'url:https://ghe/acme/x/blob/main/catalog-info.yaml',
        }),
      ),
    ).toEqual({ type: 'url', base: 'https://ghe/acme/x/blob/main/' });
    expect(
      repoBaseOf(entity({ 'backstage.io/source-location': 'file:/' })),
    ).toEqual({ type: 'file', dir: '/' });
    expect(
      repoBaseOf(entity({ 'backstage.io/managed-by-location': 'github:x' })),
    ).toBeUndefined();
  });
});
