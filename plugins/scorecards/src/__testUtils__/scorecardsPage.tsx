/* Helpers of the ScorecardsPage tests (the page over a mocked API). */
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import type { ScorecardOverviewQuery } from '../api';
import { scorecardsApiRef } from '../api';
import { mockScorecardsApi } from '../testUtils/fixtures';
import { ScorecardsPage } from '../components/ScorecardsPage';
import type { ScorecardSummary } from '@gatekeeper/plugin-scorecards-common';

/** Every free-text term in ref, title, owner, system or domain (as `q`). */
export function matchesQ(r: ScorecardSummary, q?: string) {
  const text = [r.entityRef, r.title, r.owner, r.system, r.domain]
    .join(' ')
    .toLocaleLowerCase('en-US');
  return (q ?? '')
    .toLocaleLowerCase('en-US')
    .split(/\s+/)
    .filter(Boolean)
    .every(term => text.includes(term));
}

/** Backend-like overview: server-side filters, search and paging over `rows`. */
export function overviewOver(rows: ScorecardSummary[]) {
  return jest.fn(async (q: ScorecardOverviewQuery = {}) => {
    const matching = rows.filter(
      r =>
        matchesQ(r, q.q) &&
        (!q.verdict || r.verdict === q.verdict) &&
        (!q.owner ||
          r.owner ===
            (q.owner.includes(':') ? q.owner : `group:default/${q.owner}`)) &&
        (!q.system || r.system === q.system) &&
        (!q.level || r.level === q.level) &&
        (!q.gate || r.gates[q.gate] === q.status) &&
        (!q.evidence ||
          (q.evidence === 'stale'
            ? (r.evidence?.stale ?? 0) > 0
            : (r.evidence?.configured ?? 0) > 0)),
    );
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    const items = matching.slice(offset, offset + limit);
    return {
      items,
      totalItems: matching.length,
      nextOffset: offset + limit < matching.length ? offset + limit : undefined,
    };
  });
}

export function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

export async function renderPage(
  api = mockScorecardsApi(),
  pageSize?: number,
  routeEntries?: string[],
) {
  await renderInTestApp(
    <TestApiProvider apis={[[scorecardsApiRef, api]]}>
      <ScorecardsPage pageSize={pageSize} />
      <LocationProbe />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries,
    },
  );
  return api;
}

export function heatmapRefs() {
  return screen
    .getAllByTestId('heatmap-row')
    .map(r => r.getAttribute('data-entity-ref'));
}

export function readBlob(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') {
    return blob.text();
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
