import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { SloDatasource } from './datasource/types';

/**
 * Lets backend modules add SLO datasources, selected with `slo.datasource`.
 *
 * @public
 */
export interface SloDatasourcesExtensionPoint {
  addDatasource(datasource: SloDatasource): void;
}

/** @public */
export const sloDatasourcesExtensionPoint =
  createExtensionPoint<SloDatasourcesExtensionPoint>({
    id: 'slo.datasources',
  });
