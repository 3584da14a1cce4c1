import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { memo } from 'react';
import { EvidenceBadge } from './EvidenceBadge';
import type {
  GateDefinition,
  GateStatus,
  ScorecardSummary,
} from '@gatekeeper/plugin-scorecards-common';
import {
  LevelBadge,
  scorecardPalette,
  ScrollRegion,
  STATUS_GLYPHS,
  STATUS_LABELS,
  ToneText,
  VerdictChip,
} from '../common';

const STATUSES: GateStatus[] = ['pass', 'fail', 'stale', 'waived', 'unknown'];

/** One class per status: its fill and the text colour on it. */
const useStatusStyles = makeStyles(theme => {
  const { status } = scorecardPalette(theme);
  return Object.fromEntries(
    STATUSES.map(st => [
      st,
      { backgroundColor: status[st].fill, color: status[st].onFill },
    ]),
  ) as Record<GateStatus, { backgroundColor: string; color: string }>;
});

const useStyles = makeStyles(theme => ({
  notApplicable: { border: `1px dashed ${theme.palette.text.secondary}` },
  glyph: {
    textAlign: 'center',
    fontSize: 12,
    fontWeight: 700,
    lineHeight: '24px',
  },

  table: {
    fontFamily: theme.typography.fontFamily,
    borderCollapse: 'separate',
    borderSpacing: 2,
    fontSize: theme.typography.body2.fontSize,
  },
  gateHeader: {
    height: 140,
    whiteSpace: 'nowrap',
    verticalAlign: 'bottom',
    padding: 0,
    '& > div': {
      transform: 'translate(9px, 0) rotate(-55deg)',
      transformOrigin: 'bottom left',
      width: 24,
    },
    '& span': { fontWeight: 400 },
  },
  gateButton: {
    background: 'none',
    border: 'none',
    padding: 0,
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    '&:hover': { textDecoration: 'underline' },
  },
  entityCell: {
    whiteSpace: 'nowrap',
    paddingRight: theme.spacing(2),
    textAlign: 'left',
  },
  meta: { whiteSpace: 'nowrap', paddingRight: theme.spacing(1) },
  cell: {
    width: 24,
    minWidth: 24,
    height: 24,
    borderRadius: 3,
    cursor: 'default',
  },
  legend: {
    display: 'flex',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
    flexWrap: 'wrap',
    alignItems: 'center',
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: 4,
    verticalAlign: 'middle',
  },
}));

function entityPath(entityRoute: EntityRoute, ref: string): string | undefined {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    return entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    });
  } catch {
    return undefined;
  }
}

type EntityRoute = (p: {
  namespace: string;
  kind: string;
  name: string;
}) => string;

function GateHeader(props: {
  gate: GateDefinition;
  onGateClick?: (gateId: string) => void;
}) {
  const { gate, onGateClick } = props;
  const classes = useStyles();
  return (
    <th
      className={classes.gateHeader}
      title={`${gate.title} (${gate.severity}, ${gate.level})`}
      data-testid="heatmap-gate-header"
    >
      <div>
        {onGateClick ? (
          <button
            type="button"
            className={classes.gateButton}
            onClick={() => onGateClick(gate.id)}
            // the name starts with the visible text (WCAG 2.5.3)
            aria-label={`${gate.id}: show entities failing ${gate.title}`}
          >
            {gate.id}
          </button>
        ) : (
          <span>{gate.id}</span>
        )}
      </div>
    </th>
  );
}

function HeatmapRow(props: {
  row: ScorecardSummary;
  gates: GateDefinition[];
  entityRoute: EntityRoute;
}) {
  const { row, gates, entityRoute } = props;
  const classes = useStyles();
  const statusClasses = useStatusStyles();
  const path = entityPath(entityRoute, row.entityRef);
  const label = row.title ?? row.entityRef;
  return (
    <tr data-testid="heatmap-row" data-entity-ref={row.entityRef}>
      <td className={classes.entityCell}>
        {path ? <Link to={path}>{label}</Link> : label}
        {row.owner && (
          <Typography variant="caption" color="textSecondary" component="div">
            {row.owner}
          </Typography>
        )}
      </td>
      <td className={classes.meta}>
        <VerdictChip verdict={row.verdict} size="small" />
      </td>
      <td className={classes.meta}>
        <ToneText pick={p => p.score(row.score)}>
          {row.score === undefined ? 'n/a' : Math.round(row.score)}
        </ToneText>
      </td>
      <td className={classes.meta}>
        <LevelBadge level={row.level} />
      </td>
      <td className={classes.meta}>
        <EvidenceBadge evidence={row.evidence} />
      </td>
      {gates.map(gate => {
        const status = row.gates[gate.id] as GateStatus | undefined;
        const text = `${label} · ${gate.title}: ${
          status ? STATUS_LABELS[status] : 'Not applicable'
        }`;
        return (
          <Tooltip key={gate.id} title={text}>
            <td
              className={`${classes.cell} ${classes.glyph} ${
                status ? statusClasses[status] : classes.notApplicable
              }`}
              aria-label={text}
              data-testid="heatmap-cell"
              data-gate-id={gate.id}
              data-status={status ?? 'n/a'}
            >
              <span aria-hidden>{status ? STATUS_GLYPHS[status] : ''}</span>
            </td>
          </Tooltip>
        );
      })}
    </tr>
  );
}

/** The statuses' fills and glyphs, and the not-applicable outline. */
function HeatmapLegend() {
  const classes = useStyles();
  const statusClasses = useStatusStyles();
  return (
    <div className={classes.legend}>
      {STATUSES.map(status => (
        <Typography variant="caption" key={status}>
          <span
            className={`${classes.swatch} ${classes.glyph} ${statusClasses[status]}`}
            aria-hidden
          >
            {STATUS_GLYPHS[status]}
          </span>
          {STATUS_LABELS[status]}
        </Typography>
      ))}
      <Typography variant="caption">
        <span
          className={`${classes.swatch} ${classes.notApplicable}`}
          aria-hidden
        />
        Not applicable
      </Typography>
    </div>
  );
}

/**
 * Entities (rows) x gates (columns) coloured by gate status, with a glyph
 * per status. Memoised: typing in the filters must not re-render every cell.
 * The table scrolls sideways in a region that takes the keyboard focus.
 */
export const Heatmap = memo(function HeatmapTable(props: {
  rows: ScorecardSummary[];
  gates: GateDefinition[];
  /** Called with a gate id when its column header is clicked. */
  onGateClick?: (gateId: string) => void;
}) {
  const { rows, gates, onGateClick } = props;
  const classes = useStyles();
  const entityRoute = useRouteRef(entityRouteRef);
  return (
    <>
      <ScrollRegion label="Gate status per entity">
        <table className={classes.table} data-testid="scorecards-heatmap">
          <thead>
            <tr>
              <th className={classes.entityCell}>Entity</th>
              <th className={classes.meta}>Verdict</th>
              <th className={classes.meta}>Score</th>
              <th className={classes.meta}>Level</th>
              <th className={classes.meta}>Evidence</th>
              {gates.map(gate => (
                <GateHeader
                  key={gate.id}
                  gate={gate}
                  onGateClick={onGateClick}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(row => (
              <HeatmapRow
                key={row.entityRef}
                row={row}
                gates={gates}
                entityRoute={entityRoute}
              />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <HeatmapLegend />
    </>
  );
});
