/**
 * Gatekeeper scaffolder actions: baseline verification against the gate
 * policy, template stamping and drift detection, required status checks.
 *
 * @packageDocumentation
 */
export { scaffolderModuleGatekeeper as default } from './module';
export * from './actions/verifyBaselineAction';
export * from './actions/stampAction';
export * from './actions/requiredChecksAction';
export * from './actions/publishLocalGitAction';
export * from './lib/localGit';
export * from './lib/verifyBaseline';
export * from './lib/workflows';
export * from './lib/workspace';
export * from './lib/workspaceFacts';
export * from './lib/coverageThreshold';
export * from './lib/codeowners';
export * from './lib/requiredChecks';
export * from './lib/stamp';
export * from './lib/drift';
export * from './lib/renderTemplate';
export * from './drift/runDriftCli';
