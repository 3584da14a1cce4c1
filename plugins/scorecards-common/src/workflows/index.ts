export * from './workflowCapabilities';
export * from './coverageThreshold';
export * from './gateAnalysis';
