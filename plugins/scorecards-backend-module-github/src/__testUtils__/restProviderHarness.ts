import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { JsonObject } from '@backstage/types';
import { PoliteHttpClient } from '@gatekeeper/gatekeeper-node';
import { FactProviderContext } from '@gatekeeper/plugin-scorecards-node';
import { createGithubFactProvider } from '../createGithubFactProvider';
import { FakeGithubServer } from '../testUtils/fakeGithubServer';

/** The stand-in shared by the REST provider tests of one file. */
export const server = new FakeGithubServer();

export function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', annotations },
    spec: { owner: 'team-a' },
  };
}
export const payments = entity({ 'github.com/project-slug': 'acme/payments' });

/** The provider on the stand-in, reading REST (GraphQL has its own tests). */
export function setup(
  options: {
    token?: string;
    sleeps?: number[];
    maxWaitMs?: number;
    app?: JsonObject;
    /** These tests read REST; GraphQL batching has its own test file. */
    graphql?: boolean;
  } = {},
) {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl: server.apiBaseUrl,
            ...(options.app ? { apps: [options.app] } : {}),
            ...(options.token === '' || options.app
              ? {}
              : { token: options.token ?? server.token }),
          },
        ],
      },
    }),
  );
  const http = new PoliteHttpClient({
    sleep: async ms => {
      options.sleeps?.push(ms);
    },
    maxWaitMs: options.maxWaitMs ?? 120_000,
  });
  const provider = createGithubFactProvider({
    integrations,
    credentials:
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    logger: mockServices.logger.mock(),
    http,
    graphql: options.graphql ?? false,
    now: () => new Date('2026-12-01T12:00:00Z'),
  });
  const provide = (e: Entity = payments) =>
    provider.provide({
      entity: e,
      logger: mockServices.logger.mock(),
      reader: {} as FactProviderContext['reader'],
      getRepository: async () => undefined,
    });
  return { provider, provide };
}

/** Starts and resets the stand-in around each test of the calling file. */
export function useFakeGithub() {
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    server.repos.clear();
    server.requests.length = 0;
    server.inject.length = 0;
  });
}
