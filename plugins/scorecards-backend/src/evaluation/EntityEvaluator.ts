import {
  AuditorService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { EntityScorecard } from '@gatekeeper/plugin-scorecards-common';
import { ScorecardFactProvider } from '@gatekeeper/plugin-scorecards-node';
import { ScorecardsStore } from '../database/ScorecardsStore';
import { CompiledPolicy } from '../engine/compilePolicy';
import { RawWaiver } from '../engine/waivers';
import { entityMeta } from '../service/catalogContext';
import { CatalogLookup } from '../service/CatalogLookup';
import { auditWaiverUse } from './auditWaiverUse';
import { resolveEntityWaivers } from './entityWaivers';
import { evaluationValidUntil, factMaxAges } from './evaluationBounds';
import { collectFacts } from './factCollector';
import { publishScorecardChange } from './publishScorecardChange';
import { WaiversFile } from './WaiversFile';

/** What started an evaluation (recorded in audit events). */
export type EvaluationTrigger =
  | 'schedule'
  | 'push'
  | 'request'
  | 'first-read'
  | 'waiver';

/**
 * The evaluation of one entity along the data path: collect facts (optional),
 * evaluate the stored facts and waivers, save verdict and history, audit the
 * waivers used.
 */
export class EntityEvaluator {
  private readonly gateIds: ReadonlySet<string>;
  private readonly maxAges: ReadonlyMap<string, number>;

  constructor(
    private readonly options: {
      compiled: CompiledPolicy;
      store: ScorecardsStore;
      catalog: CatalogLookup;
      reader: UrlReaderService;
      logger: LoggerService;
      auditor: AuditorService;
      providers: ScorecardFactProvider[];
      waiversFile: WaiversFile;
      /** Approved waiver requests of an entity, see {@link resolveEntityWaivers}. */
      requestedWaivers?: (
        entityRef: string,
        now: number,
      ) => Promise<RawWaiver[]>;
      now: () => number;
      /** Tells open pages about changed scorecards (absent: no signals). */
      signals?: SignalsService;
    },
  ) {
    this.gateIds = new Set(options.compiled.policy.gates.map(g => g.id));
    this.maxAges = factMaxAges(options.compiled.policy);
  }

  /** Hash of the policy evaluated (part of the refresh's inputs). */
  get policyVersion(): string {
    return this.options.compiled.version;
  }

  async evaluate(
    entityOrRef: Entity | string,
    options: {
      collect: boolean;
      trigger: EvaluationTrigger;
      /** Systems by ref, when the caller already read them (the refresh). */
      systems?: Map<string, Entity>;
    },
  ): Promise<EntityScorecard> {
    const entity =
      typeof entityOrRef === 'string'
        ? await this.options.catalog.getEntity(entityOrRef)
        : entityOrRef;
    const entityRef = stringifyEntityRef(entity);
    if (options.collect) {
      await this.collect(entity, entityRef, this.options.now());
    }
    const { scorecard, validUntil } = await this.evaluateStored(
      entity,
      options,
    );
    if (validUntil !== undefined) {
      // The refresh skips entities whose inputs did not change until then.
      await this.options.store.refreshState.lowerValidUntil(
        entityRef,
        validUntil,
      );
    }
    return scorecard;
  }

  /**
   * Evaluates the stored facts and waivers of an entity and saves the
   * verdict; `validUntil` is when the result may change without new input
   * (see {@link evaluationValidUntil}).
   */
  async evaluateStored(
    entity: Entity,
    options: { trigger: EvaluationTrigger; systems?: Map<string, Entity> },
  ): Promise<{ scorecard: EntityScorecard; validUntil?: number }> {
    const { store, logger, catalog } = this.options;
    const entityRef = stringifyEntityRef(entity);
    // Taken right before the facts are read: the store keeps the newest
    // evaluation when two (a refresh and a push, any replica) race.
    const now = this.options.now();
    const facts = await store.getFacts(entityRef);
    const waivers = await resolveEntityWaivers({
      entity,
      entityRef,
      waiversFile: this.options.waiversFile,
      gateIds: this.gateIds,
      now,
      requested: this.options.requestedWaivers,
    });
    for (const warning of waivers.warnings) {
      logger.warn(`Waiver problem for ${entityRef}: ${warning}`, { entityRef });
    }
    const output = this.options.compiled.evaluate({
      entityRef,
      entity,
      facts,
      waivers,
      now,
    });
    const systems = options.systems ?? (await catalog.getSystems());
    const { changed } = await store.saveScorecard({
      scorecard: output.scorecard,
      signature: output.signature,
      meta: entityMeta(entity, systems),
    });
    await auditWaiverUse({
      auditor: this.options.auditor,
      entityRef,
      waivers: output.appliedWaivers,
      trigger: options.trigger,
    });
    if (changed) {
      this.logChange(output.scorecard, options.trigger);
      await publishScorecardChange({
        signals: this.options.signals,
        logger,
        entityRef,
      });
    }
    const validUntil = evaluationValidUntil({
      maxAges: this.maxAges,
      facts,
      waivers,
      now,
    });
    return { scorecard: output.scorecard, validUntil };
  }

  private async collect(entity: Entity, entityRef: string, now: number) {
    const facts = await collectFacts({
      entity,
      providers: this.options.providers,
      reader: this.options.reader,
      logger: this.options.logger,
      now,
    });
    await this.options.store.upsertFacts(entityRef, facts);
  }

  private logChange(scorecard: EntityScorecard, trigger: EvaluationTrigger) {
    const { entityRef } = scorecard;
    this.options.logger.info(
      `Scorecard of ${entityRef} changed: ${scorecard.verdict}, score ${
        scorecard.score ?? 'n/a'
      }, level ${scorecard.level ?? 'none'}`,
      { entityRef, trigger },
    );
  }
}
