import { Badge } from '@/components/ui/badge';

/** A score 0..1 as a percentage, coloured by how worrying it is. */
export function ScoreBadge({ value, title }: { value: number | null; title?: string }) {
  if (value === null) return <span className="text-xs text-stone-500">—</span>;
  const tone = value >= 0.9 ? 'green' : value >= 0.75 ? 'amber' : 'red';
  return (
    <Badge tone={tone} title={title}>
      {(value * 100).toFixed(0)}%
    </Badge>
  );
}
