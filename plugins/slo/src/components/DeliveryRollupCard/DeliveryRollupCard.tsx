import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DeliveryRollupResponse } from '@gatekeeper/plugin-slo-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../../api';
import { ToneChip } from '../common/chips';
import { useLayoutStyles } from '../common/layoutStyles';
import { ScrollRegion } from '../common/ScrollRegion';
import {
  DELIVERY_ROWS,
  formatValue,
} from '../EntityDeliveryMetricsCard/deliveryFormat';
import { Sparkline } from '../EntityDeliveryMetricsCard/Sparkline';

type By = DeliveryRollupResponse['by'];
const BY_LABEL: Record<By, string> = {
  owner: 'Team',
  system: 'System',
  domain: 'Domain',
};

function RollupTable(props: { value: DeliveryRollupResponse }) {
  const { value } = props;
  if (value.items.length === 0) {
    return (
      <Typography color="textSecondary">
        No deployments reported in this window.
      </Typography>
    );
  }
  return (
    <ScrollRegion
      label={`Delivery metrics per ${BY_LABEL[value.by].toLowerCase()}`}
    >
      <Table size="small" aria-label={`Delivery metrics per ${value.by}`}>
        <TableHead>
          <TableRow>
            <TableCell>{BY_LABEL[value.by]}</TableCell>
            {DELIVERY_ROWS.map(r => (
              <TableCell key={r.key}>{r.label}</TableCell>
            ))}
            <TableCell>Deployments per week (trend)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.items.map(item => (
            <TableRow key={item.key} data-testid="delivery-rollup-row">
              <TableCell component="th" scope="row">
                {item.key}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {item.entities.length} entit
                  {item.entities.length === 1 ? 'y' : 'ies'}
                </Typography>
              </TableCell>
              {DELIVERY_ROWS.map(r => {
                const m = item.metrics[r.key];
                return (
                  <TableCell key={r.key}>
                    {formatValue(m, m.value)}
                    {m.met !== undefined && (
                      <Typography variant="caption" component="div">
                        <span aria-hidden="true">{m.met ? '✓ ' : '✗ '}</span>
                        {m.met ? 'target met' : 'target not met'}
                      </Typography>
                    )}
                  </TableCell>
                );
              })}
              <TableCell>
                <Sparkline
                  values={item.trend.map(t => t.deployments)}
                  label={`Deployments per week of ${item.key}: ${item.trend
                    .map(t => t.deployments)
                    .join(', ')}`}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

/**
 * Delivery metrics rolled up per team (owner), system or domain.
 *
 * @public
 */
export function DeliveryRollupCard(props: {
  variant?: InfoCardVariants;
  /** The initial grouping (default `owner`). */
  by?: By;
  windowDays?: number;
}) {
  const { variant = 'gridItem', windowDays = 90 } = props;
  const [by, setBy] = useState<By>(props.by ?? 'owner');
  const api = useApi(sloApiRef);
  const layout = useLayoutStyles();
  const { value, loading, error } = useAsyncRetry(
    () => api.getDeliveryRollup({ by, windowDays }),
    [api, by, windowDays],
  );
  let content: JSX.Element;
  if (loading && !value) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (!value) content = <Typography>No delivery data.</Typography>;
  else content = <RollupTable value={value} />;
  return (
    <div data-testid="delivery-rollup-card">
      <InfoCard
        title="Delivery metrics by team, system and domain"
        variant={variant}
      >
        <Box display="flex" alignItems="center" className={layout.gapSm} mb={1}>
          <ButtonGroup size="small" aria-label="Group delivery metrics by">
            {(Object.keys(BY_LABEL) as By[]).map(key => (
              <Button
                key={key}
                aria-pressed={by === key}
                variant={by === key ? 'contained' : 'outlined'}
                onClick={() => setBy(key)}
              >
                {BY_LABEL[key]}
              </Button>
            ))}
          </ButtonGroup>
          <Typography variant="body2" color="textSecondary">
            Last {windowDays} days
          </Typography>
          {value?.demo && (
            <ToneChip
              pick={p => p.attention}
              label="DEMO DATA"
              data-testid="delivery-demo-label"
            />
          )}
        </Box>
        {content}
      </InfoCard>
    </div>
  );
}
