import { Entity } from '@backstage/catalog-model';
import {
  parseWaiversFile,
  readAnnotationWaivers,
  resolveWaivers,
  WAIVERS_ANNOTATION,
} from './waivers';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const entity = (annotation?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'x',
    annotations: annotation ? { [WAIVERS_ANNOTATION]: annotation } : {},
  },
});

describe('waivers', () => {
  it('reads YAML and JSON annotations', () => {
    expect(readAnnotationWaivers(entity()).raw).toEqual([]);
    const yaml = readAnnotationWaivers(
      entity(
        '- gate: lint\n  reason: legacy\n  approver: alice\n  expires: 2027-01-01\n',
      ),
    );
    expect(yaml.raw).toEqual([
      {
        source: 'annotation',
        value: {
          gate: 'lint',
          reason: 'legacy',
          approver: 'alice',
          expires: '2027-01-01',
        },
      },
    ]);
    const json = readAnnotationWaivers(
      entity(
        '[{"gate":"lint","reason":"why","approver":"a","expires":"2027-01-01T00:00:00Z"}]',
      ),
    );
    expect(json.raw).toHaveLength(1);
  });

  it('warns about unparsable or non-list annotations', () => {
    expect(readAnnotationWaivers(entity('gate: lint')).warnings[0]).toContain(
      'must be a list',
    );
    expect(readAnnotationWaivers(entity('[unclosed')).warnings[0]).toContain(
      'not YAML/JSON',
    );
  });

  it('parses the waivers file by normalized entity ref', () => {
    const { byEntity, warnings } = parseWaiversFile(`
waivers:
  - entityRef: component:ledger-worker
    gate: data-contracts
    reason: registry missing
    approver: bob
    expires: 2026-10-31
  - gate: lint
  - entityRef: "not a ref/"
    gate: lint
`);
    expect([...byEntity.keys()]).toEqual(['component:default/ledger-worker']);
    expect(byEntity.get('component:default/ledger-worker')![0]).toEqual({
      source: 'file',
      value: {
        gate: 'data-contracts',
        reason: 'registry missing',
        approver: 'bob',
        expires: '2026-10-31',
      },
    });
    expect(warnings).toHaveLength(2);
    expect(parseWaiversFile('[]').byEntity.size).toBe(0);
    expect(parseWaiversFile('foo: 1').warnings[0]).toContain('must be a list');
  });

  it('resolves active, expired, invalid and unknown-gate waivers', () => {
    const gateIds = new Set(['lint', 'docs']);
    const resolved = resolveWaivers({
      raw: [
        {
          source: 'file',
          value: {
            gate: 'lint',
            reason: 'file one',
            approver: 'a',
            expires: '2027-02-01',
          },
        },
        {
          source: 'annotation',
          value: {
            gate: 'lint',
            reason: 'annotation',
            approver: 'b',
            expires: '2027-01-01',
          },
        },
        {
          source: 'file',
          value: {
            gate: 'docs',
            reason: 'old one',
            approver: 'c',
            expires: '2026-01-01',
          },
        },
        {
          source: 'file',
          value: {
            gate: 'docs',
            reason: 'bad date',
            approver: 'c',
            expires: 'someday',
          },
        },
        {
          source: 'annotation',
          value: {
            gate: 'nope',
            reason: 'unknown gate',
            approver: 'd',
            expires: '2027-01-01',
          },
        },
        { source: 'annotation', value: 'just a string' },
      ],
      gateIds,
      now: NOW,
    });
    expect(resolved.active.get('lint')?.reason).toBe('annotation');
    expect(resolved.expired.get('docs')?.approver).toBe('c');
    expect(resolved.invalid.get('docs')?.[0]).toContain(
      'expires must be an ISO date',
    );
    expect(resolved.warnings).toHaveLength(3);
    expect(resolved.warnings.join('\n')).toContain('unknown gate "nope"');
  });

  it('drops an expired waiver when an active one covers the gate', () => {
    const resolved = resolveWaivers({
      raw: [
        {
          source: 'file',
          value: {
            gate: 'lint',
            reason: 'old one',
            approver: 'a',
            expires: '2026-01-01',
          },
        },
        {
          source: 'file',
          value: {
            gate: 'lint',
            reason: 'new one',
            approver: 'a',
            expires: '2027-01-01',
          },
        },
      ],
      gateIds: new Set(['lint']),
      now: NOW,
    });
    expect(resolved.active.get('lint')?.reason).toBe('new one');
    expect(resolved.expired.size).toBe(0);
  });

  it('prefers waivers as code over approved requests, and keeps the request id', () => {
    const waiver = (reason: string) => ({
      gate: 'lint',
      reason,
      approver: 'user:default/guest',
      expires: '2027-02-01',
    });
    const onlyRequest = resolveWaivers({
      raw: [{ source: 'request', requestId: 'r1', value: waiver('requested') }],
      gateIds: new Set(['lint']),
      now: Date.parse('2026-12-01'),
    });
    expect(onlyRequest.active.get('lint')).toMatchObject({
      source: 'request',
      requestId: 'r1',
    });
    for (const raw of [
      [
        { source: 'request' as const, requestId: 'r1', value: waiver('req') },
        { source: 'file' as const, value: waiver('as code') },
      ],
      [
        { source: 'file' as const, value: waiver('as code') },
        { source: 'request' as const, requestId: 'r1', value: waiver('req') },
      ],
    ]) {
      const resolved = resolveWaivers({
        raw,
        gateIds: new Set(['lint']),
        now: Date.parse('2026-12-01'),
      });
      expect(resolved.active.get('lint')).toMatchObject({
        source: 'file',
        reason: 'as code',
      });
      expect(resolved.active.get('lint')?.requestId).toBeUndefined();
    }
  });
});
