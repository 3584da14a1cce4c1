import { parseOpenSlo } from '@gatekeeper/plugin-slo-common';

const indicator = `  indicator:
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: gk_http_requests_total{service="inttest-api",code!~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: gk_http_requests_total{service="inttest-api"}
`;
const doc = (name: string, method: string, objective: string) => `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: "inttest \\"api\\""
${indicator}  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: ${method}
  objectives:
    - ${objective}
`;

/** The backfilled history of scripts/slo-services.sh: 1,440 minutes, 10% and 20% error hours, a counter reset. */
export const crossCheckSlos = parseOpenSlo(
  [
    doc('occurrences', 'Occurrences', 'target: 0.99'),
    doc(
      'minutes',
      'Timeslices',
      'target: 0.9\n      timeSliceTarget: 0.95\n      timeSliceWindow: 1m',
    ),
    doc(
      'seven-minutes',
      'Timeslices',
      'target: 0.9\n      timeSliceTarget: 0.96\n      timeSliceWindow: 7m',
    ),
    doc(
      'ratio-seven',
      'RatioTimeslices',
      'target: 0.99\n      timeSliceWindow: 420',
    ),
  ].join(''),
);
