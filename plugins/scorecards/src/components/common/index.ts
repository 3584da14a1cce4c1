export * from './chips';
export * from './Sparkline';
export * from './statusStyles';
export * from './palette';
export * from './gateOrdering';
export * from './ScoreGauge';
export * from './format';
export * from './ScrollRegion';
