/** A built-in or custom entity: its type (or the custom entity's name) and normalized value. */
interface FilledEntity {
  type: string;
  value: string;
}

/**
 * Fills `{orderNumber}`, `{person}` or `{account_type|your account}` with the entity the visitor
 * gave (the most recent first), else the fallback after `|`, else nothing.
 */
export function fillTemplate(template: string, entities: readonly FilledEntity[]): string {
  return template
    .replace(/\{([\p{L}\p{N}_.-]+)(?:\|([^}]*))?\}/gu, (_, name: string, fallback?: string) => {
      const entity = entities.find((candidate) => candidate.type === name);
      return entity ? entity.value : (fallback ?? '');
    })
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([.,!?])/g, '$1')
    .trim();
}
