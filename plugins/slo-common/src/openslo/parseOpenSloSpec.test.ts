import { parseOpenSlo } from './parseOpenSlo';

/** An SLO document with `body` under spec (after service). */
const slo = (name: string, body: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: api
${body}`;

const ratio = `  indicator:
    spec:
      ratioMetric:
        counter: true
        good: {metricSource: {type: Prometheus, spec: {query: good_total}}}
        total: {metricSource: {type: Prometheus, spec: {query: all_total}}}
`;
const rolling = (d: string) =>
  `  timeWindow:\n    - duration: ${d}\n      isRolling: true\n`;
const occurrences = `  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n`;

describe('parseOpenSlo per-SLO isolation', () => {
  it.each(['0d', '0m', '0', '-1d', '1x', '0.0h'])(
    'reports a %s window against its SLO, never throws, keeps the valid sibling',
    duration => {
      const text = [
        slo('broken', ratio + rolling(duration) + occurrences),
        slo('fine', ratio + rolling('7d') + occurrences),
      ].join('---\n');
      const result = parseOpenSlo(text, 'slos/api.yaml');
      expect(result.slos.map(s => s.name)).toEqual(['fine']);
      expect(result.slos[0].timeWindow.durationSeconds).toBe(7 * 86400);
      expect(result.errors).toEqual([
        {
          slo: 'broken',
          file: 'slos/api.yaml',
          path: 'spec.timeWindow.0.duration',
          message: expect.stringMatching(/positive duration|Expected string/),
        },
      ]);
    },
  );

  it('reports a zero timeSliceWindow against the SLO', () => {
    const result = parseOpenSlo(
      slo(
        'sliced',
        `${ratio}${rolling('1d')}  budgetingMethod: Timeslices
  objectives:
    - target: 0.9
      timeSliceTarget: 0.95
      timeSliceWindow: 0m
`,
      ),
      'f.yaml',
    );
    expect(result.slos).toEqual([]);
    expect(result.errors[0]).toMatchObject({
      slo: 'sliced',
      file: 'f.yaml',
      path: 'spec.objectives.0.timeSliceWindow',
    });
  });

  it('keeps the valid documents around a malformed YAML document and names it', () => {
    const text = [
      slo('first', ratio + rolling('7d') + occurrences),
      'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: torn\nspec: [unclosed\n',
      slo('last', ratio + rolling('7d') + occurrences),
    ].join('---\n');
    const result = parseOpenSlo(text, 'a.yaml');
    expect(result.slos.map(s => s.name)).toEqual(['first', 'last']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      slo: 'torn',
      file: 'a.yaml',
      path: 'document 2',
    });
  });
});

describe('parseOpenSlo per-SLO isolation, part 2', () => {
  it('never throws on hostile input', () => {
    for (const text of [
      '',
      '\u0000',
      '*a',
      'a: &x [*x]',
      '[1,2',
      'apiVersion: openslo/v1\nkind: SLO\n',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: 3\nspec: 4\n',
      'apiVersion: openslo/v1\nkind: Weird\nmetadata: {name: w}\n',
      undefined as unknown as string,
    ]) {
      expect(() => parseOpenSlo(text)).not.toThrow();
    }
  });

  it('names an invalid referenced SLI in the SLO error', () => {
    const text = `apiVersion: openslo/v1
kind: SLI
metadata: {name: lat}
spec: {ratioMetric: {total: {metricSource: {type: Prometheus, spec: {query: x}}}}}
---
${slo('uses-lat', `  indicatorRef: lat\n${rolling('7d')}${occurrences}`)}`;
    const result = parseOpenSlo(text);
    expect(result.errors.map(e => e.slo)).toEqual([undefined, 'uses-lat']);
    expect(result.errors[1].message).toMatch(
      /indicatorRef 'lat' names an invalid SLI.*exactly one of good or bad/,
    );
  });

  it('rejects v1alpha with a conversion hint and composite SLOs clearly', () => {
    const result = parseOpenSlo(
      [
        'apiVersion: openslo/v1alpha\nkind: SLO\nmetadata: {name: old}\n',
        slo(
          'composite',
          `${ratio}${rolling('7d')}  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
      indicatorRef: other
`,
        ),
      ].join('---\n'),
    );
    expect(result.errors[0]).toMatchObject({ slo: 'old' });
    expect(result.errors[0].message).toMatch(/v1alpha is not supported/);
    expect(result.errors[1].message).toMatch(/composite SLOs/);
  });
});

describe('parseOpenSlo OpenSLO v1 coverage', () => {
  it('accepts a thresholdMetric (latency) SLI with op/value objectives', () => {
    const result = parseOpenSlo(
      slo(
        'latency',
        `  indicator:
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: histogram_quantile(0.99, sum by (le) (rate(http_duration_seconds_bucket[5m])))
${rolling('7d')}  budgetingMethod: Timeslices
  objectives:
    - displayName: p99 under 300ms
      op: lte
      value: 0.3
      target: 0.95
      timeSliceTarget: 1
      timeSliceWindow: 60
`,
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.slos[0].indicator).toEqual({
      kind: 'threshold',
      counter: false,
      threshold: { op: 'lte', value: 0.3 },
      total: {
        sourceType: 'Prometheus',
        query:
          'histogram_quantile(0.99, sum by (le) (rate(http_duration_seconds_bucket[5m])))',
      },
    });
    // numeric timeSliceWindow is seconds
    expect(result.slos[0].timeSliceWindowSeconds).toBe(60);
  });

  it('requires op and value for a threshold objective', () => {
    const result = parseOpenSlo(
      slo(
        'latency',
        `  indicator:
    spec:
      thresholdMetric: {metricSource: {type: Prometheus, spec: {query: p99}}}
${rolling('7d')}${occurrences}`,
      ),
    );
    expect(result.slos).toEqual([]);
    expect(result.errors[0]).toMatchObject({
      slo: 'latency',
      path: 'spec.objectives.0',
    });
    expect(result.errors[0].message).toMatch(/needs op and value/);
  });
});

describe('parseOpenSlo OpenSLO v1 coverage, part 2', () => {
  it('accepts raw ratio metrics, an empty alertPolicies and metricSourceRef without type', () => {
    const text = `apiVersion: openslo/v1
kind: DataSource
metadata: {name: thanos}
spec: {type: Prometheus, connectionDetails: {url: http://thanos}}
---
apiVersion: openslo/v1
kind: SLI
metadata: {name: raw-sli}
spec:
  ratioMetric:
    counter: false
    rawType: failure
    raw:
      metricSource:
        metricSourceRef: thanos
        spec: {query: job:error_ratio:rate5m}
---
${slo(
  'raw',
  `  indicatorRef: raw-sli\n${rolling('28d')}${occurrences}  alertPolicies:\n`,
)}---
${slo(
  'ref-only',
  `  indicator:
    spec:
      ratioMetric:
        bad: {metricSource: {metricSourceRef: unknown-ds, spec: {query: bad_total}}}
        total: {metricSource: {metricSourceRef: thanos, spec: {query: all_total}}}
${rolling('28d')}${occurrences}  alertPolicies:
    - alertPolicyRef: fast-burn
`,
)}---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: {name: fast-burn}
spec: {conditions: [{conditionRef: c}], notificationTargets: []}
---
apiVersion: openslo/v1
kind: AlertCondition
metadata: {name: c}
spec: {severity: page, condition: {kind: burnrate, op: gte, threshold: 2, lookbackWindow: 1h, alertAfter: 5m}}
`;
    const result = parseOpenSlo(text);
    expect(result.errors).toEqual([]);
    expect(result.slos[0].indicator).toEqual({
      kind: 'raw',
      rawType: 'failure',
      counter: false,
      total: { sourceType: 'Prometheus', query: 'job:error_ratio:rate5m' },
    });
    expect(result.slos[1].indicator.bad).toEqual({
      sourceType: 'Prometheus',
      query: 'bad_total',
    });
  });
});

describe('parseOpenSlo OpenSLO v1 coverage, part 3', () => {
  it('accepts every duration unit, calendar windows with start and zone, and RatioTimeslices', () => {
    const units: [string, number][] = [
      ['30s', 30],
      ['90m', 5400],
      ['12h', 43200],
      ['28d', 28 * 86400],
      ['1w', 7 * 86400],
    ];
    for (const [d, seconds] of units) {
      const result = parseOpenSlo(slo('u', ratio + rolling(d) + occurrences));
      expect(result.errors).toEqual([]);
      expect(result.slos[0].timeWindow.durationSeconds).toBe(seconds);
    }
    for (const d of ['1M', '1Q', '1Y']) {
      const result = parseOpenSlo(
        slo(
          'cal',
          `${ratio}  timeWindow:
    - duration: ${d}
      calendar: {startTime: "2026-01-01 00:00:00", timeZone: Europe/Berlin}
  budgetingMethod: RatioTimeslices
  objectives: [{targetPercent: 99, timeSliceWindow: 5m}]
`,
        ),
      );
      expect(result.errors).toEqual([]);
      expect(result.slos[0].target).toBeCloseTo(0.99, 12);
      expect(result.slos[0].timeSliceWindowSeconds).toBe(300);
    }
  });

  it('rejects an unknown time zone and a malformed startTime', () => {
    const result = parseOpenSlo(
      slo(
        'cal',
        `${ratio}  timeWindow:
    - duration: 1M
      calendar: {startTime: "yesterday", timeZone: Mars/Olympus}
${occurrences}`,
      ),
    );
    expect(result.errors[0].message).toMatch(/startTime.*IANA time zone/);
  });
});
