/** Ranked items as horizontal bars with their counts. */
export function HorizontalBars({
  items,
  color = '#3b82f6',
  empty,
}: {
  items: { label: string; value: number; note?: string }[];
  color?: string;
  empty: string;
}) {
  if (!items.length) return <p className="text-sm text-stone-500">{empty}</p>;
  const max = Math.max(...items.map((item) => item.value));
  return (
    <ul className="space-y-1.5">
      {items.map((item) => (
        <li
          key={item.label}
          className="grid grid-cols-[minmax(0,12rem)_1fr_3rem] items-center gap-2 text-sm"
        >
          <span
            className="truncate"
            title={item.note ? `${item.label} (${item.note})` : item.label}
          >
            {item.label}
          </span>
          <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full" aria-hidden>
            <rect width={(item.value / max) * 100} height={10} rx={1.5} fill={color} />
          </svg>
          <span className="text-right tabular-nums">{item.value}</span>
        </li>
      ))}
    </ul>
  );
}
