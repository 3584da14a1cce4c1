import { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'fs/promises';
import { parseWaiversFile, RawWaiver } from '../engine/waivers';

/**
 * The waivers file (`scorecards.waiversFile`), re-read whenever it changes on
 * disk. A missing or invalid file yields no waivers and a logged warning.
 */
export class WaiversFile {
  private mtimeMs = -1;
  private byEntity = new Map<string, RawWaiver[]>();

  constructor(
    private readonly path: string | undefined,
    private readonly logger: LoggerService,
  ) {}

  /** The file's waivers of one entity (not yet validated). */
  async get(entityRef: string): Promise<RawWaiver[]> {
    await this.refresh();
    return this.byEntity.get(entityRef) ?? [];
  }

  private async refresh(): Promise<void> {
    if (!this.path) return;
    const stat = await fs.stat(this.path).catch(() => undefined);
    if (!stat) {
      if (this.mtimeMs !== 0) {
        this.logger.warn(
          `Waivers file ${this.path} not found; no file waivers`,
        );
        this.byEntity = new Map();
        this.mtimeMs = 0;
      }
      return;
    }
    if (stat.mtimeMs === this.mtimeMs) return;
    this.mtimeMs = stat.mtimeMs;
    try {
      const parsed = parseWaiversFile(await fs.readFile(this.path, 'utf8'));
      this.byEntity = parsed.byEntity;
      for (const warning of parsed.warnings) {
        this.logger.warn(`Waivers file ${this.path}: ${warning}`);
      }
    } catch (error) {
      this.byEntity = new Map();
      this.logger.warn(
        `Waivers file ${this.path} is not valid YAML; ignored: ${
          (error as Error).message
        }`,
      );
    }
  }
}
