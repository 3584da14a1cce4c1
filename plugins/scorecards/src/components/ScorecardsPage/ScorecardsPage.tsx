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
import { assertError } from '@backstage/errors';
import { makeStyles } from '@material-ui/core/styles';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import TablePagination from '@material-ui/core/TablePagination';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  type GateDefinition,
  type ScorecardOverview,
  SCORECARDS_SIGNAL_CHANNEL,
} from '@gatekeeper/plugin-scorecards-common';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import type { AsyncState } from 'react-use/esm/useAsyncFn';
import useDebounce from 'react-use/esm/useDebounce';
import { scorecardsApiRef } from '../../api';
import { useScorecardSignal } from '../useScorecardSignal';
import { buildOverviewCsv, downloadCsv } from './csv';
import { Heatmap } from './Heatmap';
import {
  fetchAllRows,
  fetchPage,
  filtersFromSearchParams,
  filtersToSearchParams,
  OverviewFilters,
} from './overviewData';
import { HeatmapFilters } from './HeatmapFilters';
import { RollupView } from './RollupView';
import { WaiverRequestsView } from '../WaiverRequests';
import { CampaignsView } from '../Campaigns';

const PAGE_SIZES = [25, 50, 100];
/** A signalled change reloads the rows this long after it (one per burst). */
const SIGNAL_DELAY_MS = 3000;

const useStyles = makeStyles(theme => ({
  empty: { padding: theme.spacing(2) },
}));

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
  const [view, setView] = useState<
    'heatmap' | 'rollups' | 'waivers' | 'campaigns'
  >('heatmap');
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
          <Tab value="waivers" label="Waiver requests" />
          <Tab value="campaigns" label="Campaigns" />
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
          {!gatesState.loading && !gatesState.error && view === 'waivers' && (
            <WaiverRequestsView />
          )}
          {!gatesState.loading && !gatesState.error && view === 'campaigns' && (
            <CampaignsView />
          )}
        </Box>
      </Content>
    </Page>
  );
}

/** CSV export of every row matching the filters (up to the export cap). */
function useCsvExport(filters: OverviewFilters, gates: GateDefinition[]) {
  const api = useApi(scorecardsApiRef);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<Error>();
  const [note, setNote] = useState<string>();
  const run = async () => {
    setExporting(true);
    setError(undefined);
    setNote(undefined);
    try {
      const rows = await fetchAllRows(api, filters);
      downloadCsv('scorecards.csv', buildOverviewCsv(rows.items, gates));
      if (rows.truncated) {
        setNote(
          `The export holds the first ${rows.items.length.toLocaleString(
            'en-US',
          )} of ${rows.totalItems.toLocaleString(
            'en-US',
          )} matching entities; narrow the filters to export the rest.`,
        );
      }
    } catch (e) {
      assertError(e);
      setError(e);
    } finally {
      setExporting(false);
    }
  };
  return { exporting, error, note, run };
}

function HeatmapRows(props: {
  state: AsyncState<ScorecardOverview>;
  gates: GateDefinition[];
  onGateClick(gateId: string): void;
}) {
  const { state, gates, onGateClick } = props;
  const classes = useStyles();
  // a refetch (new filters, a signalled change) keeps the rows shown until
  // the new ones are in
  if (state.loading && !state.value) {
    return <Progress />;
  }
  if (state.error) {
    return <ResponseErrorPanel error={state.error} />;
  }
  if (!state.value?.items.length) {
    return (
      <Typography variant="body2" className={classes.empty}>
        No scored entities match these filters.
      </Typography>
    );
  }
  return (
    <Heatmap rows={state.value.items} gates={gates} onGateClick={onGateClick} />
  );
}

/**
 * The heatmap's filters (kept in the URL so a filtered view can be shared),
 * the debounced search text and the page; a filter change goes back to the
 * first page.
 */
function useHeatmapFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const [filters, setFilters] = useState<OverviewFilters>(() =>
    filtersFromSearchParams(searchParams),
  );
  const [textInput, setTextInput] = useState(filters.text ?? '');
  const [page, setPage] = useState(0);

  useEffect(() => {
    setSearchParams(filtersToSearchParams(filters), { replace: true });
  }, [filters, setSearchParams]);

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

  const updateFilters = useCallback(
    (update: (f: OverviewFilters) => OverviewFilters) => {
      setFilters(update);
      setPage(0);
    },
    [],
  );

  const onGateClick = useCallback(
    (gateId: string) =>
      updateFilters(f => ({ ...f, gate: gateId, status: 'fail' })),
    [updateFilters],
  );
  return {
    filters,
    updateFilters,
    onGateClick,
    textInput,
    setTextInput,
    page,
    setPage,
  };
}

function HeatmapView(props: {
  gates: GateDefinition[];
  levels: string[];
  initialPageSize: number;
}) {
  const { gates, levels } = props;
  const api = useApi(scorecardsApiRef);
  const heatmap = useHeatmapFilters();
  const { filters, page, setPage } = heatmap;
  const [pageSize, setPageSize] = useState(props.initialPageSize);
  const csv = useCsvExport(filters, gates);
  // scorecards changed in the backend: reload the page of rows (at most
  // every few seconds while changes keep coming)
  const [changes, setChanges] = useState(0);
  useScorecardSignal(
    SCORECARDS_SIGNAL_CHANNEL,
    () => setChanges(n => n + 1),
    SIGNAL_DELAY_MS,
  );
  const rowsState = useAsync(
    () => fetchPage(api, filters, page, pageSize),
    [api, filters, page, pageSize, changes],
  );

  return (
    <Paper>
      <HeatmapFilters
        filters={filters}
        setFilters={heatmap.updateFilters}
        textInput={heatmap.textInput}
        onTextInput={heatmap.setTextInput}
        gates={gates}
        levels={levels}
        exporting={csv.exporting}
        onExport={csv.run}
      />
      {csv.error && (
        <Box px={2} pb={2}>
          <Alert severity="error">Export failed: {csv.error.message}</Alert>
        </Box>
      )}
      {csv.note && (
        <Box px={2} pb={2}>
          <Alert severity="warning" data-testid="scorecards-export-truncated">
            {csv.note}
          </Alert>
        </Box>
      )}
      <Box px={2}>
        <HeatmapRows
          state={rowsState}
          gates={gates}
          onGateClick={heatmap.onGateClick}
        />
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
