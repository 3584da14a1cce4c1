import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { SloStatus } from '@gatekeeper/plugin-slo-common';
import { useEntitySloReport } from '../useSloData';
import {
  BudgetGauge,
  DemoDataLabel,
  FreezeBanner,
  SloErrors,
  ToneChip,
  bandLabels,
  budgetBand,
  useToneText,
  formatDuration,
  formatPercent,
  formatRatio,
} from '../common';

const useStyles = makeStyles(theme => ({
  details: { gap: theme.spacing(1) },
  fullHeight: { height: '100%' },
}));

/** One row of the card: budget remaining with its band and gauge. */
export function SloBudgetRow(props: { slo: SloStatus }) {
  const { slo } = props;
  const classes = useStyles();
  const remaining = slo.errorBudget.remainingPercent;
  const band = budgetBand(remaining);
  const firing = slo.burnRateAlerts.filter(a => a.firing);
  const title = slo.displayName ?? slo.name;
  const bandText = useToneText(p => p.band[band]);
  return (
    <Box
      mb={2}
      data-testid="slo-budget-row"
      data-slo={slo.name}
      data-band={band}
    >
      <Box display="flex" alignItems="baseline" justifyContent="space-between">
        <Typography variant="subtitle2">{title}</Typography>
        <Typography
          variant="subtitle2"
          className={bandText}
          data-testid="slo-budget-remaining"
        >
          {formatPercent(remaining)} budget left ({bandLabels[band]})
        </Typography>
      </Box>
      <BudgetGauge
        remainingPercent={remaining}
        band={band}
        label={`${title} error budget remaining`}
      />
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mt={0.5}
        className={classes.details}
      >
        <Typography variant="caption" color="textSecondary">
          Objective {formatRatio(slo.objective)} · attained{' '}
          {formatRatio(slo.attainment)} over {slo.timeWindow.duration}
          {slo.timeWindow.rolling ? ' (rolling)' : ' (calendar)'}
        </Typography>
        {slo.exhaustion.timeToExhaustionSeconds !== undefined &&
          remaining > 0 && (
            <Typography variant="caption" color="textSecondary">
              · exhausted in{' '}
              {formatDuration(slo.exhaustion.timeToExhaustionSeconds)} at the
              current burn rate
            </Typography>
          )}
        {band === 'exhausted' && (
          <ToneChip pick={p => p.band.exhausted} label="Budget exhausted" />
        )}
        {firing.map(alert => (
          <ToneChip
            key={`${alert.severity}-${alert.longWindow}`}
            pick={p => p.band.red}
            label={`${alert.severity} alert firing (${alert.burnRateThreshold}x)`}
          />
        ))}
      </Box>
    </Box>
  );
}

/**
 * Overview card: remaining error budget per SLO with colour bands, the change
 * freeze state and postmortem obligations.
 *
 * @public
 */
export function EntitySloCard(props: { variant?: InfoCardVariants }) {
  const { variant = 'gridItem' } = props;
  const { value: report, loading, error } = useEntitySloReport();
  const classes = useStyles();

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!report) {
    content = <Typography>No SLO data.</Typography>;
  } else {
    const globalErrors = report.errors.filter(e => !e.slo);
    content = (
      <>
        <FreezeBanner freeze={report.freeze} />
        <SloErrors errors={globalErrors} />
        {report.slos.length === 0 && (
          <Typography color="textSecondary">
            No SLOs are defined for this entity.
          </Typography>
        )}
        {report.slos.map(slo => (
          <Box key={slo.name}>
            <SloBudgetRow slo={slo} />
            <SloErrors
              errors={report.errors.filter(e => e.slo === slo.name)}
              slo={slo.name}
            />
          </Box>
        ))}
        {report.errors
          .filter(e => e.slo && !report.slos.some(s => s.name === e.slo))
          .map((e, i) => (
            <SloErrors key={`${e.slo}-${i}`} errors={[e]} />
          ))}
      </>
    );
  }

  return (
    <div
      data-testid="slo-card"
      className={variant === 'gridItem' ? classes.fullHeight : undefined}
    >
      <InfoCard
        title="Error budgets"
        subheader={report ? `Datasource: ${report.datasource.name}` : undefined}
        action={
          report?.datasource.demo ? (
            <Box mt={1} mr={1}>
              <DemoDataLabel datasource={report.datasource.name} />
            </Box>
          ) : undefined
        }
        variant={variant}
      >
        {content}
      </InfoCard>
    </div>
  );
}
