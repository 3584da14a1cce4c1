import {
  EntityVerdict,
  GateStatus,
} from '@gatekeeper/plugin-scorecards-common';
import { CompiledGate } from './evaluateGate';

/** Running totals of one evaluation, turned into verdict, score and level. */
export class ScoreTally {
  readonly counts: Record<GateStatus, number> = {
    pass: 0,
    fail: 0,
    unknown: 0,
    stale: 0,
    waived: 0,
  };
  private weightSum = 0;
  private weightedPass = 0;
  private lowestUnmetLevel: number;
  private criticalFail = false;
  private anyFailOrStale = false;

  constructor(private readonly levels: string[]) {
    this.lowestUnmetLevel = levels.length;
  }

  add(compiled: CompiledGate, status: GateStatus): void {
    this.counts[status]++;
    if (status === 'pass') {
      this.weightSum += compiled.weight;
      this.weightedPass += compiled.weight;
    } else if (status === 'fail' || status === 'stale') {
      this.weightSum += compiled.weight;
      this.anyFailOrStale = true;
      if (status === 'fail' && compiled.critical) this.criticalFail = true;
    }
    if (
      status !== 'pass' &&
      status !== 'waived' &&
      compiled.levelIndex < this.lowestUnmetLevel
    ) {
      this.lowestUnmetLevel = compiled.levelIndex;
    }
  }

  get verdict(): EntityVerdict {
    if (this.criticalFail) return 'blocked';
    if (this.anyFailOrStale) return 'at-risk';
    return 'ready';
  }

  /** Weighted share of passing gates in percent, one decimal. */
  get score(): number | undefined {
    return this.weightSum > 0
      ? Math.round((1000 * this.weightedPass) / this.weightSum) / 10
      : undefined;
  }

  /** The highest level whose gates (and all below) are met. */
  get level(): string | undefined {
    return this.lowestUnmetLevel > 0
      ? this.levels[this.lowestUnmetLevel - 1]
      : undefined;
  }
}
