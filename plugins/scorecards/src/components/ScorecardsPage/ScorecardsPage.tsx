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
import type { GateDefinition } from '@gatekeeper/plugin-scorecards-common';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { scorecardsApiRef } from '../../api';
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

const PAGE_SIZES = [25, 50, 100];

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
  const [exportNote, setExportNote] = useState<string>();
  const classes = useStyles();

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

  const rowsState = useAsync(
    () => fetchPage(api, filters, page, pageSize),
    [api, filters, page, pageSize],
  );

  const updateFilters = useCallback(
    (update: (f: OverviewFilters) => OverviewFilters) => {
      setFilters(update);
      setPage(0);
    },
    [],
  );

  const onGateClick = useCallback((gateId: string) => {
    setFilters(f => ({ ...f, gate: gateId, status: 'fail' }));
    setPage(0);
  }, []);

  const onExport = async () => {
    setExporting(true);
    setExportError(undefined);
    setExportNote(undefined);
    try {
      const rows = await fetchAllRows(api, filters);
      downloadCsv('scorecards.csv', buildOverviewCsv(rows.items, gates));
      if (rows.truncated) {
        setExportNote(
          `The export holds the first ${rows.items.length.toLocaleString(
            'en-US',
          )} of ${rows.totalItems.toLocaleString(
            'en-US',
          )} matching entities; narrow the filters to export the rest.`,
        );
      }
    } catch (e) {
      assertError(e);
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Paper>
      <HeatmapFilters
        filters={filters}
        setFilters={updateFilters}
        textInput={textInput}
        onTextInput={setTextInput}
        gates={gates}
        levels={levels}
        exporting={exporting}
        onExport={onExport}
      />
      {exportError && (
        <Box px={2} pb={2}>
          <Alert severity="error">Export failed: {exportError.message}</Alert>
        </Box>
      )}
      {exportNote && (
        <Box px={2} pb={2}>
          <Alert severity="warning" data-testid="scorecards-export-truncated">
            {exportNote}
          </Alert>
        </Box>
      )}
      <Box px={2}>
        {rowsState.loading && <Progress />}
        {rowsState.error && <ResponseErrorPanel error={rowsState.error} />}
        {!rowsState.loading &&
          !rowsState.error &&
          rowsState.value?.items.length === 0 && (
            <Typography variant="body2" className={classes.empty}>
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
