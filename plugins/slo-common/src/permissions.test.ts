import { sloPermissions } from './permissions';

describe('sloPermissions', () => {
  it('defines the four SLO permissions', () => {
    expect(sloPermissions.map(p => p.name)).toEqual([
      'slo.read',
      'slo.incidents.manage',
      'slo.freeze.override',
      'slo.deployments.push',
    ]);
  });

  it('makes the writes resource permissions on the catalog entity', () => {
    expect(
      sloPermissions.map(p => ({
        type: p.type,
        resourceType: 'resourceType' in p ? p.resourceType : undefined,
      })),
    ).toEqual([
      { type: 'basic', resourceType: undefined },
      { type: 'resource', resourceType: 'catalog-entity' },
      { type: 'resource', resourceType: 'catalog-entity' },
      { type: 'resource', resourceType: 'catalog-entity' },
    ]);
  });
});
