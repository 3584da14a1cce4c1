export * from './workflowCapabilities';
export * from './coverageThreshold';
