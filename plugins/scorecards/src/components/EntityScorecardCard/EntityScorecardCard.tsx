import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  EntityScorecard,
  GateResult,
} from '@gatekeeper/plugin-scorecards-common';
import {
  formatDateTime,
  gatesNeedingAttention,
  LevelBadge,
  OutlinedStatusChip,
  ScoreGauge,
  SeverityChip,
  STATUS_LABELS,
  STATUS_ORDER,
  StatusChip,
  VerdictChip,
  verdictReason,
} from '../common';
import { isNotFound, useEntityScorecard } from '../useEntityScorecard';

const useStyles = makeStyles(theme => ({
  gap: { gap: theme.spacing(1) },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
  },
  counts: {
    display: 'flex',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
    marginTop: theme.spacing(2),
  },
  gateItem: {
    paddingLeft: 0,
    paddingRight: 0,
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  },
  chips: {
    display: 'flex',
    gap: theme.spacing(0.5),
    paddingTop: theme.spacing(0.75),
    flexShrink: 0,
  },
}));

/** Props of {@link EntityScorecardCard}. @public */
export interface EntityScorecardCardProps {
  /** Card title, defaults to "Scorecard". */
  title?: string;
  /** Path of the scorecard tab below the entity page, defaults to `scorecard`. */
  tabPath?: string;
  /** How many gates needing attention to list, defaults to 5. */
  maxGates?: number;
  variant?: 'gridItem' | 'fullHeight';
}

/**
 * Entity overview card of the scorecard.
 *
 * @public
 */
export function EntityScorecardCard(props: EntityScorecardCardProps) {
  const { title = 'Scorecard', tabPath = 'scorecard', maxGates = 5 } = props;
  const { entity, value, loading, error } = useEntityScorecard();
  const entityRoute = useRouteRef(entityRouteRef);
  const tabLink = `${entityRoute(entityRouteParams(entity))}/${tabPath}`;

  let content: JSX.Element;
  // A refetch after a signal keeps the shown scorecard until the new one is in.
  if (loading && !value) {
    content = <Progress />;
  } else if (isNotFound(error)) {
    content = (
      <EmptyState
        missing="data"
        title="No scorecard yet"
        description="This entity has not been evaluated by any gate. Scorecards appear once the entity is matched by the gate policy."
      />
    );
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <EmptyState missing="data" title="No scorecard yet" />;
  } else {
    content = (
      <ScorecardSummaryView
        scorecard={value}
        maxGates={maxGates}
        tabLink={tabLink}
      />
    );
  }

  return (
    <InfoCard
      title={title}
      variant={props.variant}
      deepLink={{ title: 'View all gates', link: tabLink }}
    >
      <div data-testid="scorecard-card">{content}</div>
    </InfoCard>
  );
}

function ScorecardSummaryView(props: {
  scorecard: EntityScorecard;
  maxGates: number;
  tabLink: string;
}) {
  const { scorecard, maxGates, tabLink } = props;
  const classes = useStyles();
  const attention = gatesNeedingAttention(scorecard.gates);
  const shown = attention.slice(0, maxGates);
  return (
    <>
      <Box className={classes.header}>
        <ScoreGauge score={scorecard.score} />
        <Box display="flex" flexDirection="column" className={classes.gap}>
          <Box display="flex" className={classes.gap} alignItems="center">
            <VerdictChip verdict={scorecard.verdict} />
            <LevelBadge level={scorecard.level} />
          </Box>
          {verdictReason(scorecard) && (
            <Typography variant="body2" data-testid="scorecard-verdict-reason">
              {verdictReason(scorecard)}
            </Typography>
          )}
          <Typography variant="caption" color="textSecondary">
            Evaluated {formatDateTime(scorecard.evaluatedAt)}
          </Typography>
        </Box>
      </Box>
      <Box className={classes.counts} data-testid="scorecard-counts">
        {STATUS_ORDER.map(status => (
          <OutlinedStatusChip
            key={status}
            status={status}
            label={`${STATUS_LABELS[status]}: ${scorecard.counts[status] ?? 0}`}
          />
        ))}
      </Box>
      <Box mt={2}>
        {attention.length === 0 ? (
          <Typography variant="body2" data-testid="scorecard-all-clear">
            No failing or stale gates.
          </Typography>
        ) : (
          <>
            <Typography variant="subtitle2">Needs attention</Typography>
            <List dense disablePadding data-testid="scorecard-attention">
              {shown.map(gate => (
                <AttentionItem key={gate.gateId} gate={gate} />
              ))}
            </List>
            {attention.length > shown.length && (
              <Link to={tabLink}>
                {attention.length - shown.length} more gate
                {attention.length - shown.length === 1 ? '' : 's'} need
                attention
              </Link>
            )}
          </>
        )}
      </Box>
    </>
  );
}

function AttentionItem(props: { gate: GateResult }) {
  const { gate } = props;
  const classes = useStyles();
  const message = gate.evidence.find(e => e.message)?.message;
  return (
    <ListItem
      className={classes.gateItem}
      data-testid="scorecard-attention-gate"
      data-gate-id={gate.gateId}
    >
      <Box className={classes.chips}>
        <StatusChip status={gate.status} />
        <SeverityChip severity={gate.severity} />
      </Box>
      <ListItemText
        primary={gate.title}
        secondary={
          <>
            {message && <span>{message} · </span>}
            <Link to={gate.remediation}>How to fix</Link>
          </>
        }
      />
    </ListItem>
  );
}
