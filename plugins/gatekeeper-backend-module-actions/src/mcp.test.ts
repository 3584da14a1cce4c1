import { mockCredentials } from '@backstage/backend-test-utils';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { AddressInfo } from 'node:net';
import {
  OWNER,
  startActionsBackend,
  VIEWER,
} from './__testUtils__/startActionsBackend';

jest.setTimeout(60_000);

describe('gatekeeper actions over MCP (streamable HTTP)', () => {
  let backend: Awaited<ReturnType<typeof startActionsBackend>>;
  const clients: Client[] = [];
  beforeAll(async () => {
    backend = await startActionsBackend();
  });
  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await backend.stop();
  });

  async function connect(user: string) {
    const { port } = backend.server.address() as AddressInfo;
    const transport = new StreamableHTTPClientTransport(
      new URL(`http://localhost:${port}/api/mcp-actions/v1`),
      {
        requestInit: {
          headers: { Authorization: mockCredentials.user.header(user) },
        },
      },
    );
    const client = new Client({ name: 'gatekeeper-test', version: '1.0.0' });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  const text = (result: Awaited<ReturnType<Client['callTool']>>) =>
    (result.content as Array<{ type: string; text: string }>)[0].text;

  it('lists the Gatekeeper tools with their hints', async () => {
    const client = await connect(OWNER);
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map(t => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual([
      'scorecards.get-scorecard',
      'scorecards.list-campaigns-due',
      'scorecards.list-release-blockers',
      'scorecards.request-waiver',
      'slo.declare-incident',
      'slo.get-slo-status',
    ]);
    expect(byName['slo.declare-incident'].annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
    expect(byName['scorecards.get-scorecard'].annotations).toMatchObject({
      readOnlyHint: true,
    });
    expect(byName['slo.declare-incident'].inputSchema.required).toEqual(
      expect.arrayContaining(['entityRef', 'title', 'severity']),
    );
  });

  it('calls the read tools', async () => {
    const client = await connect(OWNER);
    const blockers = await client.callTool({
      name: 'scorecards.list-release-blockers',
      arguments: { entityRef: 'component:default/search-service' },
    });
    expect(blockers.isError).toBeFalsy();
    expect(blockers.structuredContent).toMatchObject({
      releasable: false,
      sloDecision: 'deny',
    });
    const slo = await client.callTool({
      name: 'slo.get-slo-status',
      arguments: { entityRef: 'component:default/search-service' },
    });
    expect(JSON.parse(text(slo)).freeze.frozen).toBe(true);
    const campaigns = await client.callTool({
      name: 'scorecards.list-campaigns-due',
      arguments: { owner: 'search-team', withinDays: 3650 },
    });
    expect(campaigns.isError).toBeFalsy();
    expect(campaigns.structuredContent).toMatchObject({
      campaigns: [
        expect.objectContaining({
          title: 'Code owners and branch protection for production services',
          source: 'code',
        }),
      ],
    });
  });

  it('declares an incident for a permitted user and reports NotAllowed for another', async () => {
    const args = {
      entityRef: 'component:default/checkout-web',
      title: 'Elevated 5xx',
      severity: 'P1',
    };
    const owner = await connect(OWNER);
    const created = await owner.callTool({
      name: 'slo.declare-incident',
      arguments: args,
    });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({
      entityRef: 'component:default/checkout-web',
      status: 'triggered',
    });

    const viewer = await connect(VIEWER);
    const refused = await viewer.callTool({
      name: 'slo.declare-incident',
      arguments: args,
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/^NotAllowedError: /);
  });

  it('requests a waiver as the calling user, once per idempotency key', async () => {
    const args = {
      entityRef: 'component:default/search-service',
      gate: 'error-budget-respected',
      reason: 'budget policy under review with SRE',
      expires: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      idempotencyKey: 'agent-waiver-1',
    };
    const viewer = await connect(VIEWER);
    const refused = await viewer.callTool({
      name: 'scorecards.request-waiver',
      arguments: { ...args, idempotencyKey: 'viewer-1' },
    });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(/^NotAllowedError: /);

    const owner = await connect(OWNER);
    const created = await owner.callTool({
      name: 'scorecards.request-waiver',
      arguments: args,
    });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({
      entityRef: 'component:default/search-service',
      gateId: 'error-budget-respected',
      state: 'requested',
      requestedBy: OWNER,
    });
    const retried = await owner.callTool({
      name: 'scorecards.request-waiver',
      arguments: args,
    });
    expect(retried.structuredContent).toEqual(created.structuredContent);
    const again = await owner.callTool({
      name: 'scorecards.request-waiver',
      arguments: { ...args, idempotencyKey: 'agent-waiver-2' },
    });
    expect(again.isError).toBe(true);
    expect(text(again)).toMatch(/^ConflictError: .*open waiver request/);
    const tooLong = await owner.callTool({
      name: 'scorecards.request-waiver',
      arguments: {
        ...args,
        idempotencyKey: 'agent-waiver-3',
        expires: new Date(Date.now() + 400 * 86_400_000).toISOString(),
      },
    });
    expect(text(tooLong)).toMatch(/^InputError: .*within 90 days/);
  });

  it('reports an unknown entity as a NotFound tool error', async () => {
    const client = await connect(OWNER);
    const result = await client.callTool({
      name: 'scorecards.get-scorecard',
      arguments: { entityRef: 'component:default/nope' },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^NotFoundError: /);
  });
});
