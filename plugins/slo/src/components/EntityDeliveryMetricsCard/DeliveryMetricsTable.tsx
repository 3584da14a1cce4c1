import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  DeliveryMetrics,
  DeliveryTrendBucket,
} from '@gatekeeper/plugin-slo-common';
import { DELIVERY_ROWS, formatTarget, formatValue } from './deliveryFormat';
import { MetricStatus } from './MetricStatus';
import { Sparkline } from './Sparkline';

/** The five metrics: value, target, met / not met and the weekly trend. */
export function DeliveryMetricsTable(props: {
  metrics: DeliveryMetrics;
  trend: DeliveryTrendBucket[];
  caption: string;
}) {
  const { metrics, trend } = props;
  return (
    <Table size="small" aria-label={props.caption}>
      <TableHead>
        <TableRow>
          <TableCell>Metric</TableCell>
          <TableCell>Value</TableCell>
          <TableCell>Target</TableCell>
          <TableCell>Weekly trend</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {DELIVERY_ROWS.map(row => {
          const metric = metrics[row.key];
          const series = trend.map(row.trend);
          const shown = series.filter(v => v !== undefined);
          const label = shown.length
            ? `${row.label} per week, ${trend.length} weeks: ${series
                .map(v => (v === undefined ? '–' : formatValue(metric, v)))
                .join(', ')}`
            : `${row.label}: no weekly data`;
          return (
            <TableRow key={row.key} data-testid={`delivery-${row.key}`}>
              <TableCell component="th" scope="row">
                {row.label}
              </TableCell>
              <TableCell>
                <Typography variant="body2">
                  {formatValue(metric, metric.value)}
                </Typography>
                {row.key === 'leadTimeMedian' && (
                  <Typography variant="caption" color="textSecondary">
                    p90{' '}
                    {formatValue(
                      metrics.leadTimeP90,
                      metrics.leadTimeP90.value,
                    )}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Typography variant="body2">
                  {formatTarget(metric, row.better) ?? '–'}
                </Typography>
                <MetricStatus metric={metric} />
              </TableCell>
              <TableCell>
                <Sparkline
                  values={series.map(v =>
                    row.key === 'deploymentFrequency' ? v ?? 0 : v,
                  )}
                  label={label}
                />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
