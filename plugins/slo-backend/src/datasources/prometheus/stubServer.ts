import http from 'node:http';

export type StubHandler = (
  req: http.IncomingMessage & { body: string },
  res: http.ServerResponse,
) => void;

/** A local HTTP server whose behaviour tests script request by request. */
export async function startStubServer(handler: StubHandler) {
  const requests: {
    url: string;
    body: string;
    headers: http.IncomingHttpHeaders;
  }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body, headers: req.headers });
      handler(Object.assign(req, { body }), res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
