import { z } from 'zod';
import { webUrl } from './url';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1d4ed8');

/** How the widget looks on the host page. Stored in Site.widgetSettings. */
export const WidgetSettingsSchema = z.object({
  color: hexColor.default('#1d4ed8'),
  title: z.string().trim().min(1).max(60).default('Chat with us'),
  greeting: z.string().trim().max(500).default('Hi! How can we help you today?'),
  avatarUrl: webUrl(500).nullable().default(null),
  position: z.enum(['right', 'left']).default('right'),
  launcherText: z.string().trim().max(30).default('Chat'),
});
export type WidgetSettings = z.infer<typeof WidgetSettingsSchema>;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:00');

/** How the bot decides. Stored in Site.botSettings. */
export const BotSettingsSchema = z.object({
  /**
   * Share of messages the bot may answer wrongly (intent and knowledge-base answers alike): the
   * threshold follows from the model's held-out risk–coverage curve (README, "How the bot decides").
   */
  wrongAnswerBudget: z.number().min(0.001).max(0.5).default(0.02),
  /** Share of the site's traffic no intent covers; held-out out-of-scope examples are weighted to it. */
  outOfScopeShare: z.number().min(0).max(0.9).default(0.2),
  /** Learn "out of scope" from the built-in examples while the site has none of its own. */
  builtInOutOfScope: z.boolean().default(true),
  /**
   * The admin's own threshold on the confidence scale (the chance an answer is right), stricter or
   * looser than the budget's point; null follows the budget.
   */
  confidenceThreshold: z.number().min(0).max(1).nullable().default(null),
  /** Calibrated relevance a knowledge-base answer needs; null: derived from wrongAnswerBudget. */
  knowledgeMinConfidence: z.number().min(0).max(1).nullable().default(null),
  /** The admin's own "did you mean" margin between the top two intents; null uses the trained one. */
  ambiguityMargin: z.number().min(0).max(1).nullable().default(null),
  /** Consecutive fallbacks before the bot asks whether the visitor wants a person (or an email). */
  fallbacksBeforeHandoff: z.number().int().min(1).max(10).default(2),
  /** Regular expression for the site's order numbers. */
  orderNumberPattern: z.string().max(200).default('#?[A-Z]{2,4}-?\\d{4,10}'),
  /** ISO 3166 alpha-2 country for phone numbers written without +country code; '' reads only +numbers. */
  phoneCountry: z
    .string()
    .regex(/^([A-Z]{2})?$/, 'A two-letter country code such as GB, or nothing')
    .default(''),
  businessHours: z
    .object({
      timezone: z.string().default('UTC'),
      days: z.array(z.number().int().min(0).max(6)).default([1, 2, 3, 4, 5]),
      open: timeOfDay.default('09:00'),
      close: timeOfDay.default('17:00'),
    })
    .nullable()
    .default(null),
  offlineMessage: z
    .string()
    .max(500)
    .default("We're offline right now. Leave your email and we'll get back to you."),
});
export type BotSettings = z.infer<typeof BotSettingsSchema>;

export const SiteLanguageSchema = z.enum(['en', 'zh', 'es', 'fr', 'de', 'pt', 'it']);
export type SiteLanguage = z.infer<typeof SiteLanguageSchema>;

/** How each site language is named to admins, in its own words. */
export const SITE_LANGUAGE_NAMES: Record<SiteLanguage, string> = {
  en: 'English',
  zh: '中文 (Chinese)',
  es: 'Español (Spanish)',
  fr: 'Français (French)',
  de: 'Deutsch (German)',
  pt: 'Português (Portuguese)',
  it: 'Italiano (Italian)',
};

/** The languages as [code, name] pairs, for a language picker. */
export const SITE_LANGUAGES = Object.entries(SITE_LANGUAGE_NAMES) as [SiteLanguage, string][];
