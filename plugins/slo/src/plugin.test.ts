import { sloPlugin } from './plugin';
import { sloApiRef } from './api';

describe('sloPlugin', () => {
  it('registers the slo API factory', () => {
    expect(sloPlugin.getId()).toBe('slo');
    const apis = [...sloPlugin.getApis()];
    expect(apis.map(a => a.api.id)).toEqual([sloApiRef.id]);
  });
});
