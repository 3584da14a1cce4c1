import { Config } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { pathToFileURL } from 'node:url';
import { publishToLocalGit, readLocalGitConfig } from '../lib/localGit';

/** Id of the local git publish action. @public */
export const PUBLISH_LOCAL_GIT_ACTION_ID = 'gatekeeper:publish:local-git';

/**
 * `gatekeeper:publish:local-git`: publishes the workspace to a git repository
 * on this machine (a bare repository under `gatekeeper.scaffolder.localGit.root`
 * plus a checkout the catalog reads). Without that setting it publishes
 * nothing and outputs `published: false`, so one template publishes locally
 * in the offline demo and to GitHub (`if: not published`) in production.
 * @public
 */
export function createPublishLocalGitAction(options: { config: Config }) {
  const local = readLocalGitConfig(options.config);
  const author = {
    name:
      options.config.getOptionalString('scaffolder.defaultAuthor.name') ??
      'Scaffolder',
    email:
      options.config.getOptionalString('scaffolder.defaultAuthor.email') ??
      'scaffolder@backstage.io',
  };
  return createTemplateAction({
    id: PUBLISH_LOCAL_GIT_ACTION_ID,
    description:
      'Publishes the workspace to a local bare git repository when gatekeeper.scaffolder.localGit.root is configured; otherwise does nothing (published: false).',
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string().describe('RepoUrlPicker value: host?owner=…&repo=…'),
        defaultBranch: z => z.string().default('main'),
        gitCommitMessage: z =>
          z.string().default('Initial commit').describe('Commit message'),
      },
      output: {
        published: z =>
          z.boolean().describe('Whether the repository was published locally'),
        remoteUrl: z =>
          z.string().optional().describe('file URL of the bare repository'),
        repoContentsUrl: z =>
          z.string().optional().describe('file URL of the checkout'),
        created: z =>
          z
            .boolean()
            .optional()
            .describe('False when the same content existed'),
      },
    },
    async handler(ctx) {
      if (!local) {
        ctx.logger.info(
          'gatekeeper.scaffolder.localGit.root is not configured; not publishing locally',
        );
        ctx.output('published', false);
        return;
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would publish ${ctx.input.repoUrl} locally`);
        ctx.output('published', true);
        ctx.output('repoContentsUrl', '<example>');
        return;
      }
      const result = await publishToLocalGit({
        config: local,
        workspacePath: ctx.workspacePath,
        repoUrl: ctx.input.repoUrl,
        branch: ctx.input.defaultBranch ?? 'main',
        message: ctx.input.gitCommitMessage ?? 'Initial commit',
        author,
      });
      ctx.logger.info(
        `${result.created ? 'Published' : 'Already published'} ${result.bare}`,
      );
      ctx.output('published', true);
      ctx.output('created', result.created);
      ctx.output('remoteUrl', pathToFileURL(result.bare).href);
      ctx.output('repoContentsUrl', pathToFileURL(result.checkout).href);
    },
  });
}
