import { jobCapabilities, WorkflowCapability } from './workflowCapabilities';

const runCaps = (run: string) => jobCapabilities({ steps: [{ run }] });

describe('delivery capabilities', () => {
  it('keeps the delivery capabilities apart from their look-alikes', () => {
    const none = (run: string, ...caps: WorkflowCapability[]) =>
      expect([run, runCaps(run).filter(c => caps.includes(c))]).toEqual([
        run,
        [],
      ]);
    none('npm test', 'integration-tests');
    none('pytest', 'integration-tests');
    none('npx vitest run', 'integration-tests');
    none('spectral lint api/openapi.yaml', 'contract-tests');
    none('trivy fs --format cyclonedx .', 'image-scan', 'iac-scan');
    none('trivy image --exit-code 1 x@sha256:y', 'iac-scan');
    none('trivy config .', 'image-scan');
    none('tar -xzf kubeconform-linux-amd64.tar.gz kubeconform', 'iac-scan');
    none('curl -sSfLO "$base/checkov.zip"', 'iac-scan');
    none('base="https://github.com/yannh/kubeconform/releases"', 'iac-scan');
    none('echo "feat: x"', 'commit-lint');
    none('docker image build -t x .', 'image-scan');
    expect(runCaps('npm run integration-test')).not.toContain('unit-tests');
  });
});
