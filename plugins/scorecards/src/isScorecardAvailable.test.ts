import { entity } from './testUtils/fixtures';
import { isScorecardAvailable } from './isScorecardAvailable';

describe('isScorecardAvailable', () => {
  it.each([
    ['Component', true],
    ['API', true],
    ['Resource', true],
    ['System', true],
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
