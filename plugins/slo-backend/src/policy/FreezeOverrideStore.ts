/** A time-limited override of the change freeze of one entity. */
export interface FreezeOverride {
  entityRef: string;
  by: string;
  reason: string;
  expiresAt: string;
  createdAt: string;
}

/** Persistence of freeze overrides (table `slo_freeze_overrides`). */
export interface FreezeOverrideStore {
  addFreezeOverride(override: FreezeOverride): Promise<void>;
  /** The newest override of `entityRef` that has not expired at `now`. */
  getActiveFreezeOverride(
    entityRef: string,
    now: string,
  ): Promise<FreezeOverride | undefined>;
}
