import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { hashFiles } from './stamp';

/** Annotation holding a template's version on the Template entity. @public */
export const TEMPLATE_VERSION_ANNOTATION = 'gatekeeper.dev/template-version';
/** Annotation holding the template name on generated entities. @public */
export const TEMPLATE_ANNOTATION = 'gatekeeper.dev/template';

/** A Template entity as read from `template.yaml`. @public */
export interface TemplateDefinition {
  name: string;
  version: string;
  /** Input of the template's fetch:template step (values are templated expressions). */
  fetchInput: Record<string, unknown>;
  entity: Record<string, any>;
}

/** Reads `<templateDir>/template.yaml` and its fetch:template step. @public */
export async function readTemplateDefinition(
  templateDir: string,
): Promise<TemplateDefinition> {
  const entity = parse(
    await fs.readFile(path.join(templateDir, 'template.yaml'), 'utf8'),
  );
  const name = entity?.metadata?.name;
  const version = entity?.metadata?.annotations?.[TEMPLATE_VERSION_ANNOTATION];
  const step = (entity?.spec?.steps ?? []).find(
    (s: any) => s?.action === 'fetch:template',
  );
  if (typeof name !== 'string' || typeof version !== 'string' || !step) {
    throw new Error(
      `${templateDir}/template.yaml needs metadata.name, the ${TEMPLATE_VERSION_ANNOTATION} annotation and a fetch:template step`,
    );
  }
  return { name, version, fetchInput: step.input ?? {}, entity };
}

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/** Options of {@link renderTemplate}. @public */
export interface RenderTemplateOptions {
  templateDir: string;
  /**
   * Values for fetch:template (as stamped by gatekeeper:template:stamp);
   * literal values of the template's fetch step override them.
   */
  values: Record<string, unknown>;
  /** Output directory (default: a new temporary directory). */
  targetDir?: string;
  logger?: LoggerService;
}

/**
 * Renders a template's skeleton with the real fetch:template action, offline
 * (relative url + file:// base), using the fetch step options of
 * template.yaml. Used by the drift check to compare a repository with the
 * current template version.
 * @public
 */
export async function renderTemplate(options: RenderTemplateOptions): Promise<{
  dir: string;
  definition: TemplateDefinition;
  hashes: Record<string, string>;
}> {
  const templateDir = path.resolve(options.templateDir);
  const definition = await readTemplateDefinition(templateDir);
  const dir =
    options.targetDir ??
    (await fs.mkdtemp(path.join(os.tmpdir(), 'gatekeeper-render-')));
  await fs.ensureDir(dir);
  const action = createFetchTemplateAction({
    reader: {
      readUrl: async () => {
        throw new Error('renderTemplate only reads local templates');
      },
      readTree: async () => {
        throw new Error('renderTemplate only reads local templates');
      },
      search: async () => {
        throw new Error('renderTemplate only reads local templates');
      },
    },
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const { values: templated, ...fetchOptions } = definition.fetchInput;
  // Literal values of the current template (e.g. templateVersion) win over
  // the stamped ones, so a version bump shows up as drift.
  const literals = Object.fromEntries(
    Object.entries((templated as Record<string, unknown>) ?? {}).filter(
      ([, v]) => !(typeof v === 'string' && v.includes('${{')),
    ),
  );
  const temporaryDirs: string[] = [];
  try {
    await action.handler({
      input: {
        ...fetchOptions,
        values: { ...options.values, ...literals },
      } as any,
      workspacePath: dir,
      logger: options.logger ?? silentLogger,
      output() {},
      async createTemporaryDirectory() {
        const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'gatekeeper-tmp-'));
        temporaryDirs.push(tmp);
        return tmp;
      },
      async checkpoint(opts: { fn: () => any }) {
        return opts.fn();
      },
      async getInitiatorCredentials() {
        return {
          $$type: '@backstage/BackstageCredentials',
          principal: {},
        } as any;
      },
      task: { id: 'gatekeeper-render' },
      templateInfo: {
        entityRef: `template:default/${definition.name}`,
        baseUrl: pathToFileURL(path.join(templateDir, 'template.yaml')).href,
      },
    } as any);
  } finally {
    await Promise.all(temporaryDirs.map(d => fs.remove(d)));
  }
  return { dir, definition, hashes: await hashFiles(dir) };
}
