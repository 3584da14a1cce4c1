import { FactSink, reasonOf } from './FactSink';

describe('FactSink', () => {
  const emit = (sink: FactSink) =>
    sink.toFacts({
      source: 'github',
      provenanceFact: 'x.provenance',
      unknownFact: 'x.unknown',
      subject: { repository: 'acme/a' },
      observedAt: '2026-12-01T00:00:00.000Z',
    });

  it('emits facts with their evidence and the reasons of unknown facts', () => {
    const sink = new FactSink();
    sink.set('a', 1, { url: 'http://a', commit: 'abc' });
    sink.unknown(['a', 'b', 'c'], 'first reason');
    sink.unknown(['c'], 'later reason');
    expect(sink.has('a')).toBe(true);
    expect(sink.has('b')).toBe(false);
    expect(sink.reasonFor('b')).toBe('first reason');
    expect(emit(sink)).toEqual({
      a: 1,
      'x.provenance': {
        source: 'github',
        repository: 'acme/a',
        observedAt: '2026-12-01T00:00:00.000Z',
        facts: { a: { url: 'http://a', commit: 'abc' } },
      },
      // a known fact never gets a reason; the first reason is kept
      'x.unknown': { b: 'first reason', c: 'first reason' },
    });
  });

  it('drops the reason of a fact that becomes known', () => {
    const sink = new FactSink();
    sink.unknown(['a'], 'not yet');
    sink.set('a', false, { url: 'http://a' });
    expect(emit(sink)['x.unknown']).toEqual({});
  });

  it('describes errors and other thrown values', () => {
    expect(reasonOf(new Error('boom'))).toBe('boom');
    expect(reasonOf('plain')).toBe('plain');
  });
});
