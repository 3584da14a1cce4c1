import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startScorecardsBackend,
  testComponent,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const A = 'a'.repeat(40);

describe('POST /facts with provenance', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  let backend: Awaited<ReturnType<typeof startScorecardsBackend>>['backend'];
  const auth = `Bearer ${mockCredentials.service.token()}`;
  const push = (body: object) =>
    request(backend.server)
      .post('/api/scorecards/facts')
      .set('Authorization', auth)
      .send(body);
  const facts = async () =>
    Object.fromEntries(
      (
        await request(backend.server)
          .get('/api/scorecards/entities/default/component/svc/facts')
          .set('Authorization', auth)
      ).body.items.map((f: any) => [f.fact, f]),
    );

  beforeAll(async () => {
    ({ backend } = await startScorecardsBackend({
      databases,
      databaseId: 'SQLITE_3',
      entities: [testComponent('svc')],
    }));
  });
  afterAll(() => backend?.stop());

  it('stores push and per-fact provenance and shows it with the facts', async () => {
    const res = await push({
      entityRef: 'component:default/svc',
      facts: { 'ci.coverage.lines': 91, 'repo.codeowners.present': true },
      provenance: {
        commit: A.toUpperCase(),
        runUrl: 'https://ci.example/job/7',
        producer: 'jenkins.7',
      },
      factProvenance: { 'repo.codeowners.present': { commit: 'b'.repeat(40) } },
    });
    expect(res.status).toBe(200);
    const stored = await facts();
    expect(stored['ci.coverage.lines'].provenance).toEqual({
      commit: A,
      runUrl: 'https://ci.example/job/7',
      producer: 'jenkins.7',
    });
    expect(stored['repo.codeowners.present'].provenance.commit).toBe(
      'b'.repeat(40),
    );
    const gate = res.body.scorecard.gates.find(
      (g: any) => g.gateId === 'coverage',
    );
    expect(gate.evidence[0]).toMatchObject({
      commit: A,
      runUrl: 'https://ci.example/job/7',
    });
  });

  it('keeps old bodies valid; a later push without provenance clears it', async () => {
    const res = await push({
      entityRef: 'component:default/svc',
      facts: { 'ci.coverage.lines': 85 },
    });
    expect(res.status).toBe(200);
    expect((await facts())['ci.coverage.lines'].provenance).toBeUndefined();
  });

  it.each([
    [{ provenance: { commit: 'not-a-sha' } }, /commit is a SHA/],
    [{ provenance: { runUrl: `${'javascript'}:alert(1)` } }, /runUrl/],
    [
      { provenance: { runUrl: 'ftp://ci.example/x' } },
      /runUrl must be an http/,
    ],
    [{ provenance: { producer: 'a b' } }, /producer is/],
    [{ provenance: { extra: 1 } }, /Unrecognized key/],
    [{ factProvenance: { other: { commit: A } } }, /not pushed: other/],
  ])('refuses %j', async (extra, message) => {
    const res = await push({
      entityRef: 'component:default/svc',
      facts: { 'ci.coverage.lines': 85 },
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});
