import { Config } from '@backstage/config';
import { SloDatasource } from '@gatekeeper/plugin-slo-node';
import { createBuiltInDatasource } from './createBuiltInDatasource';

/**
 * The datasource named `name`: one added through the extension point, or a
 * built-in one; throws naming the choices when there is none.
 */
export function resolveDatasource(options: {
  config: Config;
  name: string;
  added: ReadonlyMap<string, SloDatasource>;
}): SloDatasource {
  const { config, name, added } = options;
  const datasource = added.get(name) ?? createBuiltInDatasource(config, name);
  if (!datasource) {
    throw new Error(
      `slo.datasource '${name}' is unknown; use demo, prometheus or one of: ${[
        ...added.keys(),
      ].join(', ')}`,
    );
  }
  return datasource;
}
