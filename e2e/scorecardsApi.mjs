// Calls of the portal's scorecards API from the browser tests, as the user
// the demo's guest button signs in as (or with a given token).
import assert from 'node:assert/strict';
import { baseUrl } from './browser.mjs';

/** The Backstage token of the user the demo's guest button signs in as. */
export async function userToken() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  assert.equal(res.status, 200, 'guest sign-in');
  return (await res.json()).backstageIdentity.token;
}

/** `/api/scorecards${path}`; resolves with the status and the JSON body. */
export async function scorecardsApi(path, init = {}, token = undefined) {
  const res = await fetch(`${baseUrl}/api/scorecards${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token ?? (await userToken())}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}
