/**
 * Scorecards backend module: facts from GitHub (branch protection and
 * rulesets, gate jobs on the default branch, security alerts, settings).
 *
 * @packageDocumentation
 */
export { scorecardsModuleGithub as default } from './module';
export * from './createGithubFactProvider';
export * from './githubFacts';
export type { GithubTarget } from './githubTarget';
