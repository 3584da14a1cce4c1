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
import type {
  GateDefinition,
  ScorecardRollup,
} from '@gatekeeper/plugin-scorecards-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef, ScorecardRollupBy } from '../../api';
import {
  capitalize,
  levelColor,
  scoreColor,
  VERDICT_COLORS,
  VERDICT_LABELS,
  VERDICTS,
} from '../common';

const ROLLUP_TABS: { by: ScorecardRollupBy; label: string }[] = [
  { by: 'group', label: 'By group' },
  { by: 'system', label: 'By system' },
  { by: 'domain', label: 'By domain' },
];

/** Colour of a 0-1 pass rate, from red (0) to green (1). */
export function passRateColor(rate: number): string {
  const hue = Math.round(Math.max(0, Math.min(1, rate)) * 120);
  return `hsl(${hue}, 65%, 42%)`;
}

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

/** Roll-ups of scores, verdicts, levels and gate pass rates. */
export function RollupView(props: { gates: GateDefinition[] }) {
  const [by, setBy] = useState<ScorecardRollupBy>('group');
  const api = useApi(scorecardsApiRef);
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
        <Typography variant="body2" style={{ padding: 16 }}>
          No {by}s with scored entities.
        </Typography>
      )}
      {!loading && !error && value && value.items.length > 0 && (
        <RollupTable items={value.items} gates={props.gates} by={by} />
      )}
    </div>
  );
}

function RollupTable(props: {
  items: ScorecardRollup[];
  gates: GateDefinition[];
  by: ScorecardRollupBy;
}) {
  const { items, gates, by } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  const sorted = [...items].sort(
    (a, b) =>
      (a.averageScore ?? -1) - (b.averageScore ?? -1) ||
      a.ref.localeCompare(b.ref),
  );
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={`Roll-up by ${by}`}>
        <TableHead>
          <TableRow style={{ whiteSpace: 'nowrap' }}>
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
          {sorted.map(item => {
            let path: string | undefined;
            let label = item.ref;
            try {
              const ref = parseEntityRef(item.ref);
              label = ref.name;
              path = entityRoute({
                kind: ref.kind.toLocaleLowerCase('en-US'),
                namespace: ref.namespace,
                name: ref.name,
              });
            } catch {
              path = undefined;
            }
            return (
              <TableRow
                key={item.ref}
                data-testid="rollup-row"
                data-ref={item.ref}
              >
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {path ? <Link to={path}>{label}</Link> : label}
                </TableCell>
                <TableCell align="right">{item.entityCount}</TableCell>
                <TableCell
                  align="right"
                  style={{
                    color: scoreColor(item.averageScore),
                    fontWeight: 700,
                  }}
                >
                  {item.averageScore === undefined
                    ? 'n/a'
                    : (Math.round(item.averageScore * 10) / 10).toFixed(1)}
                </TableCell>
                {VERDICTS.map(v => (
                  <TableCell
                    key={v}
                    align="right"
                    style={{
                      color: item.verdicts[v] ? VERDICT_COLORS[v] : undefined,
                    }}
                  >
                    {item.verdicts[v] ?? 0}
                  </TableCell>
                ))}
                <TableCell>
                  {Object.entries(item.levels)
                    .filter(([, n]) => n > 0)
                    .map(([level, n]) => (
                      <span
                        key={level}
                        style={{
                          color: levelColor(
                            level === 'none' ? undefined : level,
                          ),
                          marginRight: 8,
                          whiteSpace: 'nowrap',
                        }}
                      >
                        {level === 'none' ? 'No level' : capitalize(level)} {n}
                      </span>
                    ))}
                </TableCell>
                <TableCell>
                  <div style={{ display: 'flex', gap: 2 }}>
                    {gates.map(gate => {
                      const rate = item.gatePassRates[gate.id];
                      const text = `${gate.title}: ${formatPercent(rate)} pass`;
                      return (
                        <Tooltip key={gate.id} title={text}>
                          <div
                            aria-label={text}
                            data-testid="rollup-pass-rate"
                            data-gate-id={gate.id}
                            style={{
                              width: 14,
                              height: 14,
                              borderRadius: 2,
                              backgroundColor:
                                rate === undefined
                                  ? 'transparent'
                                  : passRateColor(rate),
                              border:
                                rate === undefined
                                  ? '1px dashed #bdbdbd'
                                  : undefined,
                            }}
                          />
                        </Tooltip>
                      );
                    })}
                  </div>
                </TableCell>
                <TableCell data-testid="rollup-weakest-gate">
                  {weakestGate(item, gates)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
