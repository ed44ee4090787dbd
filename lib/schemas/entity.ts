import { z } from 'zod';

/** The entity types the bot finds by itself (lib/nlp/entities.ts), with no admin definition. */
export const EntityTypeSchema = z.enum(['email', 'phone', 'orderNumber', 'money', 'date']);
export type EntityType = z.infer<typeof EntityTypeSchema>;

/** An entity's name as responses (`{city}`), annotations and classifier features (`e:city`) use it. */
export const EntityNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the entity a name')
  .max(60, 'Use at most 60 characters')
  .regex(
    /^[\p{L}\p{N}_][\p{L}\p{N}_.\-]*$/u,
    'Use letters, digits, _ . or - (no spaces), starting with a letter, digit or _',
  );

const entityText = z.string().trim().min(1).max(200);

/** A list entity's value and the other ways visitors write it. */
export const EntityValueSchema = z.object({
  value: entityText,
  synonyms: z.array(entityText).max(200).default([]),
});
export type EntityValue = z.infer<typeof EntityValueSchema>;

const RegexSourceSchema = z
  .string()
  .min(1)
  .max(500)
  .refine((source) => {
    try {
      new RegExp(source, 'gi');
      return true;
    } catch {
      return false;
    }
  }, 'Not a valid regular expression');

/** An entity defined by the admin: a list (with synonyms), a lookup table, regexes, or all three. */
export const CustomEntitySchema = z.object({
  name: EntityNameSchema,
  values: z.array(EntityValueSchema).max(5000).default([]),
  lookup: z.array(entityText).max(100_000).default([]),
  patterns: z.array(RegexSourceSchema).max(50).default([]),
});
export type CustomEntity = z.infer<typeof CustomEntitySchema>;

export const SaveCustomEntitiesSchema = z.object({
  entities: z
    .array(CustomEntitySchema)
    .max(200)
    .refine(
      (entities) => new Set(entities.map((entity) => entity.name)).size === entities.length,
      'Name each entity once',
    ),
});

/** An entity marked in a training example: characters [start, end) of the example's text. */
export const ExampleAnnotationSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    entity: EntityNameSchema,
    /** The value it stands for when that differs from the text (a synonym's value). */
    value: z.string().max(200).optional(),
    /** Rasa's roles and groups: which part the entity plays ("departure" city). */
    role: z.string().max(60).optional(),
    group: z.string().max(60).optional(),
  })
  .refine((annotation) => annotation.end > annotation.start, 'An annotation cannot be empty');
export type ExampleAnnotation = z.infer<typeof ExampleAnnotationSchema>;

export const ExampleAnnotationsSchema = z.array(ExampleAnnotationSchema).max(50);

export const AnnotateExampleSchema = z.object({ annotations: ExampleAnnotationsSchema });
