'use client';

import type { ReactNode } from 'react';
import { labelClass } from './field-styles';

/** A labelled range input whose label says the value it stands at. */
export function SliderField({
  label,
  value,
  min,
  max,
  step,
  onChange,
  describedBy,
}: {
  label: ReactNode;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  /** Id of the text that says what the value means, read after the label. */
  describedBy?: string;
}) {
  return (
    <label className="block">
      <span className={labelClass}>{label}</span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        className="w-full"
        aria-describedby={describedBy}
      />
    </label>
  );
}
