/*
 * The authorization matrix: every read and write route of the scorecards and
 * SLO backends x every kind of caller, against the real catalog (fixture
 * entities), the real permission backend with Gatekeeper's policy, real auth
 * (signed user tokens, the static tokens of app-config.yaml) and Gatekeeper's
 * permissions service. The table is written to test-output/authz-matrix.md.
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonValue } from '@backstage/config';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import { gatePolicyServiceFactory } from '@gatekeeper/plugin-scorecards-node';
import scorecardsPlugin from '@gatekeeper/plugin-scorecards-backend';
import sloPlugin from '@gatekeeper/plugin-slo-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import knexFactory from 'knex';
import { parse } from 'yaml';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import gatePolicy from '../../../../backstage.config';
import { gatekeeperPermissionsServiceFactory } from '../gatekeeperPermissionsService';
import { gatekeeperPermissionPolicyModule } from '../permissionPolicyModule';
import { FIXTURE_USERS, fixtureCatalogModule } from './fixtureCatalog';
import { createUserTokenIssuer } from './userTokens';
import {
  EXPECTED,
  PostAsPlatform,
  PRINCIPALS,
  Principal,
  ROUTES,
} from './authzMatrixCases';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../../../..');
const appConfig = parse(
  fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
);
const externalAccess = (
  appConfig.backend.auth.externalAccess as Array<{
    options: { token: string; subject: string };
    accessRestrictions: JsonValue;
  }>
).map(entry => ({
  ...entry,
  type: 'static',
  options: { ...entry.options, token: `${entry.options.subject}-matrix-token` },
}));

// SQLite always; PostgreSQL when the test database is configured (as in CI).
// Each PostgreSQL run gets its own databases through a unique prefix.
const pgConnection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const DATABASES: Array<[string, JsonValue | undefined]> = [
  ['sqlite', undefined],
  ...(pgConnection
    ? [
        [
          'postgres',
          {
            client: 'pg',
            connection: pgConnection,
            prefix: `gk_authz_${process.pid}_${Date.now()}_`,
          },
        ] as [string, JsonValue],
      ]
    : []),
];

describe.each(DATABASES)(
  'authorization matrix on %s (real catalog, permission backend and policy)',
  (dbName, database) => {
    const issuer = createUserTokenIssuer();
    const headers: Record<Principal, string | undefined> = {
      anonymous: undefined,
      ci: 'Bearer ci-matrix-token',
      'deploy-gate': 'Bearer deploy-gate-matrix-token',
      platform: undefined,
      owner: undefined,
      child: undefined,
      other: undefined,
    };
    for (const [key, u] of Object.entries(FIXTURE_USERS)) {
      headers[key as Principal] = `Bearer ${issuer.tokenFor(u.ref, [
        u.ref,
        u.group,
      ])}`;
    }
    let server: any;
    let stop: () => Promise<void>;
    const results: Record<string, Record<string, number>> = {};

    beforeAll(async () => {
      const backend = await startTestBackend({
        features: [
          issuer.plugin,
          catalogBackend,
          fixtureCatalogModule,
          permissionBackend,
          gatekeeperPermissionPolicyModule,
          gatekeeperPermissionsServiceFactory,
          sloPlugin,
          scorecardsPlugin,
          gatePolicyServiceFactory(gatePolicy),
          authServiceFactory,
          httpAuthServiceFactory,
          // the sign-in resolver's claims: the user and their direct group only;
          // parents of groups are resolved by the policy from the catalog
          mockServices.userInfo.mock({
            getUserInfo: async credentials => {
              const ref = (credentials.principal as { userEntityRef: string })
                .userEntityRef;
              const u = Object.values(FIXTURE_USERS).find(x => x.ref === ref);
              return {
                userEntityRef: ref,
                ownershipEntityRefs: u ? [u.ref, u.group] : [ref],
              };
            },
          }).factory,
          mockServices.rootConfig.factory({
            data: {
              backend: {
                auth: { externalAccess },
                ...(database ? { database } : {}),
              },
              permission: { enabled: true },
              gatekeeper: appConfig.gatekeeper,
              catalog: { processingInterval: { seconds: 1 } },
              slo: {
                demo: { seedIncidents: false },
                alertmanager: { webhookToken: 'alertmanager-matrix-token' },
              },
            },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
      await waitForCatalog(server, headers.platform!);
    });

    afterAll(async () => {
      writeMatrix(results, dbName);
      await stop?.();
      if (database) await dropDatabases(database);
    });

    it.each(ROUTES.map(r => [r.name, r] as const))(
      '%s',
      async (_name, route) => {
        const row: Record<string, number> = {};
        const mismatches: string[] = [];
        const app = server;
        const asPlatform: PostAsPlatform = (url, body) =>
          request(app)
            .post(url)
            .set('Authorization', headers.platform!)
            .send(body);
        for (const principal of PRINCIPALS) {
          const prepared = route.prepare ? await route.prepare(asPlatform) : {};
          const { method, url, body } = route.request(prepared);
          let req = request(server)[method](url);
          const header = headers[principal];
          if (header) req = req.set('Authorization', header);
          const res = await (body === undefined ? req : req.send(body));
          row[principal] = res.status;
          expect(res.status).toBeLessThan(500);
          const allowed = ![401, 403].includes(res.status);
          if (allowed !== EXPECTED[route.name][principal]) {
            mismatches.push(`${principal}: ${res.status} ${res.text}`);
          }
          if (!allowed && prepared.id) {
            // a denied write leaves the incident untouched
            const list = await request(server)
              .get('/api/slo/entities/default/component/a/incidents')
              .set('Authorization', headers.platform!);
            const incident = list.body.items.find(
              (i: { id: string }) => i.id === prepared.id,
            );
            const untouched =
              incident?.status === 'triggered' &&
              !incident.acknowledgedAt &&
              !incident.resolvedAt &&
              !incident.postmortemUrl;
            if (!untouched) {
              mismatches.push(`${principal}: denied but changed the incident`);
            }
          }
        }
        results[route.name] = row;
        expect(mismatches).toEqual([]);
      },
    );
  },
);

async function dropDatabases(database: JsonValue) {
  const { connection, prefix } = database as {
    connection: string;
    prefix: string;
  };
  const knex = knexFactory({ client: 'pg', connection });
  try {
    const { rows } = await knex.raw<{ rows: Array<{ datname: string }> }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, ?)',
      [prefix],
    );
    for (const { datname } of rows) {
      await knex.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await knex.destroy();
  }
}

async function waitForCatalog(server: any, header: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await request(server)
      .get('/api/catalog/entities/by-name/component/default/a')
      .set('Authorization', header);
    const owned = res.body?.relations?.some(
      (r: { type: string }) => r.type === 'ownedBy',
    );
    const groups = await request(server)
      .get('/api/catalog/entities?filter=kind=group')
      .set('Authorization', header);
    if (
      owned &&
      Array.isArray(groups.body) &&
      groups.body.length === 4 &&
      (
        await request(server)
          .get('/api/catalog/entities/by-name/component/default/b')
          .set('Authorization', header)
      ).status === 200
    ) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`catalog fixture not ready: ${res.status} ${res.text}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

function writeMatrix(
  results: Record<string, Record<string, number>>,
  dbName: string,
) {
  const lines = [
    '# Authorization matrix',
    '',
    `Generated by \`packages/backend/src/authzMatrix/authzMatrix.test.ts\`: real catalog, permission backend with the Gatekeeper policy, real auth and static tokens of app-config.yaml, on ${dbName}. Cell: HTTP status; ✅ authorised (not 401/403), ⛔ denied.`,
    '',
    `| route | ${PRINCIPALS.join(' | ')} |`,
    `| --- | ${PRINCIPALS.map(() => '---').join(' | ')} |`,
  ];
  for (const [route, row] of Object.entries(results)) {
    const cells = PRINCIPALS.map(p => {
      const status = row[p];
      return `${[401, 403].includes(status) ? '⛔' : '✅'} ${status}`;
    });
    lines.push(`| \`${route}\` | ${cells.join(' | ')} |`);
  }
  const dir = path.join(root, 'test-output');
  fs.mkdirSync(dir, { recursive: true });
  const file =
    dbName === 'sqlite' ? 'authz-matrix.md' : `authz-matrix.${dbName}.md`;
  fs.writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
}
