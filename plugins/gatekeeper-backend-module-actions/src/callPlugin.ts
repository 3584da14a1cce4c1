import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** Options of {@link callPlugin}. */
export interface CallPluginOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** The credentials of the caller of the action: the call is made on their behalf. */
  credentials: BackstageCredentials;
  pluginId: string;
  /** Path below the plugin's base URL, starting with `/`. */
  path: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const parsed = JSON.parse(text);
    const message = parsed?.error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 500) || res.statusText;
}

/** Turns an error response into the matching Backstage error. */
async function toError(res: Response, what: string): Promise<Error> {
  const message = `${what}: ${await errorMessage(res)}`;
  switch (res.status) {
    case 400:
      return new InputError(message);
    case 401:
      return new AuthenticationError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new ServiceUnavailableError(`${message} (status ${res.status})`);
  }
}

/**
 * Calls another plugin's HTTP API on behalf of the action's caller, so the
 * target plugin checks the caller's own permissions.
 */
export async function callPlugin<T>(options: CallPluginOptions): Promise<T> {
  const { discovery, auth, credentials, pluginId, path } = options;
  const baseUrl = await discovery.getBaseUrl(pluginId);
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: pluginId,
  });
  const res = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(options.body !== undefined && {
        'Content-Type': 'application/json',
      }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!res.ok) {
    throw await toError(res, `${pluginId} ${options.method ?? 'GET'} ${path}`);
  }
  return (await res.json()) as T;
}

/** A parsed entity ref (kind defaults to `component`, namespace to `default`). */
export interface ParsedRef {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  /** `/<namespace>/<kind>/<name>`, URL-encoded. */
  path: string;
}

// The catalog's default validators: kinds are letters, digits and dashes;
// namespaces and names 1-63 characters of letters, digits, `-`, `_`, `.`.
const KIND = /^[a-z][a-z0-9-]{0,62}$/;
const NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

/** Parses an entity ref given by an agent; malformed refs are an InputError. */
export function parseRef(entityRef: string): ParsedRef {
  let parsed;
  try {
    parsed = parseEntityRef(entityRef.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(`Invalid entity ref "${entityRef}"`);
  }
  const kind = parsed.kind.toLocaleLowerCase('en-US');
  const namespace = parsed.namespace.toLocaleLowerCase('en-US');
  const name = parsed.name;
  if (
    !KIND.test(kind) ||
    !NAME.test(namespace) ||
    !NAME.test(name) ||
    entityRef.length > 300
  ) {
    throw new InputError(`Invalid entity ref "${entityRef}"`);
  }
  return {
    ref: stringifyEntityRef({ kind, namespace, name }),
    kind,
    namespace,
    name,
    path: `/${[namespace, kind, name].map(encodeURIComponent).join('/')}`,
  };
}
