import { JsonValue } from '@backstage/types';
import fs from 'fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { durationToMillis } from '../engine/duration';

const seedSchema = z.object({
  facts: z.array(
    z
      .object({
        entityRef: z.string().min(1),
        source: z.string().min(1).default('seed'),
        /** Absolute time the facts were observed. */
        observedAt: z.string().datetime({ offset: true }).optional(),
        /** Or relative to start-up, e.g. P40D (keeps demo data fresh or stale on purpose). */
        observedAgo: z.string().optional(),
        facts: z.record(z.string(), z.unknown()),
      })
      .strict(),
  ),
});

/** Facts of one entity read from the seed file. */
export interface SeedEntry {
  entityRef: string;
  source: string;
  observedAt: number;
  facts: Record<string, JsonValue>;
}

/** Reads the seed facts file (`scorecards.seedFactsFile`). Throws on invalid content. */
export async function readSeedFacts(
  file: string,
  now: number,
): Promise<SeedEntry[]> {
  const parsed = seedSchema.parse(parseYaml(await fs.readFile(file, 'utf8')));
  return parsed.facts.map(entry => ({
    entityRef: entry.entityRef,
    source: entry.source,
    observedAt: entry.observedAt
      ? new Date(entry.observedAt).getTime()
      : now - (entry.observedAgo ? durationToMillis(entry.observedAgo) : 0),
    facts: entry.facts as Record<string, JsonValue>,
  }));
}
