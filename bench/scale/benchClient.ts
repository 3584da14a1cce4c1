/*
 * Helpers of the scale benchmark: the backend process, its API with the
 * bench's static token, scheduler tasks run to completion, RSS sampling.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';

export const TOKEN = 'gk-scale-bench-token-0123456789';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export class Api {
  constructor(readonly baseUrl: string) {}

  async fetch(route: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${route}`, {
      ...init,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });
  }

  async json<T>(route: string, init: RequestInit = {}): Promise<T> {
    const response = await this.fetch(route, init);
    if (!response.ok) {
      throw new Error(
        `${init.method ?? 'GET'} ${route}: ${
          response.status
        } ${await response.text()}`,
      );
    }
    return (await response.json()) as T;
  }

  /**
   * Triggers a scheduler task and waits until it has run: the run's own
   * time (scheduler's start to end, without the wait for a worker to pick
   * the trigger up) in ms.
   */
  async runTask(plugin: string, taskId: string): Promise<number> {
    const tasksRoute = `/api/${plugin}/.backstage/scheduler/v1/tasks`;
    const before = await this.taskState(tasksRoute, taskId);
    const start = performance.now();
    const trigger = await this.fetch(
      `${tasksRoute}/${encodeURIComponent(taskId)}/trigger`,
      { method: 'POST' },
    );
    if (!trigger.ok) throw new Error(`trigger ${taskId}: ${trigger.status}`);
    let startedAt: string | undefined;
    for (;;) {
      await new Promise(r => setTimeout(r, 50));
      const state = await this.taskState(tasksRoute, taskId);
      if (state?.status === 'running') startedAt ??= state.startedAt;
      if (
        state?.status === 'idle' &&
        state.lastRunEndedAt &&
        state.lastRunEndedAt !== before?.lastRunEndedAt
      ) {
        if (state.lastRunError) {
          throw new Error(`${taskId} failed: ${state.lastRunError}`);
        }
        return startedAt
          ? Date.parse(state.lastRunEndedAt) - Date.parse(startedAt)
          : performance.now() - start;
      }
    }
  }

  private async taskState(route: string, taskId: string) {
    const { tasks } = await this.json<{
      tasks: Array<{
        taskId: string;
        taskState: {
          status: string;
          startedAt?: string;
          lastRunEndedAt?: string;
          lastRunError?: string;
        } | null;
      }>;
    }>(route);
    return tasks.find(t => t.taskId === taskId)?.taskState ?? undefined;
  }
}

/** The backend (server.ts) in its own process, logging to `logFile`. */
export function startBackend(options: {
  root: string;
  configFile: string;
  logFile: string;
  env: Record<string, string>;
}): ChildProcess {
  const log = fs.openSync(options.logFile, 'w');
  return spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      path.join(options.root, 'bench/scale/server.ts'),
      '--config',
      options.configFile,
    ],
    {
      cwd: options.root,
      env: { ...process.env, NODE_ENV: 'production', ...options.env },
      stdio: ['ignore', log, log],
    },
  );
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Samples the RSS of a process; `peak()` since the last `reset()`. */
export class RssSampler {
  private max = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample() {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      this.max = Math.max(this.max, kb * 1024);
    } catch {
      // the process ended
    }
  }

  reset() {
    this.sample();
    this.max = 0;
    this.sample();
  }

  peakMb(): number {
    this.sample();
    return this.max / 1024 / 1024;
  }

  stop() {
    clearInterval(this.timer);
  }
}
