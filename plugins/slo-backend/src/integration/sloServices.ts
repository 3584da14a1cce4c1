import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Root of the repository (the package lives in plugins/slo-backend). */
export const REPO_ROOT = path.resolve(
  resolvePackagePath('@gatekeeper/plugin-slo-backend'),
  '../..',
);
export const SERVICES_SCRIPT = path.join(REPO_ROOT, 'scripts/slo-services.sh');

export interface SloServices {
  prometheusUrl: string;
  alertmanagerUrl: string;
  /** Unix seconds of the first and last backfilled sample. */
  dataStart: number;
  dataEnd: number;
  stateDir: string;
  stop(): Promise<void>;
}

/**
 * Starts real Prometheus (backfilled with the synthetic history described in
 * scripts/slo-services.sh) and Alertmanager through the script.
 */
export async function startSloServices(options: {
  webhookUrl: string;
  webhookToken: string;
}): Promise<SloServices> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-slo-'));
  const stop = async () => {
    await run('bash', [SERVICES_SCRIPT, 'stop', '--state-dir', stateDir]).catch(
      () => {},
    );
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    const { stdout } = await run(
      'bash',
      [
        SERVICES_SCRIPT,
        'start',
        '--state-dir',
        stateDir,
        '--webhook-url',
        options.webhookUrl,
        '--webhook-token',
        options.webhookToken,
      ],
      { timeout: 60_000 },
    );
    const env = Object.fromEntries(
      stdout
        .split('\n')
        .filter(l => l.includes('='))
        .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    // Safety net if the test process dies before afterAll: kill the servers.
    const pids = [env.PROMETHEUS_PID, env.ALERTMANAGER_PID].map(Number);
    const onExit = () => {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    process.once('exit', onExit);
    return {
      prometheusUrl: env.PROMETHEUS_URL,
      alertmanagerUrl: env.ALERTMANAGER_URL,
      dataStart: Number(env.SLO_DATA_START),
      dataEnd: Number(env.SLO_DATA_END),
      stateDir,
      stop: async () => {
        process.removeListener('exit', onExit);
        await stop();
      },
    };
  } catch (e) {
    await stop();
    const err = e as Error & { stderr?: string };
    throw new Error(
      `could not start Prometheus/Alertmanager via ${SERVICES_SCRIPT} (install them with ` +
        '`bash scripts/slo-services.sh install`, or skip these tests with GATEKEEPER_SLO_INTEGRATION=0): ' +
        `${err.message}\n${err.stderr ?? ''}`,
    );
  }
}

/**
 * A local relay so Alertmanager can be configured before the backend under
 * test has its (random) port: forwards every request to `target()`.
 */
export async function startRelay(
  target: () => string | undefined,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const base = target();
    if (!base) {
      res.writeHead(503).end();
      return;
    }
    const url = new URL(req.url ?? '/', base);
    const upstream = http.request(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host } },
      upstreamRes => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${options.what}`);
    await new Promise(r => setTimeout(r, options.intervalMs ?? 250));
  }
}
