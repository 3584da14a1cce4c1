import { useState } from 'react';
import Button from '@material-ui/core/Button';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useLayoutStyles } from '../common/layoutStyles';
import Alert from '@material-ui/lab/Alert';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  EntitySloReport,
  Incident,
  SloStatus,
  sloFreezeOverridePermission,
} from '@gatekeeper/plugin-slo-common';
import { useEntityIncidents, useEntitySloReport } from '../useSloData';
import {
  BudgetGauge,
  DemoDataLabel,
  FreezeBanner,
  SloErrors,
  TonePick,
  useToneText,
  budgetBand,
  formatAmount,
  formatBurnRate,
  formatDuration,
  formatPercent,
  formatRatio,
} from '../common';
import { BurnRateTable } from './BurnRateTable';
import { BurnDownChart } from './BurnDownChart';
import { FreezeOverrideDialog } from './FreezeOverrideDialog';

function Metric(props: {
  label: string;
  value: string;
  detail?: string;
  /** The value's tone (its meaning is also in `detail` or the value). */
  tone?: TonePick;
  testId: string;
}) {
  const toneText = useToneText(props.tone ?? (p => p.neutral));
  return (
    <Box mr={5} mb={2}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography
        variant="h5"
        className={props.tone ? toneText : undefined}
        data-testid={props.testId}
      >
        {props.value}
      </Typography>
      {props.detail && (
        <Typography variant="caption" color="textSecondary">
          {props.detail}
        </Typography>
      )}
    </Box>
  );
}

function budgetUnit(slo: SloStatus): string {
  return slo.budgetingMethod === 'Occurrences' ? 'events' : 'slices';
}

function timeToExhaustion(slo: SloStatus): { value: string; detail: string } {
  if (slo.errorBudget.remainingPercent <= 0) {
    return { value: 'Exhausted', detail: 'no budget left in this window' };
  }
  const seconds = slo.exhaustion.timeToExhaustionSeconds;
  const window = slo.exhaustion.forecastWindow
    ? ` over ${slo.exhaustion.forecastWindow}`
    : '';
  if (seconds === undefined) {
    return {
      value: 'Not burning',
      detail: `burn rate ${formatBurnRate(slo.exhaustion.burnRate)}${window}`,
    };
  }
  return {
    value: formatDuration(seconds),
    detail: `at burn rate ${formatBurnRate(slo.exhaustion.burnRate)}${window}`,
  };
}

/** Detail panel of one SLO: key metrics, alert table and burn-down chart. */
export function SloDetails(props: { slo: SloStatus; incidents: Incident[] }) {
  const { slo, incidents } = props;
  const band = budgetBand(slo.errorBudget.remainingPercent);
  const met = slo.met ?? slo.attainment >= slo.objective;
  const exhaustion = timeToExhaustion(slo);
  const title = slo.displayName ?? slo.name;
  return (
    <InfoCard
      title={title}
      subheader={[
        slo.displayName ? slo.name : undefined,
        slo.description,
        `${slo.budgetingMethod}, ${slo.timeWindow.duration} ${
          slo.timeWindow.rolling ? 'rolling' : 'calendar'
        } window`,
      ]
        .filter(Boolean)
        .join(' · ')}
    >
      <Box data-testid="slo-details" data-slo={slo.name} data-band={band}>
        <Box display="flex" flexWrap="wrap">
          <Metric
            label="Objective"
            value={formatRatio(slo.objective)}
            testId="slo-objective"
          />
          <Metric
            label="Attainment"
            value={formatRatio(slo.attainment)}
            detail={met ? 'objective met' : 'objective missed'}
            tone={p => (met ? p.band.green : p.band.red)}
            testId="slo-attainment"
          />
          <Metric
            label="Budget remaining"
            value={formatPercent(slo.errorBudget.remainingPercent)}
            detail={`${formatAmount(
              slo.errorBudget.remaining,
            )} of ${formatAmount(slo.errorBudget.total)} ${budgetUnit(
              slo,
            )} (${formatAmount(slo.errorBudget.consumed)} spent)`}
            tone={p => p.band[band]}
            testId="slo-budget-remaining"
          />
          <Metric
            label="Time to exhaustion"
            value={exhaustion.value}
            detail={exhaustion.detail}
            testId="slo-time-to-exhaustion"
          />
        </Box>
        <BudgetGauge
          remainingPercent={slo.errorBudget.remainingPercent}
          band={band}
          label={`${title} error budget remaining`}
        />
        <Box mt={3}>
          <Typography variant="h6" gutterBottom>
            Multi-window burn-rate alerts
          </Typography>
          <BurnRateTable
            alerts={slo.burnRateAlerts}
            windowDuration={slo.timeWindow.duration}
          />
        </Box>
        <Box mt={3}>
          <Typography variant="h6" gutterBottom>
            Error budget burn-down
          </Typography>
          <BurnDownChart
            series={slo.series}
            incidents={incidents}
            title={title}
          />
        </Box>
      </Box>
    </InfoCard>
  );
}

