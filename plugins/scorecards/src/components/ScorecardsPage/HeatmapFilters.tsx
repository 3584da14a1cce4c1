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
  disabledLabel: { '&&': { color: theme.palette.text.secondary } },
}));

/** Select props that put a test id on the element a user clicks. */
function selectTestId(testId: string): Partial<SelectProps> {
  const display: HTMLAttributes<HTMLDivElement> & { 'data-testid': string } = {
    'data-testid': testId,
  };
  return { SelectDisplayProps: display };
}

/** An outlined select of `options` (value and label), "Any" first unless `required`. */
function SelectFilter(props: {
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  onChange(value: string): void;
  testId: string;
  wide?: boolean;
  disabled?: boolean;
  required?: boolean;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      label={props.label}
      value={props.value ?? ''}
      disabled={props.disabled}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={selectTestId(props.testId)}
      // a disabled label keeps a readable colour: it still names the field
      InputLabelProps={{ classes: { disabled: classes.disabledLabel } }}
      size="small"
      variant="outlined"
      className={props.wide ? classes.wideSelect : classes.select}
    >
      {!props.required && <MenuItem value="">Any</MenuItem>}
      {props.options.map(o => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

const REF_FILTERS = [
  { label: 'Owner', by: 'group', key: 'owner' },
  { label: 'System', by: 'system', key: 'system' },
  { label: 'Domain', by: 'domain', key: 'domain' },
] as const;

function RefFilters(props: {
  filters: OverviewFilters;
  setFilter(key: keyof OverviewFilters, value?: string): void;
}) {
  return (
    <>
      {REF_FILTERS.map(f => (
        <RefFilter
          key={f.key}
          label={f.label}
          by={f.by}
          value={props.filters[f.key]}
          onChange={v => props.setFilter(f.key, v)}
          testId={`filter-${f.key}`}
        />
      ))}
    </>
  );
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

const EVIDENCE_OPTIONS = [
  { value: 'stale', label: 'Stale evidence' },
  { value: 'configured', label: 'Configuration only' },
];

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
      <RefFilters filters={filters} setFilter={setFilter} />
      <SelectFilter
        label="Verdict"
        value={filters.verdict}
        options={VERDICTS.map(v => ({ value: v, label: VERDICT_LABELS[v] }))}
        onChange={v => setFilter('verdict', v)}
        testId="filter-verdict"
      />
      <SelectFilter
        label="Level"
        value={filters.level}
        options={levels.map(l => ({ value: l, label: capitalize(l) }))}
        onChange={v => setFilter('level', v)}
        testId="filter-level"
      />
      <SelectFilter
        label="Gate"
        value={filters.gate}
        options={gates.map(g => ({ value: g.id, label: g.title }))}
        onChange={gate =>
          setFilters(f => ({
            ...f,
            gate: gate || undefined,
            status: gate ? f.status ?? 'fail' : undefined,
          }))
        }
        testId="filter-gate"
        wide
      />
      <SelectFilter
        label="Gate status"
        value={filters.status}
        options={STATUS_ORDER.map(st => ({
          value: st,
          label: STATUS_LABELS[st],
        }))}
        onChange={v => setFilter('status', v)}
        testId="filter-status"
        disabled={!filters.gate}
        required
      />
      <SelectFilter
        label="Evidence"
        value={filters.evidence}
        options={EVIDENCE_OPTIONS}
        onChange={v => setFilter('evidence', v)}
        testId="filter-evidence"
        wide
      />
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
