import {
  AuthService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { Entity } from '@backstage/catalog-model';
import fs from 'fs-extra';
import { parseAllDocuments } from 'yaml';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalGitConfig } from '../lib/localGit';

/** Id of the scoped register action. @public */
export const REGISTER_ACTION_ID = 'gatekeeper:catalog:register';

/** host/owner/repo of a repository URL, lower-cased. */
function repositoryOf(url: URL): string {
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  if (!owner || !repo) {
    throw new InputError(`${url} does not name a repository`);
  }
  return `${url.host}/${owner}/${repo}`.toLocaleLowerCase('en-US');
}

/** The first non-Location entity of a catalog-info file, if any. */
async function firstEntityIn(file: string): Promise<Entity | undefined> {
  const documents = parseAllDocuments(await fs.readFile(file, 'utf8'));
  for (const document of Array.isArray(documents) ? documents : []) {
    const value = document.toJS() as Partial<Entity> | null;
    if (
      typeof value?.kind === 'string' &&
      value.kind !== 'Location' &&
      typeof value.metadata?.name === 'string'
    ) {
      return value as Entity;
    }
  }
  return undefined;
}

/** catalogInfoPath without its leading '/', or an InputError. */
function checkCatalogInfoPath(catalogInfoPath: string): string {
  if (
    !/^\/?[\w.\-/]+\.ya?ml$/.test(catalogInfoPath) ||
    catalogInfoPath
      .split('/')
      .some(segment => segment === '..' || segment === '.')
  ) {
    throw new InputError(
      `catalogInfoPath '${catalogInfoPath}' must be a relative .yaml path without '.' or '..' segments`,
    );
  }
  return catalogInfoPath.replace(/^\/+/, '');
}

/**
 * The catalog-info file inside a checkout made by
 * gatekeeper:publish:local-git (`file:` repoContentsUrl), or a
 * NotAllowedError when local publishing is off or the directory is not one
 * of its checkouts (`<root>/checkouts/<host>/<owner>/<repo>`).
 */
export function resolveLocalRegisterTarget(options: {
  repoContentsUrl: string;
  catalogInfoPath: string;
  localGit?: LocalGitConfig;
}): string {
  if (!options.localGit) {
    throw new NotAllowedError(
      'file repositories need gatekeeper.scaffolder.localGit.root',
    );
  }
  let directory: string;
  try {
    directory = fileURLToPath(options.repoContentsUrl);
  } catch {
    throw new InputError(`'${options.repoContentsUrl}' is not a file URL`);
  }
  const checkouts = path.join(options.localGit.root, 'checkouts');
  const inside = path.relative(checkouts, path.resolve(directory));
  const segments = inside.split(path.sep);
  if (
    path.isAbsolute(inside) ||
    segments.length !== 3 ||
    segments.some(segment => !segment || segment.startsWith('.'))
  ) {
    throw new NotAllowedError(
      `${directory} is not a repository published by gatekeeper:publish:local-git`,
    );
  }
  const relative = checkCatalogInfoPath(options.catalogInfoPath);
  return path.join(checkouts, inside, ...relative.split('/'));
}

/**
 * The catalog-info URL inside the published repository, or an InputError /
 * NotAllowedError when the path would leave it.
 */
export function resolveRegisterTarget(options: {
  repoContentsUrl: string;
  catalogInfoPath: string;
  integrations: ScmIntegrationRegistry;
}): string {
  let contents: URL;
  try {
    contents = new URL(options.repoContentsUrl);
  } catch {
    throw new InputError(
      `repoContentsUrl '${options.repoContentsUrl}' is not a URL`,
    );
  }
  if (!['https:', 'http:'].includes(contents.protocol)) {
    throw new InputError('repoContentsUrl must be an http(s) URL');
  }
  if (!options.integrations.byHost(contents.host)) {
    throw new NotAllowedError(
      `${contents.host} is not a configured integration host`,
    );
  }
  const relative = checkCatalogInfoPath(options.catalogInfoPath);
  const base = contents.href.replace(/\/+$/, '');
  const target = new URL(`${base}/${relative}`);
  if (
    target.origin !== contents.origin ||
    repositoryOf(target) !== repositoryOf(contents) ||
    !target.pathname.startsWith(`${contents.pathname.replace(/\/+$/, '')}/`)
  ) {
    throw new NotAllowedError(
      `${target} is outside the published repository ${repositoryOf(contents)}`,
    );
  }
  return target.href;
}

