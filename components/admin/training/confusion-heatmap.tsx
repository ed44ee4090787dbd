import type { TrainingMetrics } from '@/lib/nlp';
import { ScrollArea } from '@/components/ui/scroll-area';

/**
 * Rows are the expected intents, columns what the model predicted; each cell is the share of the
 * row's examples, so a perfect model is a blue diagonal and confusions stand out in red.
 */
export function ConfusionHeatmap({ confusion }: { confusion: TrainingMetrics['confusion'] }) {
  const { labels, matrix } = confusion;
  const size = labels.length;
  if (!size) return <p className="text-sm text-stone-500">No evaluated examples.</p>;
  const cell = Math.max(8, Math.min(28, Math.floor(640 / size)));
  const showCounts = cell >= 22;
  const labelWidth = 150;
  const headerHeight = 110;
  const width = labelWidth + size * cell;
  const height = headerHeight + size * cell;
  const short = (label: string) => (label.length > 22 ? `${label.slice(0, 21)}…` : label);
  return (
    <ScrollArea label="Confusion matrix">
      <svg
        role="img"
        aria-label={`Confusion matrix of ${size} intents`}
        width={width}
        height={height}
        className="font-sans"
        data-testid="confusion-matrix"
      >
        {labels.map((label, column) => (
          <text
            key={`c-${label}`}
            transform={`translate(${labelWidth + column * cell + cell / 2 + 3}, ${headerHeight - 4}) rotate(-55)`}
            fontSize={Math.min(11, cell)}
            fill="#57534e"
          >
            {short(label)}
          </text>
        ))}
        {matrix.map((row, rowIndex) => {
          const total = row.reduce((sum, count) => sum + count, 0) || 1;
          const y = headerHeight + rowIndex * cell;
          return (
            <g key={labels[rowIndex]}>
              <text
                x={labelWidth - 6}
                y={y + cell / 2 + 4}
                textAnchor="end"
                fontSize={Math.min(11, cell)}
                fill="#44403c"
              >
                {short(labels[rowIndex])}
              </text>
              {row.map((count, column) => {
                const share = count / total;
                const diagonal = column === rowIndex;
                const fill =
                  count === 0
                    ? '#fafaf9'
                    : diagonal
                      ? `rgba(37, 99, 235, ${0.15 + 0.85 * share})`
                      : `rgba(220, 38, 38, ${0.2 + 0.8 * share})`;
                return (
                  <g key={column}>
                    <rect
                      x={labelWidth + column * cell}
                      y={y}
                      width={cell - 1}
                      height={cell - 1}
                      fill={fill}
                    >
                      <title>{`${labels[rowIndex]} → ${labels[column]}: ${count} of ${total}`}</title>
                    </rect>
                    {showCounts && count > 0 ? (
                      <text
                        x={labelWidth + column * cell + cell / 2 - 0.5}
                        y={y + cell / 2 + 3.5}
                        textAnchor="middle"
                        fontSize={10}
                        fill={share > 0.5 ? 'white' : '#1c1917'}
                        pointerEvents="none"
                      >
                        {count}
                      </text>
                    ) : null}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </ScrollArea>
  );
}
