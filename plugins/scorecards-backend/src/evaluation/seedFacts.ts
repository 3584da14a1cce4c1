import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import fs from 'fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ScorecardsStore } from '../database/ScorecardsStore';
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
        /** Seeds stand in for CI pushes: observed unless said otherwise. */
        evidence: z.enum(['observed', 'configured']).default('observed'),
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
  evidence: 'observed' | 'configured';
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
    evidence: entry.evidence,
    facts: entry.facts as Record<string, JsonValue>,
  }));
}

/**
 * Loads the seed facts file into the store; only facts absent or previously
 * seeded are written, so pushed and collected facts win. Returns the count.
 */
export async function loadSeedFacts(options: {
  store: ScorecardsStore;
  logger: LoggerService;
  file: string;
  now: number;
}): Promise<number> {
  const { store, logger, file } = options;
  const entries = await readSeedFacts(file, options.now);
  let count = 0;
  for (const entry of entries) {
    const existing = await store.getFacts(entry.entityRef);
    const source = entry.source.startsWith('seed')
      ? entry.source
      : `seed:${entry.source}`;
    const facts = Object.entries(entry.facts)
      .filter(([id]) => {
        const current = existing.get(id);
        return !current || current.source.startsWith('seed');
      })
      .map(([factId, value]) => ({
        factId,
        value,
        observedAt: entry.observedAt,
        source,
        evidence: entry.evidence,
      }));
    await store.upsertFacts(entry.entityRef, facts);
    count += facts.length;
  }
  logger.info(`Loaded ${count} seed facts from ${file}`);
  return count;
}
