import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import TablePagination from '@material-ui/core/TablePagination';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';
import type { GateDefinition } from '@gatekeeper/plugin-scorecards-common';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { scorecardsApiRef } from '../../api';
import {
  capitalize,
  STATUS_LABELS,
  STATUS_ORDER,
  VERDICT_LABELS,
  VERDICTS,
} from '../common';
import { buildOverviewCsv, downloadCsv } from './csv';
import { Heatmap } from './Heatmap';
import {
  AllRowsCache,
  fetchFilteredRows,
  fetchPage,
  filtersFromSearchParams,
  filtersToSearchParams,
  OverviewFilters,
} from './overviewData';
import { RefFilter } from './RefFilter';
import { RollupView } from './RollupView';

const PAGE_SIZES = [25, 50, 100];

/** Props of {@link ScorecardsPage}. @public */
export interface ScorecardsPageProps {
  title?: string;
  subtitle?: string;
  /** Rows per heatmap page, defaults to 25. */
  pageSize?: number;
}

/**
 * Scorecards overview page.
 *
 * @public
 */
export function ScorecardsPage(props: ScorecardsPageProps) {
  const {
    title = 'Scorecards',
    subtitle = 'Gate compliance across the catalog',
  } = props;
  const api = useApi(scorecardsApiRef);
  const [view, setView] = useState<'heatmap' | 'rollups'>('heatmap');
  const gatesState = useAsync(() => api.getGates(), [api]);
  const gates = gatesState.value?.gates ?? [];

  return (
    <Page themeId="tool">
      <Header title={title} subtitle={subtitle} />
      <Content>
        <ContentHeader title="Gate compliance">
          <SupportButton>
            Heatmap of every scored entity against every gate, and roll-ups by
            owning group, system and domain.
          </SupportButton>
        </ContentHeader>
        <Tabs
          value={view}
          onChange={(_e, next) => setView(next)}
          indicatorColor="primary"
          aria-label="Scorecards view"
        >
          <Tab value="heatmap" label="Heatmap" />
          <Tab value="rollups" label="Roll-ups" />
        </Tabs>
        <Box mt={2}>
          {gatesState.loading && <Progress />}
          {gatesState.error && <ResponseErrorPanel error={gatesState.error} />}
          {!gatesState.loading && !gatesState.error && view === 'heatmap' && (
            <HeatmapView
              gates={gates}
              levels={gatesState.value?.levels ?? []}
              initialPageSize={props.pageSize ?? PAGE_SIZES[0]}
            />
          )}
          {!gatesState.loading && !gatesState.error && view === 'rollups' && (
            <Paper>
              <RollupView gates={gates} />
            </Paper>
          )}
        </Box>
      </Content>
    </Page>
  );
}

function HeatmapView(props: {
  gates: GateDefinition[];
  levels: string[];
  initialPageSize: number;
}) {
  const { gates, levels } = props;
  const api = useApi(scorecardsApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const [filters, setFilters] = useState<OverviewFilters>(() =>
    filtersFromSearchParams(searchParams),
  );
  const [textInput, setTextInput] = useState(filters.text ?? '');

  // Keep the filters in the URL so a filtered view can be shared.
  useEffect(() => {
    setSearchParams(filtersToSearchParams(filters), { replace: true });
  }, [filters, setSearchParams]);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(props.initialPageSize);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Error>();

  useDebounce(
    () => {
      const text = textInput.trim() || undefined;
      if (text !== filters.text) {
        setFilters(f => ({ ...f, text }));
        setPage(0);
      }
    },
    300,
    [textInput],
  );

  const [cache] = useState(() => new AllRowsCache());
  const rowsState = useAsync(
    () => fetchPage(api, filters, page, pageSize, cache),
    [api, filters, page, pageSize, cache],
  );

  const setFilter = (key: keyof OverviewFilters, value?: string) => {
    setFilters(f => ({ ...f, [key]: value || undefined }));
    setPage(0);
  };

  const onGateClick = useCallback((gateId: string) => {
    setFilters(f => ({ ...f, gate: gateId, status: 'fail' }));
    setPage(0);
  }, []);

  const onExport = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const rows = await fetchFilteredRows(api, filters);
      downloadCsv('scorecards.csv', buildOverviewCsv(rows, gates));
    } catch (e) {
      setExportError(e as Error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Paper>
      <Box
        p={2}
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
        data-testid="scorecards-filters"
      >
        <TextField
          label="Search"
          placeholder="Name, owner, system…"
          value={textInput}
          onChange={e => setTextInput(e.target.value)}
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
          SelectProps={{
            SelectDisplayProps: { 'data-testid': 'filter-verdict' } as any,
          }}
          size="small"
          variant="outlined"
          style={{ minWidth: 140 }}
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
          SelectProps={{
            SelectDisplayProps: { 'data-testid': 'filter-level' } as any,
          }}
          size="small"
          variant="outlined"
          style={{ minWidth: 140 }}
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
          onChange={e => {
            setFilters(f => ({
              ...f,
              gate: e.target.value || undefined,
              status: e.target.value ? f.status ?? 'fail' : undefined,
            }));
            setPage(0);
          }}
          SelectProps={{
            SelectDisplayProps: { 'data-testid': 'filter-gate' } as any,
          }}
          size="small"
          variant="outlined"
          style={{ minWidth: 180 }}
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
          SelectProps={{
            SelectDisplayProps: { 'data-testid': 'filter-status' } as any,
          }}
          size="small"
          variant="outlined"
          style={{ minWidth: 140 }}
        >
          {STATUS_ORDER.map(st => (
            <MenuItem key={st} value={st}>
              {STATUS_LABELS[st]}
            </MenuItem>
          ))}
        </TextField>
        <Box flexGrow={1} />
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={onExport}
          disabled={exporting}
          data-testid="scorecards-export-csv"
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </Box>
      {exportError && (
        <Box px={2} pb={2}>
          <Alert severity="error">Export failed: {exportError.message}</Alert>
        </Box>
      )}
      <Box px={2}>
        {rowsState.loading && <Progress />}
        {rowsState.error && <ResponseErrorPanel error={rowsState.error} />}
        {!rowsState.loading &&
          !rowsState.error &&
          rowsState.value?.items.length === 0 && (
            <Typography variant="body2" style={{ padding: 16 }}>
              No scored entities match these filters.
            </Typography>
          )}
        {!rowsState.loading &&
          !rowsState.error &&
          !!rowsState.value?.items.length && (
            <Heatmap
              rows={rowsState.value.items}
              gates={gates}
              onGateClick={onGateClick}
            />
          )}
      </Box>
      <TablePagination
        component="div"
        count={rowsState.value?.totalItems ?? 0}
        page={page}
        onPageChange={(_e, next) => setPage(next)}
        rowsPerPage={pageSize}
        rowsPerPageOptions={
          PAGE_SIZES.includes(pageSize) ? PAGE_SIZES : [pageSize, ...PAGE_SIZES]
        }
        onRowsPerPageChange={e => {
          setPageSize(parseInt(e.target.value, 10));
          setPage(0);
        }}
      />
    </Paper>
  );
}
