import { resolveProvenance } from './factProvenance';

const A = 'a'.repeat(40);

describe('resolveProvenance', () => {
  it('takes commit and run URL from the ci.run.* facts of an old-style push, the producer from its source', () => {
    const of = resolveProvenance({
      entityRef: 'component:default/x',
      source: 'gha.4711.1',
      facts: {
        'ci.coverage.lines': 90,
        'ci.run.commit': A.toUpperCase(),
        'ci.run.url': 'https://github.com/acme/x/actions/runs/4711/attempts/1',
      },
    });
    expect(of('ci.coverage.lines')).toEqual({
      commit: A,
      runUrl: 'https://github.com/acme/x/actions/runs/4711/attempts/1',
      producer: 'gha.4711.1',
    });
  });

  it('ignores ci.run.* values that are no SHA or no http(s) URL', () => {
    const of = resolveProvenance({
      entityRef: 'component:default/x',
      facts: {
        'ci.run.commit': 'main',
        'ci.run.url': `${'javascript'}:alert(1)`,
      },
    });
    expect(of('ci.run.commit')).toBeUndefined();
  });

  it('lets per-fact provenance override the push provenance field by field', () => {
    const of = resolveProvenance({
      entityRef: 'component:default/x',
      facts: { a: 1, b: 2 },
      provenance: { commit: A, producer: 'jenkins' },
      factProvenance: { b: { commit: 'b'.repeat(40) } },
    });
    expect(of('a')).toEqual({ commit: A, producer: 'jenkins' });
    expect(of('b')).toEqual({ commit: 'b'.repeat(40), producer: 'jenkins' });
  });

  it('refuses per-fact provenance of facts that are not pushed', () => {
    expect(() =>
      resolveProvenance({
        entityRef: 'component:default/x',
        facts: { a: 1 },
        factProvenance: { zzz: { commit: A } },
      }),
    ).toThrow(/factProvenance names facts that are not pushed: zzz/);
  });
});
