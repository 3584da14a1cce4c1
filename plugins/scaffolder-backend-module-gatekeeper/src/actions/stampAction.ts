import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { TEMPLATE_VERSION_ANNOTATION } from '../lib/renderTemplate';
import { STAMP_FILE, writeStamp } from '../lib/stamp';

/** Id of the stamp action. @public */
export const STAMP_ACTION_ID = 'gatekeeper:template:stamp';

/** Usage examples of {@link createStampAction}. */
const STAMP_EXAMPLES: TemplateExample[] = [
  {
    description: 'Stamp with the name and version from the Template entity',
    example: [
      'steps:',
      '  - id: stamp',
      '    action: gatekeeper:template:stamp',
      '    input:',
      '      values:',
      '        name: ${{ parameters.name }}',
    ].join('\n'),
  },
  {
    description: 'Stamp with an explicit name and version',
    example: [
      'steps:',
      '  - id: stamp',
      '    action: gatekeeper:template:stamp',
      '    input:',
      '      templateName: typescript-service',
      '      templateVersion: 1.0.0',
      '      values: { name: payments-api }',
    ].join('\n'),
  },
];

/**
 * `gatekeeper:template:stamp`: records template name, version, the values
 * given to fetch:template and a content hash per generated file in
 * `.gatekeeper/template.json`, for the drift check.
 * @public
 */
export function createStampAction() {
  return createTemplateAction({
    id: STAMP_ACTION_ID,
    description: `Writes ${STAMP_FILE}: template name and version, the fetch:template values and a sha256 per generated file, so drift from the template can be reported later (gatekeeper-drift).`,
    supportsDryRun: true,
    examples: STAMP_EXAMPLES,
    schema: {
      input: {
        templateName: z =>
          z
            .string()
            .optional()
            .describe(
              'Template name (default: metadata.name of the running Template)',
            ),
        templateVersion: z =>
          z
            .string()
            .optional()
            .describe(
              `Template version (default: the ${TEMPLATE_VERSION_ANNOTATION} annotation of the running Template)`,
            ),
        values: z =>
          z
            .record(z.unknown())
            .describe(
              'The values passed to fetch:template (needed to re-render for drift checks)',
            ),
        exclude: z =>
          z.array(z.string()).optional().describe('Globs of files not to hash'),
      },
      output: {
        stampFile: z =>
          z.string().describe('Path of the stamp in the workspace'),
        fileCount: z => z.number().describe('Number of files hashed'),
        templateVersion: z =>
          z.string().describe('Version recorded in the stamp'),
      },
    },
    async handler(ctx) {
      const metadata = ctx.templateInfo?.entity?.metadata;
      const name = ctx.input.templateName ?? metadata?.name;
      const version =
        ctx.input.templateVersion ??
        metadata?.annotations?.[TEMPLATE_VERSION_ANNOTATION];
      if (!name || !version) {
        throw new Error(
          `Cannot stamp: give templateName/templateVersion or set metadata.name and the ${TEMPLATE_VERSION_ANNOTATION} annotation on the Template`,
        );
      }
      const stamp = await writeStamp({
        rootDir: ctx.workspacePath,
        template: { name, version, entityRef: ctx.templateInfo?.entityRef },
        values: ctx.input.values,
        exclude: ctx.input.exclude,
      });
      const count = Object.keys(stamp.files).length;
      ctx.logger.info(
        `Stamped ${name}@${version} with ${count} file hashes in ${STAMP_FILE}`,
      );
      ctx.output('stampFile', STAMP_FILE);
      ctx.output('fileCount', count);
      ctx.output('templateVersion', version);
    },
  });
}
