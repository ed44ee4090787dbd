import { ExampleAnnotationSchema, type ExampleAnnotation } from '@/lib/schemas/entity';

// Rasa marks entities inline: [Berlin](city), [Berlin](city:Berlin City), [Berlin]{"entity": "city",
// "role": "to"}, and several on one span as [Berlin][{"entity": "city"}, {"entity": "place"}].
const ANNOTATION = /\[([^\]]+?)\](?:\(([^)]+?)\)|\{([^}]*)\}|\[(\{.*?\})\])/g;

export interface AnnotatedText {
  text: string;
  annotations: ExampleAnnotation[];
  /** Markup that could not be read, kept as plain text. */
  unreadable: string[];
}

function annotationOf(
  fields: Record<string, unknown>,
  start: number,
  end: number,
): ExampleAnnotation | null {
  const parsed = ExampleAnnotationSchema.safeParse({
    start,
    end,
    entity: fields.entity,
    value: typeof fields.value === 'string' ? fields.value : undefined,
    role: typeof fields.role === 'string' ? fields.role : undefined,
    group:
      typeof fields.group === 'string' || typeof fields.group === 'number'
        ? String(fields.group)
        : undefined,
  });
  return parsed.success ? parsed.data : null;
}

/** Reads a Rasa training example into its plain text and the entities marked in it. */
export function readRasaAnnotations(example: string): AnnotatedText {
  const annotations: ExampleAnnotation[] = [];
  const unreadable: string[] = [];
  let text = '';
  let last = 0;
  for (const match of example.matchAll(ANNOTATION)) {
    const [markup, spanText, short, dictionary, list] = match;
    text += example.slice(last, match.index);
    last = match.index + markup.length;
    const start = text.length;
    text += spanText;
    const end = text.length;
    let fieldSets: Record<string, unknown>[] = [];
    try {
      if (short !== undefined) {
        const [entity, ...value] = short.split(':');
        fieldSets = [{ entity: entity.trim(), value: value.length ? value.join(':') : undefined }];
      } else {
        const parsed: unknown = JSON.parse(
          dictionary !== undefined ? `{${dictionary}}` : `[${list}]`,
        );
        fieldSets = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
      }
    } catch {
      fieldSets = [];
    }
    const read = fieldSets.map((fields) => annotationOf(fields, start, end));
    if (!read.length || read.some((annotation) => annotation === null)) unreadable.push(markup);
    for (const annotation of read) if (annotation) annotations.push(annotation);
  }
  text += example.slice(last);
  return { text, annotations, unreadable };
}

/** Writes an example back with Rasa's inline markup: the short form when only the entity is set. */
export function writeRasaAnnotations(
  text: string,
  annotations: readonly ExampleAnnotation[],
): string {
  const spans = new Map<string, ExampleAnnotation[]>();
  for (const annotation of annotations) {
    const key = `${annotation.start}:${annotation.end}`;
    spans.set(key, [...(spans.get(key) ?? []), annotation]);
  }
  const ordered = [...spans.values()].sort((a, b) => a[0].start - b[0].start);
  let out = '';
  let last = 0;
  for (const group of ordered) {
    const { start, end } = group[0];
    if (start < last || end > text.length) continue; // overlapping spans cannot be written inline
    out += text.slice(last, start);
    const spanText = text.slice(start, end);
    const fields = group.map(({ entity, value, role, group: entityGroup }) =>
      JSON.stringify({
        entity,
        ...(value !== undefined && { value }),
        ...(role && { role }),
        ...(entityGroup && { group: entityGroup }),
      }),
    );
    const only = group[0];
    if (group.length === 1 && only.value === undefined && !only.role && !only.group) {
      out += `[${spanText}](${only.entity})`;
    } else if (group.length === 1) {
      out += `[${spanText}]${fields[0]}`;
    } else {
      out += `[${spanText}][${fields.join(', ')}]`;
    }
    last = end;
  }
  return out + text.slice(last);
}
