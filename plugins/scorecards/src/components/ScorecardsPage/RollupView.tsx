import { parseEntityRef } from '@backstage/catalog-model';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Tab from '@material-ui/core/Tab';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tabs from '@material-ui/core/Tabs';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  GateDefinition,
  ScorecardRollup,
} from '@gatekeeper/plugin-scorecards-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef, ScorecardRollupBy } from '../../api';
import {
  capitalize,
  scorecardPalette,
  ScrollRegion,
  ToneText,
  VERDICT_LABELS,
  VERDICTS,
} from '../common';

const ROLLUP_TABS: { by: ScorecardRollupBy; label: string }[] = [
  { by: 'group', label: 'By group' },
  { by: 'system', label: 'By system' },
  { by: 'domain', label: 'By domain' },
];

/** Title and pass rate of the gate with the lowest pass rate, or a dash. */
export function weakestGate(
  item: ScorecardRollup,
  gates: GateDefinition[],
): string {
  let weakest: { title: string; rate: number } | undefined;
  for (const [gateId, rate] of Object.entries(item.gatePassRates)) {
    if (!weakest || rate < weakest.rate) {
      const title = gates.find(g => g.id === gateId)?.title ?? gateId;
      weakest = { title, rate };
    }
  }
  return weakest && weakest.rate < 1
    ? `${weakest.title} (${formatPercent(weakest.rate)})`
    : '—';
}

function formatPercent(rate: number | undefined): string {
  return rate === undefined ? 'n/a' : `${Math.round(rate * 100)}%`;
}

const useStyles = makeStyles(theme => ({
  empty: { padding: theme.spacing(2) },
  nowrap: { whiteSpace: 'nowrap' },
  level: { whiteSpace: 'nowrap', marginRight: theme.spacing(1) },
  rates: { display: 'flex', gap: 2 },
  rate: {
    width: 14,
    height: 14,
    borderRadius: 2,
    backgroundColor: (p: { rate?: number }) =>
      p.rate === undefined
        ? 'transparent'
        : scorecardPalette(theme).passRate(p.rate),
    border: (p: { rate?: number }) =>
      p.rate === undefined ? `1px dashed ${theme.palette.text.secondary}` : 0,
  },
}));

/** Roll-ups of scores, verdicts, levels and gate pass rates. */
export function RollupView(props: { gates: GateDefinition[] }) {
  const [by, setBy] = useState<ScorecardRollupBy>('group');
  const api = useApi(scorecardsApiRef);
  const classes = useStyles({});
  const { value, loading, error } = useAsync(
    () => api.getRollups(by),
    [api, by],
  );

  return (
    <div data-testid="scorecards-rollups">
      <Tabs
        value={by}
        onChange={(_e, next) => setBy(next)}
        indicatorColor="primary"
        aria-label="Roll-up dimension"
      >
        {ROLLUP_TABS.map(t => (
          <Tab key={t.by} value={t.by} label={t.label} />
        ))}
      </Tabs>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && !error && value && value.items.length === 0 && (
        <Typography variant="body2" className={classes.empty}>
          No {by}s with scored entities.
        </Typography>
      )}
      {!loading && !error && value && value.items.length > 0 && (
        <RollupTable items={value.items} gates={props.gates} by={by} />
      )}
    </div>
  );
}

function PassRate(props: { gate: GateDefinition; rate?: number }) {
  const { gate, rate } = props;
  const classes = useStyles({ rate });
  const text = `${gate.title}: ${formatPercent(rate)} pass`;
  return (
    <Tooltip title={text}>
      <div
        role="img"
        aria-label={text}
        data-testid="rollup-pass-rate"
        data-gate-id={gate.id}
        className={classes.rate}
      />
    </Tooltip>
  );
}

function LevelCounts(props: { levels: Record<string, number> }) {
  const classes = useStyles({});
  return (
    <>
      {Object.entries(props.levels)
        .filter(([, n]) => n > 0)
        .map(([level, n]) => (
          <ToneText
            key={level}
            pick={p => p.level(level === 'none' ? undefined : level)}
            className={classes.level}
          >
            {level === 'none' ? 'No level' : capitalize(level)} {n}
          </ToneText>
        ))}
    </>
  );
}

function rollupLink(
  ref: string,
  entityRoute: (p: { kind: string; namespace: string; name: string }) => string,
): { label: string; path?: string } {
  try {
    const parsed = parseEntityRef(ref);
    return {
      label: parsed.name,
      path: entityRoute({
        kind: parsed.kind.toLocaleLowerCase('en-US'),
        namespace: parsed.namespace,
        name: parsed.name,
      }),
    };
  } catch {
    return { label: ref };
  }
}

function RollupRow(props: { item: ScorecardRollup; gates: GateDefinition[] }) {
  const { item, gates } = props;
  const classes = useStyles({});
  const entityRoute = useRouteRef(entityRouteRef);
  const { label, path } = rollupLink(item.ref, entityRoute);
  return (
    <TableRow data-testid="rollup-row" data-ref={item.ref}>
      <TableCell className={classes.nowrap}>
        {path ? <Link to={path}>{label}</Link> : label}
      </TableCell>
      <TableCell align="right">{item.entityCount}</TableCell>
      <TableCell align="right">
        <ToneText pick={p => p.score(item.averageScore)}>
          {item.averageScore === undefined
            ? 'n/a'
            : (Math.round(item.averageScore * 10) / 10).toFixed(1)}
        </ToneText>
      </TableCell>
      {VERDICTS.map(v => (
        <TableCell key={v} align="right">
          {item.verdicts[v] ? (
            <ToneText pick={p => p.verdict[v]}>{item.verdicts[v]}</ToneText>
          ) : (
            0
          )}
        </TableCell>
      ))}
      <TableCell>
        <LevelCounts levels={item.levels} />
      </TableCell>
      <TableCell>
        <div className={classes.rates}>
          {gates.map(gate => (
            <PassRate
              key={gate.id}
              gate={gate}
              rate={item.gatePassRates[gate.id]}
            />
          ))}
        </div>
      </TableCell>
      <TableCell data-testid="rollup-weakest-gate">
        {weakestGate(item, gates)}
      </TableCell>
    </TableRow>
  );
}

function RollupTable(props: {
  items: ScorecardRollup[];
  gates: GateDefinition[];
  by: ScorecardRollupBy;
}) {
  const { items, gates, by } = props;
  const classes = useStyles({});
  const sorted = [...items].sort(
    (a, b) =>
      (a.averageScore ?? -1) - (b.averageScore ?? -1) ||
      a.ref.localeCompare(b.ref),
  );
  return (
    <ScrollRegion label={`Roll-up by ${by}`}>
      <Table size="small" aria-label={`Roll-up by ${by}`}>
        <TableHead>
          <TableRow className={classes.nowrap}>
            <TableCell>{capitalize(by)}</TableCell>
            <TableCell align="right">Entities</TableCell>
            <TableCell align="right">Average score</TableCell>
            {VERDICTS.map(v => (
              <TableCell key={v} align="right">
                {VERDICT_LABELS[v]}
              </TableCell>
            ))}
            <TableCell>Levels</TableCell>
            <TableCell>Gate pass rates</TableCell>
            <TableCell>Weakest gate</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map(item => (
            <RollupRow key={item.ref} item={item} gates={gates} />
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}