/** Every SLO of the report with its errors, and the report's other errors. */
function SloList(props: { report: EntitySloReport; incidents: Incident[] }) {
  const { report, incidents } = props;
  return (
    <>
      <SloErrors errors={report.errors.filter(e => !e.slo)} />
      {report.slos.length === 0 && (
        <Typography color="textSecondary">
          No SLOs are defined for this entity.
        </Typography>
      )}
      <Grid container spacing={3}>
        {report.slos.map(slo => (
          <Grid item xs={12} key={slo.name}>
            <SloErrors
              errors={report.errors.filter(e => e.slo === slo.name)}
              slo={slo.name}
            />
            <SloDetails slo={slo} incidents={incidents} />
          </Grid>
        ))}
      </Grid>
      <SloErrors
        errors={report.errors.filter(
          e => e.slo && !report.slos.some(s => s.name === e.slo),
        )}
      />
    </>
  );
}

/**
 * Entity tab with the full SLO view: per SLO its objective, attainment,
 * remaining budget, time to exhaustion, burn-rate alerts and burn-down chart
 * with incidents overlaid.
 *
 * @public
 */
export function EntitySloContent() {
  const layout = useLayoutStyles();
  const report = useEntitySloReport();
  const incidents = useEntityIncidents();
  const { entity } = useEntity();
  const overridePermission = usePermission({
    permission: sloFreezeOverridePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [overriding, setOverriding] = useState(false);

  if (report.loading) {
    return <Progress />;
  }
  if (report.error) {
    return <ResponseErrorPanel error={report.error} />;
  }
  const value = report.value;
  if (!value) {
    return null;
  }
  const incidentItems = incidents.value?.items ?? [];
  return (
    <Box data-testid="slo-content">
      <Box display="flex" alignItems="center" mb={2} className={layout.gapSm}>
        <Typography variant="body2">
          Datasource: {value.datasource.name}
        </Typography>
        {value.datasource.demo && (
          <DemoDataLabel datasource={value.datasource.name} />
        )}
      </Box>
      <FreezeBanner
        freeze={value.freeze}
        action={
          overridePermission.allowed ? (
            <Button
              color="inherit"
              size="small"
              onClick={() => setOverriding(true)}
            >
              Override
            </Button>
          ) : undefined
        }
      />
      {overriding && (
        <FreezeOverrideDialog
          entityRef={stringifyEntityRef(entity)}
          onClose={() => setOverriding(false)}
          onSaved={report.retry}
        />
      )}
      {incidents.error && (
        <Box mb={2}>
          <Alert severity="warning">
            Incidents could not be loaded, the charts show no incident overlay:{' '}
            {incidents.error.message}
          </Alert>
        </Box>
      )}
      <SloList report={value} incidents={incidentItems} />
    </Box>
  );
}
