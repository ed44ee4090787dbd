import { isClearChange, type MeasureChange } from '@/lib/nlp';
import { ChangeArrow, percent } from './change-arrow';

const points = (share: number) => `${share > 0 ? '+' : ''}${(share * 100).toFixed(1)}`;

/** How sure a change is, in words, with the interval and the test behind it on hover. */
export function describeCertainty(change: MeasureChange): string {
  const interval = `95% interval ${points(change.low)} to ${points(change.high)} points`;
  const test = change.pValue === null ? '' : `, McNemar p = ${change.pValue.toPrecision(2)}`;
  const verdict =
    change.candidate === change.baseline && change.low === change.high
      ? 'no change'
      : isClearChange(change)
        ? 'unlikely to be chance'
        : 'could be chance';
  return `${verdict} (${interval}${test})`;
}

/** A measure against another version on the same messages: arrow, its value, how sure. */
export function MeasureChangeLine({
  change,
  baseline,
  lowerIsBetter,
}: {
  change: MeasureChange;
  /** What to call the other version: "live", "v3". */
  baseline: string;
  lowerIsBetter?: boolean;
}) {
  const clear = isClearChange(change);
  return (
    <span className="block text-xs text-stone-500" title={describeCertainty(change)}>
      <ChangeArrow now={change.candidate} before={change.baseline} lowerIsBetter={lowerIsBetter} />{' '}
      {baseline} {percent(change.baseline)}
      <span className="block">
        95%: {points(change.low)} to {points(change.high)} ·{' '}
        <span className={clear ? 'font-medium text-stone-700' : undefined}>
          {clear ? 'clear' : 'may be chance'}
        </span>
      </span>
    </span>
  );
}
