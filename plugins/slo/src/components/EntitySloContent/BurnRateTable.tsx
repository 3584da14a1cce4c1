import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { BurnRateAlert, parseDuration } from '@gatekeeper/plugin-slo-common';
import { formatBurnRate, formatDuration, formatPercent } from '../common';

const useStyles = makeStyles(theme => ({
  firing: {
    // `&&` wins over the striped rows of the Backstage table theme.
    '&&': {
      backgroundColor:
        theme.palette.type === 'dark'
          ? 'rgba(211, 47, 47, 0.35)'
          : 'rgba(211, 47, 47, 0.12)',
    },
  },
  over: {
    color: theme.palette.error.main,
    fontWeight: 600,
  },
  table: {
    '& th, & td': { whiteSpace: 'nowrap' },
  },
  scroll: {
    overflowX: 'auto',
  },
}));

/**
 * Time for the whole window budget to be spent at a burn rate, i.e.
 * window / rate (undefined when the window cannot be parsed).
 */
export function exhaustionAtRate(
  windowDuration: string,
  rate: number,
): number | undefined {
  if (!(rate > 0)) {
    return undefined;
  }
  try {
    return parseDuration(windowDuration) / rate;
  } catch {
    return undefined;
  }
}

/**
 * Formats an alert window for humans: `56m`, `5h 36m`, `2d 19h`. The backend
 * scales the workbook windows to the SLO window (28d gives 56m instead of
 * 1h), so raw strings like `4032m` are normalised. Unparseable values are
 * shown as they are.
 */
export function formatWindow(window: string): string {
  try {
    return formatDuration(parseDuration(window));
  } catch {
    return window;
  }
}

/**
 * Multi-window multi-burn-rate alert table in the style of Pyrra: one row per
 * rule with its windows, threshold, current burn rates and firing state.
 */
export function BurnRateTable(props: {
  alerts: BurnRateAlert[];
  windowDuration: string;
}) {
  const { alerts, windowDuration } = props;
  const classes = useStyles();
  if (alerts.length === 0) {
    return (
      <Typography color="textSecondary">
        No burn-rate alerts are defined for this SLO.
      </Typography>
    );
  }
  return (
    <div className={classes.scroll}>
      <Table
        size="small"
        className={classes.table}
        data-testid="slo-burn-rate-table"
      >
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Long / short window</TableCell>
            <TableCell align="right">Threshold</TableCell>
            <TableCell align="right">Long burn</TableCell>
            <TableCell align="right">Short burn</TableCell>
            <TableCell align="right">Budget consumption</TableCell>
            <TableCell align="right">Exhaustion</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {alerts.map(alert => {
            const longOver = alert.longBurnRate >= alert.burnRateThreshold;
            const shortOver = alert.shortBurnRate >= alert.burnRateThreshold;
            return (
              <TableRow
                key={`${alert.severity}-${alert.longWindow}-${alert.shortWindow}`}
                className={alert.firing ? classes.firing : undefined}
                data-testid="slo-burn-rate-row"
                data-firing={alert.firing ? 'true' : 'false'}
              >
                <TableCell>{alert.severity}</TableCell>
                <TableCell>
                  {formatWindow(alert.longWindow)} /{' '}
                  {formatWindow(alert.shortWindow)}
                </TableCell>
                <TableCell align="right">
                  {formatBurnRate(alert.burnRateThreshold)}
                </TableCell>
                <TableCell
                  align="right"
                  className={longOver ? classes.over : undefined}
                >
                  {formatBurnRate(alert.longBurnRate)}
                </TableCell>
                <TableCell
                  align="right"
                  className={shortOver ? classes.over : undefined}
                >
                  {formatBurnRate(alert.shortBurnRate)}
                </TableCell>
                <TableCell align="right">
                  {formatPercent(alert.budgetConsumptionPercent)}
                </TableCell>
                <TableCell align="right">
                  {formatDuration(
                    exhaustionAtRate(windowDuration, alert.burnRateThreshold),
                  )}
                </TableCell>
                <TableCell>
                  <Typography
                    variant="body2"
                    className={alert.firing ? classes.over : undefined}
                  >
                    {alert.firing ? 'Firing' : 'OK'}
                  </Typography>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
