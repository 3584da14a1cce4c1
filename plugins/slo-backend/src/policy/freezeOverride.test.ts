import { InputError } from '@backstage/errors';
import { MAX_FREEZE_OVERRIDE_MS, newFreezeOverride } from './freezeOverride';

describe('newFreezeOverride', () => {
  const nowMs = Date.parse('2026-01-01T00:00:00.000Z');
  const base = { entityRef: 'component:default/a', by: 'user:default/sre' };

  it('normalises the expiry and stamps the creation time', () => {
    expect(
      newFreezeOverride({
        ...base,
        reason: 'hotfix',
        expiresAt: '2026-01-01T02:00:00+01:00',
        nowMs,
      }),
    ).toEqual({
      ...base,
      reason: 'hotfix',
      expiresAt: '2026-01-01T01:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('rejects an expiry now, in the past or further than 30 days out', () => {
    const at = (ms: number) => () =>
      newFreezeOverride({
        ...base,
        reason: 'r',
        expiresAt: new Date(ms).toISOString(),
        nowMs,
      });
    expect(at(nowMs)).toThrow('expiresAt must be in the future');
    expect(at(nowMs - 1)).toThrow(InputError);
    expect(at(nowMs + MAX_FREEZE_OVERRIDE_MS + 1)).toThrow(
      'expiresAt must be within 30 days',
    );
    expect(at(nowMs + MAX_FREEZE_OVERRIDE_MS)()).toMatchObject({ by: base.by });
  });
});
