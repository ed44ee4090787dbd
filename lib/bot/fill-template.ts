import type { Entity } from '@/lib/nlp';

/**
 * Fills `{orderNumber}` or `{orderNumber|your order}` with the entity the visitor gave (the most
 * recent first), else the fallback after `|`, else nothing.
 */
export function fillTemplate(template: string, entities: Entity[]): string {
  return template
    .replace(/\{(\w+)(?:\|([^}]*))?\}/g, (_, name: string, fallback?: string) => {
      const entity = entities.find((candidate) => candidate.type === name);
      return entity ? entity.value : (fallback ?? '');
    })
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([.,!?])/g, '$1')
    .trim();
}
