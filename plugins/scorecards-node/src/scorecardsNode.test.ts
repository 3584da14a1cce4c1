import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { defaultGatePolicy } from '@gatekeeper/plugin-scorecards-common';
import { readConfigGatePolicy } from './readConfigGatePolicy';
import {
  ScorecardFactProvider,
  scorecardsFactProvidersExtensionPoint,
} from './factProviders';
import {
  gatePolicyServiceFactory,
  gatePolicyServiceRef,
} from './gatePolicyServiceRef';

const policy = {
  version: 1,
  levels: ['bronze'],
  gates: [
    {
      id: 'lint-clean',
      title: 'Zero lint errors',
      severity: 'high',
      category: 'quality',
      level: 'bronze',
      rationale: 'Lint errors hide real defects.',
      remediation: 'https://example.com/lint',
      rules: [{ op: 'eq', fact: 'ci.lint.errors', value: 0 }],
    },
  ],
};

describe('scorecards node', () => {
  it('gives plugins the policy and collects providers from modules', async () => {
    const seen: { gates?: number; providers?: string[] } = {};
    const plugin = createBackendPlugin({
      pluginId: 'scorecards',
      register(env) {
        const providers: ScorecardFactProvider[] = [];
        env.registerExtensionPoint(scorecardsFactProvidersExtensionPoint, {
          addFactProvider: (...p) => providers.push(...p),
        });
        env.registerInit({
          deps: { policy: gatePolicyServiceRef, logger: coreServices.logger },
          async init({ policy: service }) {
            seen.gates = service.getPolicy().gates.length;
            seen.providers = providers.map(p => p.id);
          },
        });
      },
    });
    const module = createBackendModule({
      pluginId: 'scorecards',
      moduleId: 'extra',
      register(env) {
        env.registerInit({
          deps: { ep: scorecardsFactProvidersExtensionPoint },
          async init({ ep }) {
            ep.addFactProvider({
              id: 'extra',
              facts: ['x'],
              provide: async () => ({ x: 1 }),
            });
          },
        });
      },
    });
    await startTestBackend({
      features: [plugin, module, gatePolicyServiceFactory(policy)],
    });
    expect(seen).toEqual({ gates: 1, providers: ['extra'] });
  });

  it('rejects an invalid policy at registration', () => {
    expect(() => gatePolicyServiceFactory({ ...policy, levels: [] })).toThrow(
      /Invalid gate policy: levels/,
    );
  });

  it('uses the built-in default policy when none is registered or configured', async () => {
    const seen: { ids?: string[] } = {};
    const plugin = createBackendPlugin({
      pluginId: 'needs-policy',
      register(env) {
        env.registerInit({
          deps: { policy: gatePolicyServiceRef },
          async init({ policy: service }) {
            seen.ids = service.getPolicy().gates.map(g => g.id);
          },
        });
      },
    });
    await startTestBackend({ features: [plugin] });
    expect(seen.ids).toEqual(defaultGatePolicy.gates.map(g => g.id));
    expect(seen.ids).toContain('coverage-lines');
  });

  it('uses a valid policy from app-config scorecards.policy', async () => {
    const seen: { ids?: string[] } = {};
    const plugin = createBackendPlugin({
      pluginId: 'needs-policy',
      register(env) {
        env.registerInit({
          deps: { policy: gatePolicyServiceRef },
          async init({ policy: service }) {
            seen.ids = service.getPolicy().gates.map(g => g.id);
          },
        });
      },
    });
    await startTestBackend({
      features: [
        plugin,
        mockServices.rootConfig.factory({
          data: { scorecards: { policy } },
        }),
      ],
    });
    expect(seen.ids).toEqual(['lint-clean']);
  });

  it('fails start-up on an invalid app-config policy, naming path and gate', async () => {
    const plugin = createBackendPlugin({
      pluginId: 'needs-policy',
      register(env) {
        env.registerInit({
          deps: { policy: gatePolicyServiceRef },
          async init() {},
        });
      },
    });
    const invalid = {
      ...policy,
      gates: [{ ...policy.gates[0], severity: 'blocker' }],
    };
    await expect(
      startTestBackend({
        features: [
          plugin,
          mockServices.rootConfig.factory({
            data: { scorecards: { policy: invalid } },
          }),
        ],
      }),
    ).rejects.toThrow(
      /Invalid gate policy in app-config: scorecards\.policy\.gates\[0\]\.severity \(gate "lint-clean"\)/,
    );
  });

  it('names the root of an app-config policy that is not an object', () => {
    expect(() =>
      readConfigGatePolicy(
        mockServices.rootConfig({ data: { scorecards: { policy: 'strict' } } }),
      ),
    ).toThrow(/scorecards\.policy: /);
    expect(
      readConfigGatePolicy(mockServices.rootConfig({ data: {} })),
    ).toBeUndefined();
  });

  it('prefers a registered policy over app-config', async () => {
    const seen: { ids?: string[] } = {};
    const plugin = createBackendPlugin({
      pluginId: 'needs-policy',
      register(env) {
        env.registerInit({
          deps: { policy: gatePolicyServiceRef },
          async init({ policy: service }) {
            seen.ids = service.getPolicy().gates.map(g => g.id);
          },
        });
      },
    });
    await startTestBackend({
      features: [
        plugin,
        gatePolicyServiceFactory(defaultGatePolicy),
        mockServices.rootConfig.factory({
          data: { scorecards: { policy: { version: 1 } } },
        }),
      ],
    });
    expect(seen.ids).toEqual(defaultGatePolicy.gates.map(g => g.id));
  });
});
