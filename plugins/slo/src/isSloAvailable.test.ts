import { Entity } from '@backstage/catalog-model';
import { isSloAvailable } from './isSloAvailable';

function withAnnotations(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
  };
}

describe('isSloAvailable', () => {
  it('is true with either annotation', () => {
    expect(
      isSloAvailable(
        withAnnotations({ 'gatekeeper.dev/slo-file': 'slo.yaml' }),
      ),
    ).toBe(true);
    expect(
      isSloAvailable(withAnnotations({ 'gatekeeper.dev/openslo': 'inline' })),
    ).toBe(true);
  });

  it('is false without them or with blank values', () => {
    expect(isSloAvailable(withAnnotations())).toBe(false);
    expect(
      isSloAvailable(withAnnotations({ 'backstage.io/techdocs-ref': 'dir:.' })),
    ).toBe(false);
    expect(
      isSloAvailable(withAnnotations({ 'gatekeeper.dev/slo-file': '  ' })),
    ).toBe(false);
  });
});
