import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
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

  it('fails start-up without a registered policy', async () => {
    const plugin = createBackendPlugin({
      pluginId: 'needs-policy',
      register(env) {
        env.registerInit({
          deps: { policy: gatePolicyServiceRef },
          async init() {},
        });
      },
    });
    await expect(startTestBackend({ features: [plugin] })).rejects.toThrow(
      /No gate policy registered/,
    );
  });
});
