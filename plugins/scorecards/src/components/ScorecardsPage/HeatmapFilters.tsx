import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import { SelectProps } from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { GateDefinition } from '@gatekeeper/plugin-scorecards-common';
import { HTMLAttributes } from 'react';
import {
  capitalize,
  STATUS_LABELS,
  STATUS_ORDER,
  VERDICT_LABELS,
  VERDICTS,
} from '../common';
import { OverviewFilters } from './overviewData';
import { RefFilter } from './RefFilter';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2),
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  select: { minWidth: 140 },
  wideSelect: { minWidth: 180 },
  spacer: { flexGrow: 1 },
}));

/** Select props that put a test id on the element a user clicks. */
function selectTestId(testId: string): Partial<SelectProps> {
  const display: HTMLAttributes<HTMLDivElement> & { 'data-testid': string } = {
    'data-testid': testId,
  };
  return { SelectDisplayProps: display };
}

/** Props of {@link HeatmapFilters}. */
export interface HeatmapFiltersProps {
  filters: OverviewFilters;
  /** Applies a change to the filters (and goes back to the first page). */
  setFilters(update: (f: OverviewFilters) => OverviewFilters): void;
  textInput: string;
  onTextInput(text: string): void;
  gates: GateDefinition[];
  levels: string[];
  exporting: boolean;
  onExport(): void;
}

/** The filter bar of the heatmap: search, refs, verdict, level, gate, export. */
export function HeatmapFilters(props: HeatmapFiltersProps) {
  const { filters, setFilters, gates, levels } = props;
  const classes = useStyles();
  const setFilter = (key: keyof OverviewFilters, value?: string) =>
    setFilters(f => ({ ...f, [key]: value || undefined }));

  return (
    <Box className={classes.root} data-testid="scorecards-filters">
      <TextField
        label="Search"
        placeholder="Name, owner, system…"
        value={props.textInput}
        onChange={e => props.onTextInput(e.target.value)}
        inputProps={{ 'data-testid': 'filter-text' }}
        size="small"
        variant="outlined"
      />
      <RefFilter
        label="Owner"
        by="group"
        value={filters.owner}
        onChange={v => setFilter('owner', v)}
        testId="filter-owner"
      />
      <RefFilter
        label="System"
        by="system"
        value={filters.system}
        onChange={v => setFilter('system', v)}
        testId="filter-system"
      />
      <RefFilter
        label="Domain"
        by="domain"
        value={filters.domain}
        onChange={v => setFilter('domain', v)}
        testId="filter-domain"
      />
      <TextField
        select
        label="Verdict"
        value={filters.verdict ?? ''}
        onChange={e => setFilter('verdict', e.target.value)}
        SelectProps={selectTestId('filter-verdict')}
        size="small"
        variant="outlined"
        className={classes.select}
      >
        <MenuItem value="">Any</MenuItem>
        {VERDICTS.map(v => (
          <MenuItem key={v} value={v}>
            {VERDICT_LABELS[v]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Level"
        value={filters.level ?? ''}
        onChange={e => setFilter('level', e.target.value)}
        SelectProps={selectTestId('filter-level')}
        size="small"
        variant="outlined"
        className={classes.select}
      >
        <MenuItem value="">Any</MenuItem>
        {levels.map(l => (
          <MenuItem key={l} value={l}>
            {capitalize(l)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Gate"
        value={filters.gate ?? ''}
        onChange={e =>
          setFilters(f => ({
            ...f,
            gate: e.target.value || undefined,
            status: e.target.value ? f.status ?? 'fail' : undefined,
          }))
        }
        SelectProps={selectTestId('filter-gate')}
        size="small"
        variant="outlined"
        className={classes.wideSelect}
      >
        <MenuItem value="">Any</MenuItem>
        {gates.map(g => (
          <MenuItem key={g.id} value={g.id}>
            {g.title}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Gate status"
        value={filters.status ?? ''}
        disabled={!filters.gate}
        onChange={e => setFilter('status', e.target.value)}
        SelectProps={selectTestId('filter-status')}
        size="small"
        variant="outlined"
        className={classes.select}
      >
        {STATUS_ORDER.map(st => (
          <MenuItem key={st} value={st}>
            {STATUS_LABELS[st]}
          </MenuItem>
        ))}
      </TextField>
      <Box className={classes.spacer} />
      <Button
        variant="outlined"
        startIcon={<GetAppIcon />}
        onClick={props.onExport}
        disabled={props.exporting}
        data-testid="scorecards-export-csv"
      >
        {props.exporting ? 'Exporting…' : 'Export CSV'}
      </Button>
    </Box>
  );
}
