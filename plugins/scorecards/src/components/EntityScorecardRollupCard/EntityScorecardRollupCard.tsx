import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  EntityVerdict,
  GateDefinition,
  ScorecardOverview,
  ScorecardRollup,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef, ScorecardRollupBy } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  LevelBadge,
  OutlinedToneChip,
  ScoreGauge,
  ToneText,
  VERDICT_LABELS,
  VERDICTS,
  VerdictChip,
} from '../common';
import { weakestGate } from '../ScorecardsPage/RollupView';

const DIMENSIONS: Record<
  string,
  { by: ScorecardRollupBy; filter: 'owner' | 'system' | 'domain' }
> = {
  group: { by: 'group', filter: 'owner' },
  system: { by: 'system', filter: 'system' },
  domain: { by: 'domain', filter: 'domain' },
};

const VERDICT_RANK: Record<EntityVerdict, number> = {
  blocked: 0,
  'at-risk': 1,
  ready: 2,
};

/** Props of {@link EntityScorecardRollupCard}. @public */
export interface EntityScorecardRollupCardProps {
  title?: string;
  /** How many entities to list, worst first; defaults to 10. */
  maxEntities?: number;
  variant?: 'gridItem' | 'fullHeight';
}

function useOptionalRouteRef(ref: typeof rootRouteRef) {
  try {
    return useRouteRef(ref);
  } catch {
    return undefined;
  }
}

/**
 * Roll-up card for Group, System and Domain pages: average score, verdict
 * counts, weakest gate and the scored entities below it, worst first.
 *
 * @public
 */
export function EntityScorecardRollupCard(
  props: EntityScorecardRollupCardProps,
) {
  const { title = 'Gate compliance', maxEntities = 10 } = props;
  const { entity } = useEntity();
  const api = useApi(scorecardsApiRef);
  const pageRoute = useOptionalRouteRef(rootRouteRef);
  const ref = stringifyEntityRef(entity);
  const dimension = DIMENSIONS[entity.kind.toLocaleLowerCase('en-US')];

  const state = useAsync(async () => {
    if (!dimension) {
      return undefined;
    }
    const [rollups, gates, overview] = await Promise.all([
      api.getRollups(dimension.by),
      api.getGates(),
      api.getOverview({ [dimension.filter]: ref, limit: 500 }),
    ]);
    return {
      rollup: rollups.items.find(r => r.ref === ref),
      gates: gates.gates,
      overview,
    };
  }, [api, ref, dimension?.by, dimension?.filter]);

  const pageLink =
    pageRoute && dimension
      ? `${pageRoute()}?${new URLSearchParams({ [dimension.filter]: ref })}`
      : undefined;

  let content: JSX.Element;
  if (!dimension) {
    content = (
      <EmptyState
        missing="info"
        title="Roll-ups apply to groups, systems and domains"
      />
    );
  } else if (state.loading) {
    content = <Progress />;
  } else if (state.error) {
    content = <ResponseErrorPanel error={state.error} />;
  } else if (!state.value?.rollup || state.value.overview.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No scored entities"
        description={`No entity ${
          dimension.filter === 'owner' ? 'owned by' : 'in'
        } ${entity.metadata.name} has a scorecard yet.`}
      />
    );
  } else {
    content = (
      <RollupCardBody
        rollup={state.value.rollup}
        gates={state.value.gates}
        overview={state.value.overview}
        maxEntities={maxEntities}
      />
    );
  }

  return (
    <InfoCard
      title={title}
      variant={props.variant}
      deepLink={
        pageLink ? { title: 'Open in Scorecards', link: pageLink } : undefined
      }
    >
      <div data-testid="scorecard-rollup-card">{content}</div>
    </InfoCard>
  );
}

const useStyles = makeStyles(theme => ({
  summary: { display: 'flex', alignItems: 'center', gap: theme.spacing(2) },
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  weakest: { marginTop: theme.spacing(1) },
  table: { marginTop: theme.spacing(2) },
}));

/** The scored entities with verdict, score and level, worst first. */
function WorstEntities(props: { rows: ScorecardSummary[] }) {
  const classes = useStyles();
  const entityRoute = useRouteRef(entityRouteRef);
  return (
    <Table
      size="small"
      className={classes.table}
      aria-label="Scored entities, worst first"
    >
      <TableBody>
        {props.rows.map(row => (
          <TableRow
            key={row.entityRef}
            data-testid="scorecard-rollup-entity"
            data-entity-ref={row.entityRef}
          >
            <TableCell>
              <VerdictChip verdict={row.verdict} size="small" />
            </TableCell>
            <TableCell>
              <Link to={entityPath(entityRoute, row.entityRef)}>
                {row.title ?? parseEntityRef(row.entityRef).name}
              </Link>
            </TableCell>
            <TableCell align="right">
              <ToneText pick={p => p.score(row.score)}>
                {row.score === undefined ? 'n/a' : Math.round(row.score)}
              </ToneText>
            </TableCell>
            <TableCell>
              <LevelBadge level={row.level} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RollupCardBody(props: {
  rollup: ScorecardRollup;
  gates: GateDefinition[];
  overview: ScorecardOverview;
  maxEntities: number;
}) {
  const { rollup, gates, overview, maxEntities } = props;
  const classes = useStyles();
  const worstFirst = [...overview.items].sort(compareSummaries);
  return (
    <>
      <Box className={classes.summary}>
        <ScoreGauge score={rollup.averageScore} />
        <Box>
          <Typography variant="body2">
            {rollup.entityCount} scored entit
            {rollup.entityCount === 1 ? 'y' : 'ies'} · average score
          </Typography>
          <Box className={classes.counts}>
            {VERDICTS.map(v => (
              <OutlinedToneChip
                key={v}
                pick={p => p.verdict[v]}
                data-verdict={v}
                label={`${VERDICT_LABELS[v]}: ${rollup.verdicts[v] ?? 0}`}
              />
            ))}
          </Box>
          <Typography
            variant="caption"
            color="textSecondary"
            component="div"
            className={classes.weakest}
            data-testid="scorecard-rollup-weakest"
          >
            Weakest gate: {weakestGate(rollup, gates)}
          </Typography>
        </Box>
      </Box>
      <WorstEntities rows={worstFirst.slice(0, maxEntities)} />
      {overview.totalItems > Math.min(maxEntities, worstFirst.length) && (
        <Typography variant="caption" color="textSecondary">
          Showing {Math.min(maxEntities, worstFirst.length)} of{' '}
          {overview.totalItems}, worst first.
        </Typography>
      )}
    </>
  );
}

function compareSummaries(a: ScorecardSummary, b: ScorecardSummary): number {
  return (
    VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
    (a.score ?? -1) - (b.score ?? -1) ||
    a.entityRef.localeCompare(b.entityRef)
  );
}

function entityPath(
  entityRoute: (p: { kind: string; namespace: string; name: string }) => string,
  ref: string,
): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return entityRoute({
    kind: kind.toLocaleLowerCase('en-US'),
    namespace,
    name,
  });
}
