import { defaultGatePolicy } from './defaultGatePolicy';
import { parseGatePolicy } from './defineGatePolicy';

const campaign = (over: Record<string, unknown> = {}) => ({
  id: 'owners-everywhere',
  title: 'Code owners everywhere',
  owner: 'group:default/platform-team',
  target: { gates: [defaultGatePolicy.gates[0].id] },
  selector: { kinds: ['Component'], lifecycles: ['production'] },
  deadline: '2027-03-31',
  ...over,
});

describe('campaigns in the gate policy', () => {
  it('accepts campaigns as code', () => {
    const policy = parseGatePolicy({
      ...defaultGatePolicy,
      campaigns: [
        campaign(),
        campaign({
          id: 'silver',
          target: { level: defaultGatePolicy.levels[1] },
        }),
      ],
    });
    expect(policy.campaigns).toHaveLength(2);
  });

  it.each([
    [
      'an unknown gate',
      { target: { gates: ['no-such-gate'] } },
      'unknown gate',
    ],
    ['an unknown level', { target: { level: 'platinum' } }, 'unknown level'],
    ['an empty target', { target: {} }, 'a target needs gates'],
    ['a bad deadline', { deadline: '31/03/2027' }, 'ISO date'],
    ['an impossible date', { deadline: '2027-02-45' }, 'ISO date'],
    ['an unknown key', { extra: 1 }, 'Unrecognized key'],
    ['an unknown selector', { selector: { teams: ['a'] } }, 'Unrecognized key'],
    ['a user as owner', { owner: 'user:default/bob' }, 'group entity ref'],
  ])('rejects %s', (_, over, message) => {
    expect(() =>
      parseGatePolicy({ ...defaultGatePolicy, campaigns: [campaign(over)] }),
    ).toThrow(message);
  });

  it('rejects duplicate campaign ids', () => {
    expect(() =>
      parseGatePolicy({
        ...defaultGatePolicy,
        campaigns: [campaign(), campaign()],
      }),
    ).toThrow('duplicate campaign id');
  });
});
