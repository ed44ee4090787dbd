import type { DailyConversations } from '@/lib/schemas/analytics';

/** Conversations per day as stacked bars: handled by the bot alone (blue) and with a human (violet). */
export function DailyBarChart({ days }: { days: DailyConversations[] }) {
  const width = 720;
  const height = 220;
  const left = 36;
  const bottom = 24;
  const plotHeight = height - bottom - 8;
  const max = Math.max(1, ...days.map((day) => day.conversations));
  const step = (width - left) / Math.max(days.length, 1);
  const bar = Math.max(1, step * 0.75);
  const ticks = [0, 0.5, 1].map((share) => Math.round(max * share));
  const labelEvery = Math.ceil(days.length / 8);
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Conversations per day, ${days.length} days`}
      className="h-auto w-full"
    >
      {ticks.map((tick) => {
        const y = 8 + plotHeight - (tick / max) * plotHeight;
        return (
          <g key={tick}>
            <line x1={left} x2={width} y1={y} y2={y} stroke="#e7e5e4" />
            <text x={left - 6} y={y + 4} textAnchor="end" fontSize={10} fill="#78716c">
              {tick}
            </text>
          </g>
        );
      })}
      {days.map((day, index) => {
        const x = left + index * step + (step - bar) / 2;
        const total = (day.conversations / max) * plotHeight;
        const human = (day.handedOff / max) * plotHeight;
        return (
          <g key={day.day}>
            <title>{`${day.day}: ${day.conversations} conversations, ${day.handedOff} with a human`}</title>
            <rect
              x={x}
              y={8 + plotHeight - total}
              width={bar}
              height={total - human}
              fill="#3b82f6"
            />
            <rect x={x} y={8 + plotHeight - human} width={bar} height={human} fill="#8b5cf6" />
            {index % labelEvery === 0 ? (
              <text x={x + bar / 2} y={height - 6} textAnchor="middle" fontSize={10} fill="#78716c">
                {day.day.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
