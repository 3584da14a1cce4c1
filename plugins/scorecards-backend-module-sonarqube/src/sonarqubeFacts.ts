/** Fact ids produced by the SonarQube provider. @public */
export const SONARQUBE_FACTS = {
  qualityGateStatus: 'sonarqube.quality-gate.status',
  qualityGatePassed: 'sonarqube.quality-gate.passed',
  qualityGateFailedConditions: 'sonarqube.quality-gate.failed-conditions',
  coverage: 'sonarqube.coverage',
  lineCoverage: 'sonarqube.coverage.lines',
  bugs: 'sonarqube.bugs',
  vulnerabilities: 'sonarqube.vulnerabilities',
  codeSmells: 'sonarqube.code-smells',
  securityHotspots: 'sonarqube.security-hotspots',
  duplicatedLinesDensity: 'sonarqube.duplicated-lines-density',
  provenance: 'sonarqube.provenance',
  unknown: 'sonarqube.unknown',
} as const;

/** SonarQube metric key -> fact id (read from /api/measures/component). @public */
export const SONARQUBE_METRIC_FACTS: Record<string, string> = {
  coverage: SONARQUBE_FACTS.coverage,
  line_coverage: SONARQUBE_FACTS.lineCoverage,
  bugs: SONARQUBE_FACTS.bugs,
  vulnerabilities: SONARQUBE_FACTS.vulnerabilities,
  code_smells: SONARQUBE_FACTS.codeSmells,
  security_hotspots: SONARQUBE_FACTS.securityHotspots,
  duplicated_lines_density: SONARQUBE_FACTS.duplicatedLinesDensity,
};

/** The annotation naming an entity's SonarQube project. @public */
export const SONARQUBE_PROJECT_KEY_ANNOTATION = 'sonarqube.org/project-key';