type RegisterActionOptions = Parameters<typeof createRegisterAction>[0];

type RegisterActionContext = ActionContext<
  { repoContentsUrl: string; catalogInfoPath?: string },
  { entityRef?: string; catalogInfoUrl?: string }
>;

/** The handler of {@link createRegisterAction}. */
async function registerPublishedCatalogInfo(
  ctx: RegisterActionContext,
  options: RegisterActionOptions,
): Promise<void> {
  const catalogInfoPath = ctx.input.catalogInfoPath ?? '/catalog-info.yaml';
  if (ctx.isDryRun) {
    // publish is skipped in a dry run, so there is no repository to check
    ctx.logger.info(
      `Dry run: would register ${catalogInfoPath} of ${ctx.input.repoContentsUrl}`,
    );
    return;
  }
  const isFile = ctx.input.repoContentsUrl.startsWith('file:');
  const target = isFile
    ? resolveLocalRegisterTarget({
        repoContentsUrl: ctx.input.repoContentsUrl,
        catalogInfoPath,
        localGit: options.localGit,
      })
    : resolveRegisterTarget({
        repoContentsUrl: ctx.input.repoContentsUrl,
        catalogInfoPath,
        integrations: options.integrations,
      });
  const local = resolveSafeChildPath(
    ctx.workspacePath,
    catalogInfoPath.replace(/^\/+/, ''),
  );
  if (!(await fs.pathExists(local))) {
    throw new InputError(
      `${catalogInfoPath} was not generated by this task (missing in the workspace)`,
    );
  }
  ctx.output('catalogInfoUrl', target);
  const credentials = await options.auth.getOwnServiceCredentials();
  const result = await options.catalog.addLocation(
    { type: isFile ? 'file' : 'url', target },
    { credentials },
  );
  // The catalog returns the entities of a dry run only; otherwise the
  // registered file is the one this task generated, so read it there.
  const entity =
    result.entities.find(e => e.kind !== 'Location') ??
    (await firstEntityIn(local));
  if (entity) {
    const ns = entity.metadata.namespace ?? 'default';
    ctx.output(
      'entityRef',
      `${entity.kind}:${ns}/${entity.metadata.name}`.toLocaleLowerCase('en-US'),
    );
  }
  ctx.logger.info(`Registered ${target}`);
}

/**
 * `gatekeeper:catalog:register`: registers the catalog-info file of the
 * repository this task just published, with the scaffolder's own service
 * credentials, so engineers outside the platform group can finish a golden
 * path while they still cannot register arbitrary locations. The file must
 * exist in the task workspace (it is the file the task generated) and the URL
 * must stay inside the published repository.
 * @public
 */
export function createRegisterAction(options: {
  catalog: CatalogService;
  auth: AuthService;
  integrations: ScmIntegrationRegistry;
  /** Enables `file:` repositories published by gatekeeper:publish:local-git. */
  localGit?: LocalGitConfig;
}) {
  return createTemplateAction({
    id: REGISTER_ACTION_ID,
    description:
      "Registers the just-published repository's catalog-info file in the catalog with the scaffolder's credentials (scoped to that repository).",
    supportsDryRun: true,
    examples: [
      {
        description: 'Register the published repository',
        example: [
          'steps:',
          '  - id: register',
          '    action: gatekeeper:catalog:register',
          '    input:',
          "      repoContentsUrl: ${{ steps['publish'].output.repoContentsUrl }}",
          '      catalogInfoPath: /catalog-info.yaml',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        repoContentsUrl: z =>
          z.string().describe('repoContentsUrl output of the publish step'),
        catalogInfoPath: z =>
          z
            .string()
            .default('/catalog-info.yaml')
            .describe('Path of the catalog-info file inside the repository'),
      },
      output: {
        entityRef: z => z.string().optional().describe('Registered entity'),
        catalogInfoUrl: z =>
          z.string().optional().describe('Registered location'),
      },
    },
    handler: ctx => registerPublishedCatalogInfo(ctx, options),
  });
}
