import { defaultGatePolicy } from './defaultGatePolicy';
import { parseGatePolicy } from './defineGatePolicy';

describe('defaultGatePolicy', () => {
  it('is a valid policy holding the stop-ship criteria', () => {
    expect(parseGatePolicy(defaultGatePolicy)).toEqual(defaultGatePolicy);
    const ids = defaultGatePolicy.gates.map(g => g.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'coverage-lines',
        'lint-clean',
        'type-check-clean',
        'no-critical-vulnerabilities',
        'license-compliance',
        'supply-chain-attestations',
      ]),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the same gates and rules as the demo policy it is derived from', async () => {
    // eslint-disable-next-line @backstage/no-relative-monorepo-imports
    const demo = (await import('../../../../backstage.config')).default;
    const strip = (p: typeof demo) =>
      p.gates.map(({ remediation: _r, ...gate }) => gate);
    expect(strip(defaultGatePolicy)).toEqual(strip(demo));
  });
});
