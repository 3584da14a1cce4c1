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
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import {
  type EntityScorecard,
  scorecardsFactsPushPermission,
} from '@gatekeeper/plugin-scorecards-common';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardsApiRef } from '../../api';
import {
  formatDateTime,
  LevelBadge,
  ScoreGauge,
  ScoreSparkline,
  STATUS_COLORS,
  STATUS_LABELS,
  STATUS_ORDER,
  VerdictChip,
  verdictReason,
} from '../common';
import { isNotFound, useEntityScorecard } from '../useEntityScorecard';
import { FactsPanel } from './FactsPanel';
import { GateTable } from './GateTable';

/**
 * Entity tab with the full scorecard.
 *
 * @public
 */
export function EntityScorecardContent() {
  const api = useApi(scorecardsApiRef);
  const scorecardState = useEntityScorecard();
  const { entityRef } = scorecardState;
  const historyState = useAsyncRetry(
    () => api.getEntityHistory(entityRef),
    [api, entityRef],
  );
  const [evaluated, setEvaluated] = useState<EntityScorecard>();
  const [evaluating, setEvaluating] = useState(false);
  const [attentionOnly, setAttentionOnly] = useState(false);
  const [evaluateError, setEvaluateError] = useState<Error>();
  const { retry: retryHistory } = historyState;
  const { allowed: canEvaluate, loading: permissionLoading } = usePermission({
    permission: scorecardsFactsPushPermission,
  });

  const onEvaluate = useCallback(async () => {
    setEvaluating(true);
    setEvaluateError(undefined);
    try {
      setEvaluated(await api.evaluateEntity(entityRef));
      retryHistory();
    } catch (e) {
      setEvaluateError(e as Error);
    } finally {
      setEvaluating(false);
    }
  }, [api, entityRef, retryHistory]);

  const scorecard =
    evaluated && evaluated.entityRef === entityRef
      ? evaluated
      : scorecardState.value;

  let body: JSX.Element;
  if (scorecardState.loading && !scorecard) {
    body = <Progress />;
  } else if (isNotFound(scorecardState.error) && !scorecard) {
    body = (
      <EmptyState
        missing="data"
        title="No scorecard yet"
        description="This entity has not been evaluated. Re-evaluate it now, or check that the gate policy applies to it."
      />
    );
  } else if (scorecardState.error && !scorecard) {
    body = <ResponseErrorPanel error={scorecardState.error} />;
  } else if (!scorecard) {
    body = <EmptyState missing="data" title="No scorecard yet" />;
  } else {
    const points = historyState.value?.points ?? [];
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Summary">
            <Box display="flex" alignItems="center" style={{ gap: 24 }}>
              <ScoreGauge score={scorecard.score} size={112} />
              <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
                <Box display="flex" style={{ gap: 8 }}>
                  <VerdictChip verdict={scorecard.verdict} />
                  <LevelBadge level={scorecard.level} />
                </Box>
                {verdictReason(scorecard) && (
                  <Typography
                    variant="body2"
                    data-testid="scorecard-verdict-reason"
                  >
                    {verdictReason(scorecard)}
                  </Typography>
                )}
                <Typography variant="body2" color="textSecondary">
                  Evaluated {formatDateTime(scorecard.evaluatedAt)} · policy{' '}
                  {scorecard.policyVersion.slice(0, 12)}
                </Typography>
                <Box display="flex" style={{ gap: 8 }} flexWrap="wrap">
                  {STATUS_ORDER.map(status => (
                    <Chip
                      key={status}
                      size="small"
                      variant="outlined"
                      label={`${STATUS_LABELS[status]}: ${
                        scorecard.counts[status] ?? 0
                      }`}
                      style={{
                        borderColor: STATUS_COLORS[status],
                        color: STATUS_COLORS[status],
                      }}
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
                  {historyState.error ? (
                    <Typography variant="caption" color="error">
                      History unavailable: {historyState.error.message}
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
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title={`Gates (${scorecard.gates.length})`}
            noPadding
            action={
              <FormControlLabel
                style={{ marginTop: 8, marginRight: 8 }}
                control={
                  <Switch
                    checked={attentionOnly}
                    onChange={e => setAttentionOnly(e.target.checked)}
                    color="primary"
                    inputProps={{
                      'aria-label': 'Only gates needing attention',
                    }}
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
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <FactsPanel entityRef={entityRef} reloadKey={scorecard.evaluatedAt} />
        </Grid>
      </Grid>
    );
  }

  return (
    <Content noPadding>
      <div data-testid="scorecard-content">
        <Box display="flex" justifyContent="flex-end" mb={2}>
          <Tooltip
            title={
              canEvaluate || permissionLoading
                ? 'Collect facts and evaluate every gate now'
                : 'You are not allowed to trigger evaluations (scorecards.facts.push)'
            }
          >
            <span>
              <Button
                variant="outlined"
                color="primary"
                startIcon={<RefreshIcon />}
                onClick={onEvaluate}
                disabled={evaluating || !canEvaluate}
                data-testid="scorecard-reevaluate"
              >
                {evaluating ? 'Evaluating…' : 'Re-evaluate'}
              </Button>
            </span>
          </Tooltip>
        </Box>
        {evaluateError && (
          <Box mb={2}>
            <Alert severity="error">
              Re-evaluation failed: {evaluateError.message}
            </Alert>
          </Box>
        )}
        {scorecard?.warnings && scorecard.warnings.length > 0 && (
          <Box mb={2}>
            <Alert severity="warning" data-testid="scorecard-warnings">
              <strong>Evaluation warnings</strong>
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {scorecard.warnings.map(w => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </Alert>
          </Box>
        )}
        {body}
      </div>
    </Content>
  );
}
