import type { SiteLanguage } from '@/lib/schemas/site';
import { WORDING } from './wording';

const REQUEST: Record<SiteLanguage, RegExp> = {
  en: /\b(talk|speak|chat|connect|transfer|put)\b.*\b(human|person|people|agent|someone|somebody|representative|operator|staff)\b|^\W*(human|agent|operator|representative|real person)\W*$/i,
  zh: /人工|真人|转接/,
};

/**
 * An explicit request for a person, understood even without a trained model (and the bot's own
 * "Talk to a human" button always works).
 */
export function asksForHuman(text: string, language: SiteLanguage): boolean {
  return text.trim() === WORDING[language].talkToHuman || REQUEST[language].test(text);
}
