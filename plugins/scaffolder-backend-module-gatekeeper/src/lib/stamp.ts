import { createHash } from 'node:crypto';
import fs from 'fs-extra';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { z } from 'zod';
import { listFiles } from './workspace';

/** Where the stamp lives in a generated repository. @public */
export const STAMP_FILE = '.gatekeeper/template.json';

/**
 * Contents of `.gatekeeper/template.json`. Declared by hand rather than as
 * `z.infer`, whose member order varied between builds (API report).
 * @public
 */
export interface TemplateStamp {
  schemaVersion: 1;
  template: { name: string; version: string; entityRef?: string };
  generatedAt: string;
  /** The values passed to fetch:template, so the template can be re-rendered. */
  values: Record<string, unknown>;
  /** Generated file → `sha256:<hex>` of its content (line endings normalised). */
  files: Record<string, string>;
}

/** Schema of {@link TemplateStamp}. @public */
export const templateStampSchema: z.ZodType<
  TemplateStamp,
  z.ZodTypeDef,
  TemplateStamp
> = z.object({
  schemaVersion: z.literal(1),
  template: z.object({
    name: z.string().min(1),
    version: z.string().min(1),
    entityRef: z.string().optional(),
  }),
  generatedAt: z.string(),
  /** The values passed to fetch:template, so the template can be re-rendered. */
  values: z.record(z.unknown()),
  /** Generated file → `sha256:<hex>` of its content (line endings normalised). */
  files: z.record(z.string().regex(/^sha256:[0-9a-f]{64}$/)),
});

/** Content hash used in stamps; CRLF is normalised so checkouts on Windows do not drift. @public */
export function hashContent(content: Buffer | string): string {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  const isText = !buf.subarray(0, 8000).includes(0);
  const normalised = isText
    ? Buffer.from(buf.toString('utf8').replace(/\r\n/g, '\n'))
    : buf;
  return `sha256:${createHash('sha256').update(normalised).digest('hex')}`;
}

/**
 * Hashes every file under `rootDir` except the stamp itself and `exclude`
 * globs.
 * @public
 */
export async function hashFiles(
  rootDir: string,
  exclude: string[] = [],
): Promise<Record<string, string>> {
  const files = (await listFiles(rootDir)).filter(
    f => f !== STAMP_FILE && !exclude.some(g => minimatch(f, g, { dot: true })),
  );
  const out: Record<string, string> = {};
  for (const f of files) {
    out[f] = hashContent(await fs.readFile(path.join(rootDir, f)));
  }
  return out;
}

/** Options of {@link writeStamp}. @public */
export interface WriteStampOptions {
  rootDir: string;
  template: TemplateStamp['template'];
  values: Record<string, unknown>;
  exclude?: string[];
  now?: Date;
}

/** Writes `.gatekeeper/template.json` for a generated repository. @public */
export async function writeStamp(
  options: WriteStampOptions,
): Promise<TemplateStamp> {
  const stamp: TemplateStamp = {
    schemaVersion: 1,
    template: options.template,
    generatedAt: (options.now ?? new Date()).toISOString(),
    values: options.values,
    files: await hashFiles(options.rootDir, options.exclude),
  };
  const target = path.join(options.rootDir, STAMP_FILE);
  await fs.ensureDir(path.dirname(target));
  await fs.writeFile(target, `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}

/** Reads and validates the stamp of a repository. @public */
export async function readStamp(rootDir: string): Promise<TemplateStamp> {
  const file = path.join(rootDir, STAMP_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(
      `Cannot read ${STAMP_FILE} in ${rootDir}: ${(e as Error).message}`,
    );
  }
  const parsed = templateStampSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Invalid ${STAMP_FILE}: ${parsed.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}
