/** A fake fetch Response carrying a status and a JSON or text body. */
export function fakeResponse(
  status: number,
  body: unknown,
  contentType = 'application/json',
): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 404 ? 'Not Found' : 'Status',
    url: 'http://localhost',
    type: 'basic',
    headers: {
      get: (name: string) =>
        name.toLocaleLowerCase('en-US') === 'content-type' ? contentType : null,
    },
    text: async () => text,
    json: async () => JSON.parse(text),
  } as unknown as Response;
}

/** A ResponseError-like 404 as thrown by the client. */
export function notFoundError(): Error {
  return Object.assign(new Error('Request failed with status 404'), {
    name: 'ResponseError',
    statusCode: 404,
  });
}
