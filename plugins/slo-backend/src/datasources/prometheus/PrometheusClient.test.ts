import { CircuitBreaker, CircuitOpenError } from './CircuitBreaker';
import { PrometheusClient, PrometheusError } from './PrometheusClient';
import { json, startStubServer } from './stubServer';

const matrix = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [{ metric: { job: 'a' }, values: [[60, '1']] }],
  },
};
const query = { query: 'up', startSeconds: 0, endSeconds: 60, stepSeconds: 60 };

describe('PrometheusClient', () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;
  let script: Array<(res: any) => void>;

  beforeEach(async () => {
    script = [];
    stub = await startStubServer((_req, res) => {
      const next = script.shift();
      if (next) next(res);
      else json(res, 200, matrix);
    });
  });
  afterEach(() => stub.close());

  const client = (
    extra: Partial<ConstructorParameters<typeof PrometheusClient>[0]> = {},
  ) => {
    const sleeps: number[] = [];
    const c = new PrometheusClient({
      baseUrl: `${stub.url}/`,
      headers: { Authorization: 'Bearer secret' },
      sleep: async ms => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...extra,
    });
    return { c, sleeps };
  };

  it('POSTs query_range with the auth header and returns the matrix', async () => {
    const { c } = client();
    await expect(c.queryRange(query)).resolves.toEqual(matrix.data.result);
    expect(stub.requests[0].url).toBe('/api/v1/query_range');
    expect(stub.requests[0].headers.authorization).toBe('Bearer secret');
    expect(new URLSearchParams(stub.requests[0].body).get('query')).toBe('up');
    expect(new URLSearchParams(stub.requests[0].body).get('step')).toBe('60');
  });

  it('retries 5xx with exponential backoff and full jitter, then succeeds', async () => {
    script.push(
      res =>
        json(res, 503, {
          status: 'error',
          errorType: 'unavailable',
          error: 'x',
        }),
      res => res.writeHead(502).end('bad gateway'),
    );
    const { c, sleeps } = client({ retryBaseDelayMs: 100 });
    await expect(c.queryRange(query)).resolves.toHaveLength(1);
    expect(stub.requests).toHaveLength(3);
    // random 0.5 x min(cap, 100 * 2^(attempt-1))
    expect(sleeps).toEqual([50, 100]);
  });

  it('caps the backoff', () => {
    const { c } = client({
      retryBaseDelayMs: 1000,
      retryMaxDelayMs: 3000,
      random: () => 0.999,
    });
    expect(c.backoffDelay(1)).toBe(999);
    expect(c.backoffDelay(5)).toBe(2997);
  });
});

describe('PrometheusClient, part 2', () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;
  let script: Array<(res: any) => void>;

  beforeEach(async () => {
    script = [];
    stub = await startStubServer((_req, res) => {
      const next = script.shift();
      if (next) next(res);
      else json(res, 200, matrix);
    });
  });
  afterEach(() => stub.close());

  const client = (
    extra: Partial<ConstructorParameters<typeof PrometheusClient>[0]> = {},
  ) => {
    const sleeps: number[] = [];
    const c = new PrometheusClient({
      baseUrl: `${stub.url}/`,
      headers: { Authorization: 'Bearer secret' },
      sleep: async ms => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...extra,
    });
    return { c, sleeps };
  };

  it('gives up after the configured retries', async () => {
    for (let i = 0; i < 5; i++)
      script.push(res => json(res, 500, { status: 'error', error: 'down' }));
    const { c } = client({ retries: 2 });
    const error = await c.queryRange(query).catch(e => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(true);
    expect(stub.requests).toHaveLength(3);
  });

  it('does not retry a bad query (4xx)', async () => {
    script.push(res =>
      json(res, 400, {
        status: 'error',
        errorType: 'bad_data',
        error: 'parse error',
      }),
    );
    const { c } = client();
    const error = await c.queryRange(query).catch(e => e);
    expect(error.message).toBe('Prometheus 400 bad_data: parse error');
    expect(error.retryable).toBe(false);
    expect(stub.requests).toHaveLength(1);
  });
});

describe('PrometheusClient, part 3', () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;
  let script: Array<(res: any) => void>;

  beforeEach(async () => {
    script = [];
    stub = await startStubServer((_req, res) => {
      const next = script.shift();
      if (next) next(res);
      else json(res, 200, matrix);
    });
  });
  afterEach(() => stub.close());

  const client = (
    extra: Partial<ConstructorParameters<typeof PrometheusClient>[0]> = {},
  ) => {
    const sleeps: number[] = [];
    const c = new PrometheusClient({
      baseUrl: `${stub.url}/`,
      headers: { Authorization: 'Bearer secret' },
      sleep: async ms => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...extra,
    });
    return { c, sleeps };
  };

  it('retries timeouts and network errors', async () => {
    script.push(() => {
      // never answers
    });
    const { c } = client({ timeoutMs: 100, retries: 1 });
    await expect(c.queryRange(query)).resolves.toHaveLength(1);
    expect(stub.requests).toHaveLength(2);

    const closedUrl = stub.url;
    await stub.close();
    const dead = new PrometheusClient({
      baseUrl: closedUrl,
      retries: 1,
      sleep: async () => {},
    });
    const error = await dead.queryRange(query).catch(e => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect(error.retryable).toBe(true);
    stub = await startStubServer((_req, res) => json(res, 200, matrix));
  });

  it('rejects non-matrix results', async () => {
    script.push(res =>
      json(res, 200, {
        status: 'success',
        data: { resultType: 'vector', result: [] },
      }),
    );
    const { c } = client();
    await expect(c.queryRange(query)).rejects.toThrow(
      /unexpected query_range result type 'vector'/,
    );
  });
});

describe('PrometheusClient, part 4', () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;
  let script: Array<(res: any) => void>;

  beforeEach(async () => {
    script = [];
    stub = await startStubServer((_req, res) => {
      const next = script.shift();
      if (next) next(res);
      else json(res, 200, matrix);
    });
  });
  afterEach(() => stub.close());

  const client = (
    extra: Partial<ConstructorParameters<typeof PrometheusClient>[0]> = {},
  ) => {
    const sleeps: number[] = [];
    const c = new PrometheusClient({
      baseUrl: `${stub.url}/`,
      headers: { Authorization: 'Bearer secret' },
      sleep: async ms => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...extra,
    });
    return { c, sleeps };
  };

  it('opens the circuit after consecutive failures, then half-opens after the cool-down', async () => {
    let now = 0;
    const breaker = new CircuitBreaker({
      failureThreshold: 2,
      cooldownMs: 1000,
      now: () => now,
    });
    for (let i = 0; i < 2; i++)
      script.push(res => json(res, 503, { status: 'error', error: 'x' }));
    const { c } = client({ retries: 0, breaker });
    await expect(c.queryRange(query)).rejects.toBeInstanceOf(PrometheusError);
    await expect(c.queryRange(query)).rejects.toBeInstanceOf(PrometheusError);
    await expect(c.queryRange(query)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(stub.requests).toHaveLength(2);
    now = 1000;
    await expect(c.queryRange(query)).resolves.toHaveLength(1);
    expect(breaker.state).toBe('closed');
    expect(stub.requests).toHaveLength(3);
  });

  it('a 4xx does not open the circuit', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1 });
    script.push(res =>
      json(res, 422, { status: 'error', errorType: 'execution', error: 'x' }),
    );
    const { c } = client({ breaker });
    await expect(c.queryRange(query)).rejects.toThrow('422');
    expect(breaker.state).toBe('closed');
  });
});
