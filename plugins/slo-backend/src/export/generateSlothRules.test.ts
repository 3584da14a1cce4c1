import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { parse } from 'yaml';
import { generateSlothRules, rateExpression } from './generateSlothRules';

const slo = (
  extra: Partial<ResolvedSlo> = {},
  indicator: Partial<ResolvedSlo['indicator']> = {},
): ResolvedSlo => ({
  name: 'availability',
  sloName: 'availability',
  service: 'checkout',
  target: 0.999,
  timeWindow: { duration: '30d', durationSeconds: 30 * 86400, rolling: true },
  budgetingMethod: 'Occurrences',
  indicator: {
    counter: true,
    good: {
      sourceType: 'Prometheus',
      query: 'http_requests_total{code!~"5.."}',
    },
    total: { sourceType: 'Prometheus', query: 'http_requests_total' },
    ...indicator,
  },
  ...extra,
});

describe('rateExpression', () => {
  it('wraps counter selectors in sum(rate()) and fills {{.window}} templates', () => {
    const q = (query: string) => ({ sourceType: 'Prometheus', query });
    expect(rateExpression(q('x_total{a="b"}'), true, '5m')).toBe(
      'sum(rate(x_total{a="b"}[5m]))',
    );
    expect(rateExpression(q('{__name__="x"}'), true, '1h')).toBe(
      'sum(rate({__name__="x"}[1h]))',
    );
    expect(rateExpression(q('sum(rate(x[{{.window}}]))'), true, '1h')).toBe(
      'sum(rate(x[1h]))',
    );
    expect(() => rateExpression(q('sum(x_total)'), true, '5m')).toThrow(
      /cannot derive a rate/,
    );
    expect(() => rateExpression(q('x_total'), false, '5m')).toThrow(
      /cannot derive a rate/,
    );
  });
});

describe('generateSlothRules', () => {
  it('generates Sloth-compatible recording and alert rules for a 30d SLO', () => {
    const { yaml, groups } = generateSlothRules({
      slo: slo(),
      entityRef: 'component:default/checkout',
    });
    const doc = parse(yaml);
    expect(doc.groups).toEqual(groups);
    const records = doc.groups[0].rules.map((r: any) => r.record);
    expect(records).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error:ratio_rate30d',
    ]);
    expect(doc.groups[0].rules[0].expr).toBe(
      '(sum(rate(http_requests_total[5m])) - sum(rate(http_requests_total{code!~"5.."}[5m])))\n/\n(sum(rate(http_requests_total[5m])))\n',
    );
    expect(doc.groups[0].rules[0].labels).toEqual({
      sloth_id: 'checkout-availability',
      sloth_service: 'checkout',
      sloth_slo: 'availability',
      sloth_window: '5m',
    });
    expect(doc.groups[1].rules.map((r: any) => r.record)).toEqual([
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:time_period:days',
      'slo:current_burn_rate:ratio',
      'slo:period_burn_rate:ratio',
      'slo:period_error_budget_remaining:ratio',
      'sloth_slo_info',
    ]);
    expect(doc.groups[1].rules[1].expr).toBe('vector(1-0.999)');
    expect(doc.groups[1].rules[2].expr).toBe('vector(30)');
    const [page, ticket] = doc.groups[2].rules;
    expect(page.alert).toBe('SloErrorBudgetBurnPage');
    expect(page.expr).toContain(
      'slo:sli_error:ratio_rate5m{sloth_id="checkout-availability"',
    );
    expect(page.expr).toContain('> (14.4 * 0.001)');
    expect(page.expr).toContain('slo:sli_error:ratio_rate6h');
    expect(page.labels).toEqual({
      sloth_severity: 'page',
      severity: 'page',
      backstage_entity: 'component:default/checkout',
    });
    expect(ticket.expr).toContain('> (3 * 0.001)');
    expect(ticket.expr).toContain('slo:sli_error:ratio_rate3d');
    // the period ratio is read from the SLI itself, not averaged from 5m
    expect(doc.groups[0].rules[7].expr).toBe(
      '(sum(rate(http_requests_total[30d])) - sum(rate(http_requests_total{code!~"5.."}[30d])))\n/\n(sum(rate(http_requests_total[30d])))\n',
    );
    // `for`: half the smallest short window (5m page, 2h ticket)
    expect([page.for, ticket.for]).toEqual(['2m', '1h']);
    const configured = generateSlothRules({
      slo: slo(),
      entityRef: 'component:default/checkout',
      alertFor: { page: '1m' },
    }).groups[2] as { rules: { for?: string }[] };
    expect(configured.rules.map(r => r.for)).toEqual(['1m', '1h', '10m']);
  });
});

