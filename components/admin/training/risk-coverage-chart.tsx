import { answersAt, type OperatingPoint } from '@/lib/nlp';

/**
 * The risk–coverage curve: share of messages answered right (up) against answered wrongly (right) as
 * the confidence threshold moves, with the point the bot runs at marked and the budget as a line.
 */
export function RiskCoverageChart({
  curve,
  outOfScopeShare,
  chosen,
  budget,
}: {
  curve: readonly OperatingPoint[];
  outOfScopeShare: number;
  /** The threshold the bot runs at. */
  chosen: number;
  /** The wrong-answer budget, drawn as a vertical line (null: none). */
  budget: number | null;
}) {
  const width = 520;
  const height = 260;
  const left = 44;
  const bottom = 34;
  const top = 10;
  const right = 12;
  // The region that matters: up to five times the budget (or 10%); answering everything lies beyond.
  const maxWrong = Math.max(0.1, 5 * (budget ?? 0));
  const points = curve
    .map((point) => ({ point, answers: answersAt(point, outOfScopeShare) }))
    .filter(({ answers }) => answers.wrong <= maxWrong);
  const x = (wrong: number) => left + (wrong / maxWrong) * (width - left - right);
  const y = (resolved: number) => top + (1 - resolved) * (height - top - bottom);
  const path = points
    .map(
      ({ answers }, i) =>
        `${i === 0 ? 'M' : 'L'}${x(answers.wrong).toFixed(1)},${y(answers.resolved).toFixed(1)}`,
    )
    .join(' ');
  const marked = points.reduce<(typeof points)[number] | null>(
    (best, candidate) =>
      candidate.point.threshold >= chosen &&
      (!best || candidate.point.threshold < best.point.threshold)
        ? candidate
        : best,
    null,
  );
  const wrongTicks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * maxWrong);
  const percent = (value: number) => `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={
          marked
            ? `Risk–coverage curve; the bot runs at ${percent(marked.answers.resolved)} answered right and ${percent(marked.answers.wrong)} answered wrongly`
            : 'Risk–coverage curve'
        }
        className="h-auto w-full max-w-xl"
      >
        {[0, 0.25, 0.5, 0.75, 1].map((resolved) => (
          <g key={resolved}>
            <line x1={left} x2={width - right} y1={y(resolved)} y2={y(resolved)} stroke="#e7e5e4" />
            <text x={left - 6} y={y(resolved) + 4} textAnchor="end" fontSize={10} fill="#57534e">
              {percent(resolved)}
            </text>
          </g>
        ))}
        {wrongTicks.map((wrong) => (
          <text
            key={wrong}
            x={x(wrong)}
            y={height - bottom + 14}
            textAnchor="middle"
            fontSize={10}
            fill="#57534e"
          >
            {percent(wrong)}
          </text>
        ))}
        <text
          x={(left + width) / 2}
          y={height - 4}
          textAnchor="middle"
          fontSize={11}
          fill="#44403c"
        >
          answered wrongly (share of all messages)
        </text>
        <text
          x={12}
          y={(top + height - bottom) / 2}
          textAnchor="middle"
          fontSize={11}
          fill="#44403c"
          transform={`rotate(-90 12 ${(top + height - bottom) / 2})`}
        >
          answered right
        </text>
        {budget !== null ? (
          <line
            x1={x(budget)}
            x2={x(budget)}
            y1={top}
            y2={height - bottom}
            stroke="#b91c1c"
            strokeDasharray="4 3"
          >
            <title>{`Wrong-answer budget ${percent(budget)}`}</title>
          </line>
        ) : null}
        <path d={path} fill="none" stroke="#1d4ed8" strokeWidth={2} />
        {marked ? (
          <circle
            cx={x(marked.answers.wrong)}
            cy={y(marked.answers.resolved)}
            r={5}
            fill="#1d4ed8"
            stroke="white"
            strokeWidth={2}
          >
            <title>{`Threshold ${percent(marked.point.threshold)}: ${percent(marked.answers.resolved)} right, ${percent(marked.answers.wrong)} wrong`}</title>
          </circle>
        ) : null}
      </svg>
      <figcaption className="text-xs text-stone-600">
        Each point is a confidence threshold: lower thresholds answer more messages, right and
        wrong. Out-of-scope messages are counted as {percent(outOfScopeShare)} of traffic. The dot
        is where the bot runs{budget !== null ? '; the dashed line is the wrong-answer budget' : ''}
        .
      </figcaption>
    </figure>
  );
}
