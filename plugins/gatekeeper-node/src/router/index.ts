export * from './authorize';
export * from './normalizeEntityRef';
