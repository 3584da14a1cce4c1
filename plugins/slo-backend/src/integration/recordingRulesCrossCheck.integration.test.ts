import { generateSlothRules } from '../export/generateSlothRules';
import { crossCheckSlos } from './crossCheckSlos';
import { engineBudget, instantValue } from './engineBudget';
import {
  backfillRecordingRules,
  dependencyLevels,
  recordingRules,
} from './recordingRules';
import { startSloServices, SloServices } from './sloServices';

const enabled = process.env.GATEKEEPER_SLO_INTEGRATION !== '0';
if (!enabled) {
  process.stderr.write(
    'SLO recording-rule cross-check against real Prometheus SKIPPED because GATEKEEPER_SLO_INTEGRATION=0\n',
  );
}
const describeIntegration = enabled ? describe : describe.skip;
jest.setTimeout(240_000);

const ENTITY = 'component:default/inttest-api';
const generated = crossCheckSlos.slos.map(slo => ({
  slo,
  groups: generateSlothRules({ slo, entityRef: ENTITY }).groups,
}));

describe('dependencyLevels', () => {
  it('puts each rule after the series it reads', () => {
    const levels = dependencyLevels(recordingRules(generated[0].groups));
    const names = levels.map(l => l.map(r => r.record));
    const levelOf = (n: string) => names.findIndex(l => l.includes(n));
    expect(levelOf('slo:current_burn_rate:ratio')).toBeGreaterThan(
      levelOf('slo:sli_error:ratio_rate5m'),
    );
    expect(levelOf('slo:period_burn_rate:ratio')).toBeGreaterThan(
      Math.max(
        levelOf('slo:sli_error:ratio_rate1d'),
        levelOf('slo:error_budget:ratio'),
      ),
    );
    expect(levelOf('slo:period_error_budget_remaining:ratio')).toBe(
      levelOf('slo:period_burn_rate:ratio') + 1,
    );
  });

  it('refuses a loop', () => {
    expect(() =>
      dependencyLevels([
        { record: 'a:x', expr: 'b:y * 2' },
        { record: 'b:y', expr: 'a:x + 1' },
      ]),
    ).toThrow('loop');
  });
});

/**
 * The time of the SLI sample behind a derived series: promtool evaluates each
 * level at its own offset within the minute, so the sample read at `at` was
 * computed from the newest sample of the level below it at that sample's
 * time, and so on down to the SLI.
 */
async function chainTimestamp(
  url: string,
  chain: string[],
  at: number,
): Promise<number> {
  let time = at;
  for (const series of chain) {
    time = await instantValue(url, `timestamp(${series})`, time);
  }
  return time;
}

/**
 * The generated Sloth-style recording rules, loaded into the real Prometheus
 * over the backfilled day of scripts/slo-services.sh, say what the plugin
 * computes from `query_range` for the same window, within 0.1% of the budget.
 */
describeIntegration(
  'engine budgets vs the recording rules loaded into Prometheus',
  () => {
    let services: SloServices;
    let levels = 0;
    beforeAll(async () => {
      services = await startSloServices({
        webhookUrl: 'http://127.0.0.1:9/unused',
        webhookToken: 'unused',
      });
      ({ levels } = await backfillRecordingRules({
        services,
        rules: generated.flatMap(g => recordingRules(g.groups)),
        start: services.dataStart,
        end: services.dataEnd,
      }));
    });
    afterAll(() => services?.stop());

    it('backfilled the rules level by level', () => {
      expect(levels).toBe(3);
    });

    it.each(generated.map((g, i) => [g.slo.name, i] as const))(
      '%s: slo:period_error_budget_remaining:ratio agrees within 0.1%% of the budget',
      async (name, index) => {
        const { slo } = generated[index];
        const at = services.dataEnd;
        const recorded = await instantValue(
          services.prometheusUrl,
          `slo:period_error_budget_remaining:ratio{sloth_slo="${name}"}`,
          at,
        );
        // The plugin is asked for the window of the SLI sample behind it.
        const sampledAt = await chainTimestamp(
          services.prometheusUrl,
          [
            'slo:period_error_budget_remaining:ratio',
            'slo:period_burn_rate:ratio',
            'slo:sli_error:ratio_rate1d',
          ].map(metric => `${metric}{sloth_slo="${name}"}`),
          at,
        );
        const result = await engineBudget({
          slo,
          prometheusUrl: services.prometheusUrl,
          atMs: Math.round(sampledAt * 1000),
        });
        process.stderr.write(
          `[recording rules] ${name} (${slo.budgetingMethod}): Prometheus ${(
            recorded * 100
          ).toFixed(4)}%, engine ${result.remainingPercent.toFixed(4)}%\n`,
        );
        expect(Math.abs(recorded * 100 - result.remainingPercent)).toBeLessThan(
          0.1,
        );
      },
    );
  },
);
