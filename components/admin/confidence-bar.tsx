/** A labelled horizontal bar for a 0..1 value. */
export function ConfidenceBar({
  label,
  value,
  strong,
}: {
  label: string;
  value: number;
  strong?: boolean;
}) {
  const width = Math.max(0, Math.min(1, value)) * 100;
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(width)}
      className="grid grid-cols-[minmax(0,10rem)_1fr_3.5rem] items-center gap-2 text-sm"
    >
      <span className={`truncate font-mono text-xs ${strong ? 'font-semibold' : ''}`} title={label}>
        {label}
      </span>
      <div className="h-3 rounded bg-stone-100">
        <div
          className={`h-full rounded ${strong ? 'bg-blue-600' : 'bg-stone-400'}`}
          style={{ width: `${width}%` }}
        />
      </div>
      <span className="text-right tabular-nums text-xs">{(value * 100).toFixed(1)}%</span>
    </div>
  );
}
