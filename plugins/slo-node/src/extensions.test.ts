import { sloDatasourcesExtensionPoint } from './extensions';

describe('sloDatasourcesExtensionPoint', () => {
  it('has a stable id', () => {
    expect(sloDatasourcesExtensionPoint.id).toBe('slo.datasources');
  });
});
