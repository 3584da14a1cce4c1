import { CircuitBreaker, CircuitOpenError } from './CircuitBreaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const clock = () => now;
  const fail = () => Promise.reject(new Error('boom'));
  const ok = () => Promise.resolve('ok');

  beforeEach(() => {
    now = 1_000;
  });

  it('opens after N consecutive failures and fails fast while open', async () => {
    const breaker = new CircuitBreaker({
      failureThreshold: 3,
      cooldownMs: 10_000,
      now: clock,
    });
    await expect(breaker.execute(fail)).rejects.toThrow('boom');
    await expect(breaker.execute(fail)).rejects.toThrow('boom');
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(fail)).rejects.toThrow('boom');
    expect(breaker.state).toBe('open');
    const fn = jest.fn(ok);
    await expect(breaker.execute(fn)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(fn).not.toHaveBeenCalled();
  });

  it('a success resets the failure count', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, now: clock });
    await expect(breaker.execute(fail)).rejects.toThrow();
    await breaker.execute(ok);
    await expect(breaker.execute(fail)).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('half-opens after the cool-down: a successful trial closes it', async () => {
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      cooldownMs: 5_000,
      now: clock,
    });
    await expect(breaker.execute(fail)).rejects.toThrow();
    now += 4_999;
    expect(breaker.state).toBe('open');
    now += 1;
    expect(breaker.state).toBe('half-open');
    await expect(breaker.execute(ok)).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('a failed trial opens it again for another cool-down', async () => {
    const breaker = new CircuitBreaker({
      failureThreshold: 5,
      cooldownMs: 5_000,
      now: clock,
    });
    for (let i = 0; i < 5; i++) {
      await expect(breaker.execute(fail)).rejects.toThrow();
    }
    now += 5_000;
    await expect(breaker.execute(fail)).rejects.toThrow('boom');
    expect(breaker.state).toBe('open');
    now += 5_000;
    expect(breaker.state).toBe('half-open');
  });
});

describe('CircuitBreaker, part 2', () => {
  let now = 0;
  const clock = () => now;
  const fail = () => Promise.reject(new Error('boom'));
  const ok = () => Promise.resolve('ok');

  beforeEach(() => {
    now = 1_000;
  });

  it('lets one trial through at a time while half-open', async () => {
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      cooldownMs: 100,
      now: clock,
    });
    await expect(breaker.execute(fail)).rejects.toThrow();
    now += 100;
    let release!: () => void;
    const trial = breaker.execute(
      () => new Promise<string>(r => (release = () => r('done'))),
    );
    await expect(breaker.execute(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await expect(trial).resolves.toBe('done');
    expect(breaker.state).toBe('closed');
  });

  it('errors that are not failures do not count', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, now: clock });
    await expect(breaker.execute(fail, () => false)).rejects.toThrow('boom');
    expect(breaker.state).toBe('closed');
  });
});
