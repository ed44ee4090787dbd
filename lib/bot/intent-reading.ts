import type { IntentReading } from '@/lib/knowledge';
import type { SiteIntent } from './site-intents';
import type { Understanding } from './understand';

/** What the knowledge base reads from the classifier: its ranking and what each intent answers. */
export function intentReading(
  understanding: Pick<Understanding, 'classification' | 'learnedStems'>,
  intents: ReadonlyMap<string, SiteIntent>,
): IntentReading | undefined {
  const ranking = understanding.classification?.ranking;
  const { learnedStems } = understanding;
  if (!ranking || !learnedStems) return undefined;
  return {
    ranking,
    responses: new Map([...intents].map(([name, intent]) => [name, intent.responses])),
    learnedStems,
  };
}
