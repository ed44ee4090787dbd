'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { IntentDetail } from '@/lib/intents';
import { EntityTypeSchema } from '@/lib/schemas/entity';
import { entityLabel, type IntentSlot } from '@/lib/schemas/intent';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass } from '../field-styles';
import { useAction } from '../use-action';

/**
 * Entities the visitor must give before the intent is answered, each with the bot's question:
 * built-in ones or the site's own (`customEntityNames`, from the Entities page and annotations).
 */
export function RequiredEntities({
  intent,
  customEntityNames,
}: {
  intent: IntentDetail;
  customEntityNames: string[];
}) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [slots, setSlots] = useState<IntentSlot[]>(intent.slots);
  const unused = [...EntityTypeSchema.options, ...customEntityNames].filter(
    (name) => !slots.some((slot) => slot.entity === name),
  );
  const change = (index: number, slot: Partial<IntentSlot>) =>
    setSlots(slots.map((current, i) => (i === index ? { ...current, ...slot } : current)));
  return (
    <Card title="Required entities">
      <div className="space-y-2" data-testid="required-entities">
        <p className="text-xs text-stone-500">
          When the visitor&apos;s message lacks one, the bot asks with your question (at most
          twice), reads the answer from the next message and then answers, filling {'{orderNumber}'}{' '}
          and the like into the response.
        </p>
        {slots.map((slot, index) => (
          <div key={slot.entity} className="flex items-start gap-2">
            <select
              aria-label={`Required entity ${index + 1}`}
              value={slot.entity}
              onChange={(e) => change(index, { entity: e.target.value })}
              className={`${inputClass} w-40 shrink-0`}
            >
              {[slot.entity, ...unused].map((name) => (
                <option key={name} value={name}>
                  {entityLabel(name)}
                </option>
              ))}
            </select>
            <textarea
              aria-label={`What the bot asks for the ${entityLabel(slot.entity).toLowerCase()}`}
              placeholder={`e.g. What is your ${entityLabel(slot.entity).toLowerCase()}?`}
              value={slot.prompt}
              rows={2}
              onChange={(e) => change(index, { prompt: e.target.value })}
              className={inputClass}
            />
            <Button
              tone="ghost"
              size="sm"
              aria-label={`Do not require the ${entityLabel(slot.entity).toLowerCase()}`}
              onClick={() => setSlots(slots.filter((_, i) => i !== index))}
            >
              ✕
            </Button>
          </div>
        ))}
        <div className="flex gap-2">
          <Button
            tone="secondary"
            size="sm"
            disabled={unused.length === 0}
            onClick={() => setSlots([...slots, { entity: unused[0], prompt: '' }])}
          >
            Require an entity
          </Button>
          <Button
            size="sm"
            disabled={pending || JSON.stringify(slots) === JSON.stringify(intent.slots)}
            onClick={() => void run(() => api('PUT', `/intents/${intent.id}/slots`, { slots }))}
          >
            Save required entities
          </Button>
        </div>
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}
