export * from './bands';
export * from './chartScale';
export * from './format';
export * from './palette';
export { BudgetGauge } from './BudgetGauge';
export { DemoDataLabel } from './DemoDataLabel';
export { FreezeBanner } from './FreezeBanner';
export { SloErrors } from './SloErrors';
export {
  SeverityChip,
  IncidentStatusChip,
  ToneChip,
  ToneText,
  useToneText,
} from './chips';
export type { TonePick } from './chips';
export { IncidentActionButtons } from './IncidentActionButtons';
export { IncidentStats } from './IncidentStats';
export { useIncidentActions } from './useIncidentActions';
export type { IncidentAction } from './useIncidentActions';
export { ScrollRegion } from './ScrollRegion';
