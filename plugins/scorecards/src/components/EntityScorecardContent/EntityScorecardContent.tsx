import {
  Content,
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import { assertError } from '@backstage/errors';
import {
  type EntityScorecard,
  type ScorecardHistory,
  type ScorecardHistoryPoint,
  scorecardsFactsPushPermission,
  scorecardSignalChannel,
} from '@gatekeeper/plugin-scorecards-common';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api';
import {
  formatDateTime,
  LevelBadge,
  OutlinedStatusChip,
  ScoreGauge,
  ScoreSparkline,
  STATUS_LABELS,
  STATUS_ORDER,
  VerdictChip,
  verdictReason,
} from '../common';
import { isNotFound, useEntityScorecard } from '../useEntityScorecard';
import { useScorecardSignal } from '../useScorecardSignal';
import {
  EntityWaiverRequests,
  EntityWaiverRequestsCard,
  RequestWaiverDialog,
  useEntityWaiverRequests,
} from '../WaiverRequests';
import { FactsPanel } from './FactsPanel';
import { GateTable, GateWaiverRequesting } from './GateTable';

const useStyles = makeStyles(theme => ({
  summary: { display: 'flex', alignItems: 'center', gap: theme.spacing(3) },
  column: { display: 'flex', flexDirection: 'column', gap: theme.spacing(1) },
  row: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  switch: { marginTop: theme.spacing(1), marginRight: theme.spacing(1) },
  warnings: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

function SummaryCard(props: {
  scorecard: EntityScorecard;
  points: ScorecardHistoryPoint[];
  historyError?: Error;
}) {
  const { scorecard, points, historyError } = props;
  const classes = useStyles();
  return (
    <InfoCard title="Summary">
      <Box className={classes.summary}>
        <ScoreGauge score={scorecard.score} size={112} />
        <Box className={classes.column}>
          <Box className={classes.row}>
            <VerdictChip verdict={scorecard.verdict} />
            <LevelBadge level={scorecard.level} />
          </Box>
          {verdictReason(scorecard) && (
            <Typography variant="body2" data-testid="scorecard-verdict-reason">
              {verdictReason(scorecard)}
            </Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            Evaluated {formatDateTime(scorecard.evaluatedAt)} · policy{' '}
            {scorecard.policyVersion.slice(0, 12)}
          </Typography>
          <Box className={classes.row}>
            {STATUS_ORDER.map(status => (
              <OutlinedStatusChip
                key={status}
                status={status}
                label={`${STATUS_LABELS[status]}: ${
                  scorecard.counts[status] ?? 0
                }`}
              />
            ))}
          </Box>
        </Box>
        <Box>
          <Typography variant="caption" color="textSecondary">
            Score history ({points.length} change
            {points.length === 1 ? '' : 's'})
          </Typography>
          <div>
            {historyError ? (
              <Typography variant="caption" color="error">
                History unavailable: {historyError.message}
              </Typography>
            ) : (
              <ScoreSparkline
                values={points.map(p => p.score)}
                width={200}
                height={40}
              />
            )}
          </div>
        </Box>
      </Box>
    </InfoCard>
  );
}

/** Failing (or unverified) gates without an open request, for allowed callers. */
function requesting(
  waivers: EntityWaiverRequests,
): GateWaiverRequesting | undefined {
  if (!waivers.allowed) return undefined;
  return {
    canRequest: gate =>
      gate.status !== 'pass' &&
      gate.status !== 'waived' &&
      !waivers.openGates.has(gate.gateId),
    onRequest: waivers.openFor,
  };
}

function GatesCard(props: {
  scorecard: EntityScorecard;
  points: ScorecardHistoryPoint[];
  waivers: EntityWaiverRequests;
}) {
  const { scorecard, points, waivers } = props;
  const classes = useStyles();
  const [attentionOnly, setAttentionOnly] = useState(false);
  return (
    <InfoCard
      title={`Gates (${scorecard.gates.length})`}
      noPadding
      action={
        <FormControlLabel
          className={classes.switch}
          control={
            <Switch
              checked={attentionOnly}
              onChange={e => setAttentionOnly(e.target.checked)}
              color="primary"
              inputProps={{ 'aria-label': 'Only gates needing attention' }}
            />
          }
          label="Only gates needing attention"
        />
      }
    >
      <GateTable
        gates={
          attentionOnly
            ? scorecard.gates.filter(
                g => g.status !== 'pass' && g.status !== 'waived',
              )
            : scorecard.gates
        }
        history={points}
        requesting={requesting(waivers)}
      />
    </InfoCard>
  );
}

function ScorecardBody(props: {
  state: ReturnType<typeof useEntityScorecard>;
  scorecard?: EntityScorecard;
  history: { value?: ScorecardHistory; error?: Error };
  waivers: EntityWaiverRequests;
}) {
  const { state, scorecard, history, waivers } = props;
  if (state.loading && !scorecard) {
    return <Progress />;
  }
  if (isNotFound(state.error) && !scorecard) {
    return (
      <EmptyState
        missing="data"
        title="No scorecard yet"
        description="This entity has not been evaluated. Re-evaluate it now, or check that the gate policy applies to it."
      />
    );
  }
  if (state.error && !scorecard) {
    return <ResponseErrorPanel error={state.error} />;
  }
  if (!scorecard) {
    return <EmptyState missing="data" title="No scorecard yet" />;
  }
  const points = history.value?.points ?? [];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SummaryCard
          scorecard={scorecard}
          points={points}
          historyError={history.error}
        />
      </Grid>
      <Grid item xs={12}>
        <GatesCard scorecard={scorecard} points={points} waivers={waivers} />
      </Grid>
      <Grid item xs={12}>
        <EntityWaiverRequestsCard waivers={waivers} />
      </Grid>
      <Grid item xs={12}>
        <FactsPanel
          entityRef={state.entityRef}
          reloadKey={scorecard.evaluatedAt}
        />
      </Grid>
    </Grid>
  );
}

/** Re-evaluation of the entity on demand (needs scorecards.facts.push). */
function useEvaluate(entityRef: string, onEvaluated: () => void) {
  const api = useApi(scorecardsApiRef);
  const [evaluated, setEvaluated] = useState<EntityScorecard>();
  const [evaluating, setEvaluating] = useState(false);
  const [error, setError] = useState<Error>();
  const permission = usePermission({
    permission: scorecardsFactsPushPermission,
  });
  const evaluate = useCallback(async () => {
    setEvaluating(true);
    setError(undefined);
    try {
      setEvaluated(await api.evaluateEntity(entityRef));
      onEvaluated();
    } catch (e) {
      assertError(e);
      setError(e);
    } finally {
      setEvaluating(false);
    }
  }, [api, entityRef, onEvaluated]);
  return {
    evaluate,
    evaluating,
    error,
    allowed: permission.allowed,
    permissionLoading: permission.loading,
    /** The re-evaluated scorecard, if it is of this entity. */
    evaluated: evaluated?.entityRef === entityRef ? evaluated : undefined,
  };
}

function EvaluateButton(props: { evaluation: ReturnType<typeof useEvaluate> }) {
  const { evaluate, evaluating, allowed, permissionLoading } = props.evaluation;
  return (
    <Box display="flex" justifyContent="flex-end" mb={2}>
      <Tooltip
        title={
          allowed || permissionLoading
            ? 'Collect facts and evaluate every gate now'
            : 'You are not allowed to trigger evaluations (scorecards.facts.push)'
        }
      >
        <span>
          <Button
            variant="outlined"
            color="primary"
            startIcon={<RefreshIcon />}
            onClick={evaluate}
            disabled={evaluating || !allowed}
            data-testid="scorecard-reevaluate"
          >
            {evaluating ? 'Evaluating…' : 'Re-evaluate'}
          </Button>
        </span>
      </Tooltip>
    </Box>
  );
}

/** The later evaluated of the re-evaluated and the (re)loaded scorecard. */
function newest(
  a: EntityScorecard | undefined,
  b: EntityScorecard | undefined,
): EntityScorecard | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(a.evaluatedAt) >= Date.parse(b.evaluatedAt) ? a : b;
}

/**
 * Entity tab with the full scorecard.
 *
 * @public
 */
export function EntityScorecardContent() {
  const api = useApi(scorecardsApiRef);
  const classes = useStyles();
  const scorecardState = useEntityScorecard();
  const { entityRef } = scorecardState;
  const history = useAsyncRetry(
    () => api.getEntityHistory(entityRef),
    [api, entityRef],
  );
  const evaluation = useEvaluate(entityRef, history.retry);
  useScorecardSignal(scorecardSignalChannel(entityRef), history.retry);
  const scorecard = newest(evaluation.evaluated, scorecardState.value);
  const waivers = useEntityWaiverRequests(entityRef);

  return (
    <Content noPadding>
      <div data-testid="scorecard-content">
        <EvaluateButton evaluation={evaluation} />
        {evaluation.error && (
          <Box mb={2}>
            <Alert severity="error">
              Re-evaluation failed: {evaluation.error.message}
            </Alert>
          </Box>
        )}
        {scorecard?.warnings && scorecard.warnings.length > 0 && (
          <Box mb={2}>
            <Alert severity="warning" data-testid="scorecard-warnings">
              <strong>Evaluation warnings</strong>
              <ul className={classes.warnings}>
                {scorecard.warnings.map(w => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </Alert>
          </Box>
        )}
        <ScorecardBody
          state={scorecardState}
          scorecard={scorecard}
          history={history}
          waivers={waivers}
        />
        <RequestWaiverDialog
          entityRef={entityRef}
          gate={waivers.dialogGate}
          maxDays={waivers.maxDays}
          onClose={waivers.close}
          onCreated={waivers.requests.retry}
        />
      </div>
    </Content>
  );
}
