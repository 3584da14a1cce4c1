import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from './normalizeEntityRef';

describe('normalizeEntityRef', () => {
  it('lower-cases and fills the default namespace', () => {
    expect(normalizeEntityRef('Component:Default/My-Service')).toBe(
      'component:default/my-service',
    );
    expect(normalizeEntityRef('component:shop')).toBe('component:default/shop');
  });

  it('fills a missing kind and namespace from the options', () => {
    expect(normalizeEntityRef('Team-A', { defaultKind: 'Group' })).toBe(
      'group:default/team-a',
    );
    expect(
      normalizeEntityRef('team-a', {
        defaultKind: 'group',
        defaultNamespace: 'Platform',
      }),
    ).toBe('group:platform/team-a');
    expect(
      normalizeEntityRef('user:ops/jane', { defaultNamespace: 'platform' }),
    ).toBe('user:ops/jane');
  });

  it('throws an InputError naming what was invalid', () => {
    expect(() => normalizeEntityRef('shop')).toThrow(InputError);
    expect(() => normalizeEntityRef('shop', { what: 'owner' })).toThrow(
      /^Invalid owner "shop": /,
    );
    expect(() => normalizeEntityRef('')).toThrow(/^Invalid entity ref "":/);
    for (const hostile of ['component:/x', ':default/x', 'x:y/']) {
      expect(() => normalizeEntityRef(hostile)).toThrow(InputError);
    }
  });
});
