/**
 * Scorecards backend module: facts from SonarQube (quality gate, coverage,
 * issue counts).
 *
 * @packageDocumentation
 */
export { scorecardsModuleSonarqube as default } from './module';
export * from './createSonarqubeFactProvider';
export * from './sonarqubeFacts';
