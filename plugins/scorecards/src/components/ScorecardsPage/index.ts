export { ScorecardsPage } from './ScorecardsPage';
export type { ScorecardsPageProps } from './ScorecardsPage';
export { buildOverviewCsv, escapeCsvField, toCsv } from './csv';
