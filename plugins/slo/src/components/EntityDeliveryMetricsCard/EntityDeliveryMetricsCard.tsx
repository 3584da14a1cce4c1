import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../../api';
import { ToneChip } from '../common/chips';
import { useLayoutStyles } from '../common/layoutStyles';
import { DeliveryMetricsTable } from './DeliveryMetricsTable';

/**
 * Delivery metrics of the entity (deployment frequency, lead time, change
 * failure rate, MTTR, rollback time) with targets and weekly trends.
 *
 * @public
 */
export function EntityDeliveryMetricsCard(props: {
  variant?: InfoCardVariants;
  /** Days of history (default 90). */
  windowDays?: number;
}) {
  const { variant = 'gridItem', windowDays = 90 } = props;
  const { entity } = useEntity();
  const api = useApi(sloApiRef);
  const layout = useLayoutStyles();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsyncRetry(
    () => api.getEntityDeliveryMetrics(entityRef, { windowDays }),
    [api, entityRef, windowDays],
  );

  let content: JSX.Element;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <Typography>No delivery data.</Typography>;
  } else {
    content = (
      <>
        <Box display="flex" alignItems="center" className={layout.gapSm} mb={1}>
          <Typography variant="body2" color="textSecondary">
            Last {windowDays} days, from the release workflow&apos;s deployment
            and rollback reports
          </Typography>
          {value.demo && (
            <ToneChip
              pick={p => p.attention}
              label="DEMO DATA"
              data-testid="delivery-demo-label"
            />
          )}
        </Box>
        <DeliveryMetricsTable
          metrics={value.metrics}
          trend={value.trend}
          caption={`Delivery metrics of ${entityRef}`}
        />
      </>
    );
  }
  return (
    <div
      data-testid="delivery-metrics-card"
      className={variant === 'gridItem' ? layout.fullHeight : undefined}
    >
      <InfoCard title="Delivery metrics" variant={variant}>
        {content}
      </InfoCard>
    </div>
  );
}
