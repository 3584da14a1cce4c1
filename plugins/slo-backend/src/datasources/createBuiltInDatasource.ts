import { Config } from '@backstage/config';
import { SloDatasource } from '@gatekeeper/plugin-slo-node';
import { CircuitBreaker } from './prometheus/CircuitBreaker';
import { DemoDatasource, DemoProfile } from './demo/DemoDatasource';
import { PrometheusClient } from './prometheus/PrometheusClient';
import { PrometheusDatasource } from './prometheus/PrometheusDatasource';

/** The `demo` and `prometheus` datasources, built from `slo.*` config. */
export function createBuiltInDatasource(
  config: Config,
  name: string,
): SloDatasource | undefined {
  if (name === 'demo') {
    const profiles = config.getOptionalConfig('slo.demo.profiles');
    return new DemoDatasource({
      profiles: profiles
        ? Object.fromEntries(
            profiles
              .keys()
              .map(key => [key, profiles.get(key) as unknown as DemoProfile]),
          )
        : undefined,
    });
  }
  if (name === 'prometheus') {
    const prom = config.getConfig('slo.prometheus');
    const authorization = prom.getOptionalString('authorization');
    return new PrometheusDatasource(
      new PrometheusClient({
        baseUrl: prom.getString('baseUrl'),
        headers: authorization ? { Authorization: authorization } : undefined,
        timeoutMs: prom.getOptionalNumber('timeoutMs'),
        retries: prom.getOptionalNumber('retries'),
        retryBaseDelayMs: prom.getOptionalNumber('retryBaseDelayMs'),
        breaker: new CircuitBreaker({
          failureThreshold: prom.getOptionalNumber(
            'circuitBreaker.failureThreshold',
          ),
          cooldownMs: prom.getOptionalNumber('circuitBreaker.cooldownMs'),
        }),
      }),
    );
  }
  return undefined;
}
