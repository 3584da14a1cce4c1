import { sloPermissions } from './permissions';

describe('sloPermissions', () => {
  it('defines the three SLO permissions', () => {
    expect(sloPermissions.map(p => p.name)).toEqual([
      'slo.read',
      'slo.incidents.manage',
      'slo.freeze.override',
    ]);
    expect(sloPermissions.every(p => p.type === 'basic')).toBe(true);
  });
});
