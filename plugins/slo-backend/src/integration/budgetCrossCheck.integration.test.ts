import { ResolvedSlo } from '@gatekeeper/plugin-slo-common';
import { evaluationWindow } from '../budgets/evaluationWindow';
import { sliErrorExpression } from '../export/generateSlothRules';
import { crossCheckSlos as slos } from './crossCheckSlos';
import { engineBudget, instantValue } from './engineBudget';
import { startSloServices, SloServices } from './sloServices';

const enabled = process.env.GATEKEEPER_SLO_INTEGRATION !== '0';
if (!enabled) {
  process.stderr.write(
    'SLO budget cross-check against real Prometheus SKIPPED because GATEKEEPER_SLO_INTEGRATION=0\n',
  );
}
const describeIntegration = enabled ? describe : describe.skip;
jest.setTimeout(90_000);

describeIntegration('engine budgets vs Prometheus evaluating the rules', () => {
  let services: SloServices;
  beforeAll(async () => {
    services = await startSloServices({
      webhookUrl: 'http://127.0.0.1:9/unused',
      webhookToken: 'unused',
    });
  });
  afterAll(() => services?.stop());

  it('parses the cross-check SLOs (quoted service name included)', () => {
    expect(slos.errors).toEqual([]);
    expect(slos.slos.map(s => s.name)).toEqual([
      'occurrences',
      'minutes',
      'seven-minutes',
      'ratio-seven',
    ]);
  });

  it.each([0, 1, 2, 3])(
    'SLO #%i: remaining budget agrees within 1e-6',
    async index => {
      const slo: ResolvedSlo = slos.slos[index];
      const atMs = services.dataEnd * 1000;
      const engine = await engineBudget({
        slo,
        prometheusUrl: services.prometheusUrl,
        atMs,
      });
      const win = evaluationWindow(slo, atMs);
      // The same range as the engine: the whole day for Occurrences, the
      // engine's complete slices (right-closed subquery range) otherwise.
      const rangeSeconds = (win.endMs - win.startMs) / 1000;
      const window =
        slo.budgetingMethod === 'Occurrences'
          ? `${rangeSeconds}s`
          : `${rangeSeconds - 1}s`;
      const errorRatio = await instantValue(
        services.prometheusUrl,
        sliErrorExpression(slo, window),
        win.endMs / 1000,
      );
      const prometheusRemaining = 1 - errorRatio / (1 - slo.target);
      expect(
        Math.abs(prometheusRemaining - engine.remainingPercent / 100),
      ).toBeLessThan(1e-6);
      // hand-computed: 1,800 bad of 144,000 at a 1% budget: -25%; 120 bad
      // minutes of 1,440 at a 10% slice budget: 16.67% left
      const expected: Record<number, number> = {
        0: -25,
        1: (1 - 120 / 144) * 100,
      };
      expect(
        expected[index] === undefined ||
          Math.abs(engine.remainingPercent - expected[index]) < 1e-9,
      ).toBe(true);
    },
  );
});
