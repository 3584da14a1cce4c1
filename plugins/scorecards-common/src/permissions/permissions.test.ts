import {
  scorecardsFactsPushPermission,
  scorecardsPermissions,
  scorecardsReadPermission,
  scorecardsWaiversManagePermission,
} from './permissions';

describe('scorecards permissions', () => {
  it('defines read, push and waiver management', () => {
    expect(
      scorecardsPermissions.map(p => [p.name, p.attributes.action]),
    ).toEqual([
      ['scorecards.read', 'read'],
      ['scorecards.facts.push', 'create'],
      ['scorecards.waivers.manage', 'update'],
    ]);
    expect(scorecardsReadPermission.type).toBe('basic');
    expect(scorecardsFactsPushPermission.type).toBe('basic');
    expect(scorecardsWaiversManagePermission.type).toBe('basic');
  });
});
