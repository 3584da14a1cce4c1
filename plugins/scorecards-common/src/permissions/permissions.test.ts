import {
  scorecardsFactsPushPermission,
  scorecardsPermissions,
  scorecardsReadPermission,
  scorecardsWaiversManagePermission,
  scorecardsWaiversRequestPermission,
} from './permissions';

describe('scorecards permissions', () => {
  it('defines read, push, waiver management and waiver requests', () => {
    expect(
      scorecardsPermissions.map(p => [p.name, p.attributes.action]),
    ).toEqual([
      ['scorecards.read', 'read'],
      ['scorecards.facts.push', 'create'],
      ['scorecards.waivers.manage', 'update'],
      ['scorecards.waivers.request', 'create'],
      ['scorecards.campaigns.manage', 'update'],
    ]);
    expect(scorecardsWaiversRequestPermission.type).toBe('resource');
    expect(scorecardsWaiversRequestPermission.resourceType).toBe(
      'catalog-entity',
    );
    expect(scorecardsReadPermission.type).toBe('basic');
    expect(scorecardsFactsPushPermission.type).toBe('basic');
    expect(scorecardsWaiversManagePermission.type).toBe('basic');
  });
});
