// The funnel of PRODUCT.md §3: counts per stage, the drop-off between consecutive stages, and the
// bottleneck, the transition that loses the largest share of what came in
// (120 ad clicks → 80 calls → 6 consultations points at how calls are handled).

export type FunnelStageCount = { stage: string; count: number };

export type FunnelStage = FunnelStageCount & {
  /** Lost since the previous stage; null for the first stage. Negative when a stage gained. */
  dropOff: { count: number; rate: number | null } | null;
};

export type Bottleneck = { from: string; to: string; lost: number; rate: number };

export type Funnel = { stages: FunnelStage[]; bottleneck: Bottleneck | null };

/** Drop-off per stage (rate = lost / previous count, null when the previous stage is empty). */
export function funnelOf(counts: FunnelStageCount[]): Funnel {
  const stages: FunnelStage[] = counts.map((current, index) => {
    const previous = counts[index - 1];
    if (!previous) return { ...current, dropOff: null };
    const lost = previous.count - current.count;
    return {
      ...current,
      dropOff: { count: lost, rate: previous.count === 0 ? null : lost / previous.count },
    };
  });
  return { stages, bottleneck: bottleneckOf(stages) };
}

/**
 * The transition with the largest drop-off rate; transitions from an empty stage are ignored, and
 * of equal rates the earlier one is named (fix the top of the funnel first). Null when nothing is
 * lost anywhere.
 */
export function bottleneckOf(stages: FunnelStage[]): Bottleneck | null {
  let best: Bottleneck | null = null;
  stages.forEach((stage, index) => {
    const previous = stages[index - 1];
    const rate = stage.dropOff?.rate;
    if (!previous || rate === null || rate === undefined || rate <= 0) return;
    if (!best || rate > best.rate) {
      best = { from: previous.stage, to: stage.stage, lost: previous.count - stage.count, rate };
    }
  });
  return best;
}