describe('generateSlothRules, part 2', () => {
  it('uses the bad query directly and scales windows for other SLO windows', () => {
    const { groups } = generateSlothRules({
      slo: slo(
        {
          timeWindow: {
            duration: '7d',
            durationSeconds: 7 * 86400,
            rolling: true,
          },
          name: 'a/b',
        },
        {
          good: undefined,
          bad: { sourceType: 'Prometheus', query: 'errors_total' },
        },
      ),
      entityRef: 'component:default/checkout',
    });
    const rules = (groups[0] as any).rules;
    // 7/30 of 5m = 70s is below the 5m resolution: 5m, long 12 x 5m = 1h
    expect(rules.map((r: any) => r.record)).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate85m',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate17h',
      'slo:sli_error:ratio_rate1w',
    ]);
    expect(rules[0].expr).toBe(
      '(sum(rate(errors_total[5m])))\n/\n(sum(rate(http_requests_total[5m])))\n',
    );
    expect(rules[rules.length - 1].record).toBe('slo:sli_error:ratio_rate1w');
    expect(rules[0].labels.sloth_slo).toBe('a-b');
  });

  it('escapes quotes and backslashes in label values', () => {
    const { groups, yaml } = generateSlothRules({
      slo: slo({ service: 'we"ird\\svc {{x}}' }),
      entityRef: 'component:default/x',
    });
    const meta = (groups[1] as any).rules;
    expect(meta[3].expr).toContain('sloth_service="we\\"ird\\\\svc {{x}}"');
    expect(meta[0].labels.sloth_service).toBe('we"ird\\svc {{x}}');
    expect(parse(yaml).groups[1].rules[0].labels.sloth_service).toBe(
      'we"ird\\svc {{x}}',
    );
    const page = (groups[2] as any).rules[0];
    expect(page.annotations.title).toContain('{{ "{{" }}x}}');
  });
});

describe('generateSlothRules, part 3', () => {
  it('generates time-slice rules over epoch-aligned slices', () => {
    const { groups } = generateSlothRules({
      slo: slo({
        budgetingMethod: 'Timeslices',
        timeSliceWindowSeconds: 420,
        timeSliceTarget: 0.95,
      }),
      entityRef: 'component:default/x',
    });
    const rules = (groups[0] as any).rules;
    // windows are whole 7m slices, at least the 5m resolution; each reads
    // its newest complete slices (one second short of the window)
    expect(rules[0].record).toBe('slo:sli_error:ratio_rate7m');
    expect(rules[0].expr).toBe(
      'avg_over_time(((((sum(rate(http_requests_total[7m])) - sum(rate(http_requests_total{code!~"5.."}[7m])))\n/\n(sum(rate(http_requests_total[7m])))) >= 0) > bool 0.05)[419s:7m])\n',
    );
    // 30d holds 6,171 complete 7m slices: 6,171 x 420 s - 1 s
    expect(rules[rules.length - 1].expr).toMatch(/\[2591819s:7m\]\)\n$/);
    const ratio = generateSlothRules({
      slo: slo({
        budgetingMethod: 'RatioTimeslices',
        timeSliceWindowSeconds: 60,
      }),
      entityRef: 'component:default/x',
    });
    expect((ratio.groups[0] as any).rules[0].expr).toMatch(
      /^avg_over_time\(\(\(.*\) >= 0\)\[299s:1m\]\)\n$/s,
    );
    expect(() =>
      generateSlothRules({
        slo: slo({ budgetingMethod: 'Timeslices' }),
        entityRef: 'component:default/x',
      }),
    ).toThrow(/needs timeSliceWindow/);
  });

  it('generates threshold (latency) and raw SLI rules', () => {
    const latency = generateSlothRules({
      slo: slo(
        {},
        {
          kind: 'threshold',
          counter: false,
          good: undefined,
          threshold: { op: 'lte', value: 0.3 },
          total: { sourceType: 'Prometheus', query: 'job:latency_p99:5m' },
        },
      ),
      entityRef: 'component:default/x',
    });
    expect((latency.groups[0] as any).rules[0].expr).toBe(
      '1 - avg_over_time(((job:latency_p99:5m) <= bool 0.3)[5m:1m])\n',
    );
    const raw = generateSlothRules({
      slo: slo(
        {},
        {
          kind: 'raw',
          rawType: 'success',
          counter: false,
          good: undefined,
          total: { sourceType: 'Prometheus', query: 'job:success:ratio' },
        },
      ),
      entityRef: 'component:default/x',
    });
    expect((raw.groups[0] as any).rules[1].expr).toBe(
      '1 - avg_over_time((job:success:ratio)[30m:1m])\n',
    );
  });
});
