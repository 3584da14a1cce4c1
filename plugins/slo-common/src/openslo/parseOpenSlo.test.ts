import { parseOpenSlo } from './parseOpenSlo';

const sli = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: avail-sli
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        type: Prometheus
        spec:
          query: http_requests_total{code!~"5.."}
    total:
      metricSource:
        type: Prometheus
        spec:
          query: http_requests_total
`;

const slo = (extra: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: avail
  displayName: Availability
spec:
  service: search
${extra}`;

const rolling = `  timeWindow:
    - duration: 28d
      isRolling: true
`;

describe('parseOpenSlo', () => {
  it('resolves an indicatorRef to an SLI in the same multi-document file', () => {
    const result = parseOpenSlo(
      `${sli}---\n${slo(`  indicatorRef: avail-sli
${rolling}  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`)}`,
    );
    expect(result.errors).toEqual([]);
    expect(result.slos).toEqual([
      {
        name: 'avail',
        sloName: 'avail',
        displayName: 'Availability',
        description: undefined,
        service: 'search',
        target: 0.999,
        timeWindow: {
          duration: '28d',
          durationSeconds: 2_419_200,
          rolling: true,
          calendar: undefined,
        },
        budgetingMethod: 'Occurrences',
        timeSliceTarget: undefined,
        timeSliceWindowSeconds: undefined,
        indicator: {
          counter: true,
          good: {
            sourceType: 'Prometheus',
            query: 'http_requests_total{code!~"5.."}',
          },
          bad: undefined,
          total: { sourceType: 'Prometheus', query: 'http_requests_total' },
        },
      },
    ]);
  });
});

describe('parseOpenSlo, part 2', () => {
  it('supports inline indicators, targetPercent, Timeslices and several objectives', () => {
    const result = parseOpenSlo(
      slo(`  indicator:
    spec:
      ratioMetric:
        bad:
          metricSource: {type: Prometheus, spec: {query: errors_total}}
        total:
          metricSource: {type: Prometheus, spec: {query: requests_total}}
  timeWindow:
    - duration: 1M
      calendar: {startTime: '2026-01-01 00:00:00', timeZone: UTC}
  budgetingMethod: Timeslices
  objectives:
    - displayName: fast
      targetPercent: 99.5
      timeSliceTarget: 0.95
      timeSliceWindow: 1m
    - name: slow
      target: 0.9
      timeSliceTarget: 0.9
      timeSliceWindow: 5m
`),
    );
    expect(result.errors).toEqual([]);
    expect(result.slos.map(s => s.name)).toEqual(['avail/fast', 'avail/slow']);
    expect(result.slos[0].target).toBeCloseTo(0.995, 12);
    expect(result.slos[0].displayName).toBe('Availability — fast');
    expect(result.slos[0].timeSliceWindowSeconds).toBe(60);
    expect(result.slos[1].timeSliceWindowSeconds).toBe(300);
    expect(result.slos[0].timeWindow).toEqual({
      duration: '1M',
      durationSeconds: 2_592_000,
      rolling: false,
      calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' },
    });
    expect(result.slos[0].indicator.bad?.query).toBe('errors_total');
    expect(result.slos[0].indicator.counter).toBe(true);
  });
});

describe('parseOpenSlo, part 3', () => {
  it('reports schema errors per SLO and keeps the valid ones', () => {
    const result = parseOpenSlo(
      [
        slo(`  indicatorRef: missing
${rolling}  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
`),
        slo(`  indicatorRef: x
${rolling}  budgetingMethod: Timeslices
  objectives: [{target: 1.5}]
`).replace('name: avail', 'name: broken'),
        slo(`  indicatorRef: x
  indicator: {spec: {}}
${rolling}  budgetingMethod: Occurrences
  objectives: [{target: 0.9, targetPercent: 90}]
`).replace('name: avail', 'name: both'),
        'apiVersion: openslo/v2\nkind: SLO\nmetadata: {name: future}\n',
        '- just a list\n',
        'apiVersion: openslo/v1\nkind: SLI\nmetadata: {name: bad-sli}\nspec: {thresholdMetric: {}}\n',
        'apiVersion: openslo/v1\nkind: Service\nmetadata: {name: svc}\nspec: {}\n',
      ].join('---\n'),
      'slo.yaml',
    );
    expect(result.slos).toEqual([]);
    const messages = result.errors.map(e => `${e.slo ?? '-'}|${e.message}`);
    expect(messages).toEqual([
      expect.stringMatching(
        /^future\|slo.yaml: document 4 has apiVersion 'openslo\/v2'/,
      ),
      expect.stringMatching(/^-\|slo.yaml: document 5 is not an object/),
      expect.stringMatching(
        /^-\|slo.yaml: SLI document 6: spec.thresholdMetric.metricSource: Required/,
      ),
      expect.stringMatching(
        /^avail\|.*indicatorRef 'missing' does not name an SLI/,
      ),
      expect.stringMatching(/^broken\|.*objectives.0.target.*timeSliceWindow/),
      expect.stringMatching(
        /^both\|.*exactly one of target.*exactly one of indicator or indicatorRef/,
      ),
    ]);
  });

  it('rejects ratio metrics with both good and bad, and windows without rolling or calendar', () => {
    const result = parseOpenSlo(
      slo(`  indicator:
    spec:
      ratioMetric:
        good: {metricSource: {type: Prometheus, spec: {query: a}}}
        bad: {metricSource: {type: Prometheus, spec: {query: b}}}
        total: {metricSource: {type: Prometheus, spec: {query: c}}}
  timeWindow:
    - duration: 28d
  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
`),
    );
    expect(result.errors[0].message).toMatch(/exactly one of good or bad/);
    expect(result.errors[0].message).toMatch(/isRolling: true or a calendar/);
  });
});

describe('parseOpenSlo, part 4', () => {
  it('reports invalid YAML and duplicate names', () => {
    expect(parseOpenSlo('a: [', 'x.yaml').errors[0].message).toMatch(
      /^x.yaml: invalid YAML/,
    );
    const doc = `${sli}---\n${slo(`  indicatorRef: avail-sli
${rolling}  budgetingMethod: Occurrences
  objectives: [{target: 0.99}]
`)}`;
    const result = parseOpenSlo(`${doc}---\n${doc}`);
    expect(result.slos).toHaveLength(1);
    expect(result.errors).toEqual([
      {
        slo: 'avail',
        file: 'OpenSLO',
        message: "OpenSLO: duplicate SLO name 'avail'",
      },
    ]);
  });

  it('ignores empty documents', () => {
    expect(parseOpenSlo('---\n---\n')).toEqual({ slos: [], errors: [] });
  });
});
