/** A share (0..1) as a ring with the percentage in the middle. */
export function ShareRing({
  share,
  label,
  color,
}: {
  share: number | null;
  label: string;
  color: string;
}) {
  const radius = 40;
  const circumference = 2 * Math.PI * radius;
  const filled = (share ?? 0) * circumference;
  return (
    <figure className="flex flex-col items-center gap-1">
      <svg
        viewBox="0 0 100 100"
        className="h-28 w-28"
        role="img"
        aria-label={`${label}: ${share === null ? 'no data' : `${Math.round(share * 100)}%`}`}
      >
        <circle cx={50} cy={50} r={radius} fill="none" stroke="#e7e5e4" strokeWidth={12} />
        <circle
          cx={50}
          cy={50}
          r={radius}
          fill="none"
          stroke={color}
          strokeWidth={12}
          strokeDasharray={`${filled} ${circumference - filled}`}
          transform="rotate(-90 50 50)"
        />
        <text x={50} y={56} textAnchor="middle" fontSize={18} fontWeight={600} fill="#1c1917">
          {share === null ? '—' : `${Math.round(share * 100)}%`}
        </text>
      </svg>
      <figcaption className="text-center text-xs text-stone-600">{label}</figcaption>
    </figure>
  );
}
