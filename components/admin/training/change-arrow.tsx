/** ▲ or ▼ with the change in points against the active version; nothing when there is none to compare. */
export function ChangeArrow({
  now,
  before,
  lowerIsBetter = false,
}: {
  now: number | null;
  before: number | null | undefined;
  /** For measures like wrong answers, where a fall is the improvement. */
  lowerIsBetter?: boolean;
}) {
  if (now === null || before === null || before === undefined) return null;
  const points = (now - before) * 100;
  if (Math.abs(points) < 0.05) {
    return (
      <span className="text-xs text-stone-500" aria-label="unchanged">
        =
      </span>
    );
  }
  const up = points > 0;
  const better = up !== lowerIsBetter;
  return (
    <span
      className={`text-xs font-medium ${better ? 'text-emerald-700' : 'text-red-700'}`}
      aria-label={`${up ? 'up' : 'down'} ${Math.abs(points).toFixed(1)} points`}
    >
      {up ? '▲' : '▼'} {Math.abs(points).toFixed(1)}
    </span>
  );
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}
