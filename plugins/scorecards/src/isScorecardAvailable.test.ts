import { entity } from './testUtils/fixtures';
import {
  isScorecardAvailable,
  isScorecardRollupAvailable,
} from './isScorecardAvailable';

describe('isScorecardAvailable', () => {
  it.each([
    // the backend scores Components by default (scorecards.kinds)
    ['Component', true],
    ['component', true],
    ['API', false],
    ['Resource', false],
    ['System', false],
    ['User', false],
    ['Group', false],
    ['Location', false],
  ])('kind %s -> %p', (kind, expected) => {
    expect(isScorecardAvailable({ ...entity, kind })).toBe(expected);
  });

  it('honours the opt-out annotation', () => {
    expect(
      isScorecardAvailable({
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: { 'gatekeeper.dev/scorecard': 'Disabled' },
        },
      }),
    ).toBe(false);
    expect(
      isScorecardAvailable({
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: { 'gatekeeper.dev/scorecard': 'enabled' },
        },
      }),
    ).toBe(true);
  });
});

describe('isScorecardRollupAvailable', () => {
  it.each([
    ['Group', true],
    ['System', true],
    ['Domain', true],
    ['Component', false],
    ['User', false],
  ])('kind %s -> %p', (kind, expected) => {
    expect(isScorecardRollupAvailable({ ...entity, kind })).toBe(expected);
  });
});
