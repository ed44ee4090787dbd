/**
 * Where a message's time goes, stage by stage (limits → store → ack; wait → load → decide →
 * store reply → finish), kept only when HEARTH_STAGE_TIMINGS is set and printed by the server on
 * shutdown: the breakdown behind the README's table.
 */
const enabled = Boolean(process.env.HEARTH_STAGE_TIMINGS);

// On globalThis: server.ts and Next's bundle are two module graphs in one process.
const samples = ((
  globalThis as { hearthStageTimings?: Map<string, number[]> }
).hearthStageTimings ??= new Map());

export function recordStage(stage: string, startedAt: number): void {
  if (!enabled) return;
  const list = samples.get(stage) ?? [];
  samples.set(stage, list);
  list.push(performance.now() - startedAt);
}

/** Per stage: count, p50, p95 and mean in ms; null when timings are off. */
export function stageTimings(): Record<
  string,
  { count: number; p50: number; p95: number; mean: number }
> | null {
  if (!enabled) return null;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return Object.fromEntries(
    [...samples].map(([stage, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
      const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
      return [
        stage,
        { count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), mean: round(mean) },
      ];
    }),
  );
}
