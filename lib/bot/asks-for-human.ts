import type { SiteLanguage } from '@/lib/schemas/site';
import { WORDING } from './wording';

const REQUEST: Record<SiteLanguage, RegExp> = {
  en: /\b(talk|speak|chat|connect|transfer|put)\b.*\b(human|person|people|agent|someone|somebody|representative|operator|staff)\b|^\W*(human|agent|operator|representative|real person)\W*$/i,
  zh: /人工|真人|转接/,
  es: /\b(hablar|habla|comunicar|pasar|contactar)\b.*\b(humano|persona|agente|alguien|operador|representante)\b|^\W*(humano|agente|operador|una persona)\W*$/i,
  fr: /\b(parler|discuter|passer|joindre|contacter)\b.*\b(humain|personne|agent|quelqu'un|conseiller|opérateur)\b|^\W*(humain|agent|conseiller|une personne)\W*$/i,
  de: /\b(sprechen|reden|verbinden|chatten)\b.*\b(mensch|menschen|person|mitarbeiter|mitarbeiterin|jemand|berater)\b|\b(mensch|mitarbeiter|jemand)\b.*\b(sprechen|reden)\b|^\W*(mensch|mitarbeiter|berater)\W*$/i,
  pt: /\b(falar|conversar|passar|contatar|ligar)\b.*\b(humano|pessoa|atendente|agente|alguém|operador)\b|^\W*(humano|atendente|agente|uma pessoa)\W*$/i,
  it: /\b(parlare|parla|passare|contattare|mettere in contatto)\b.*\b(umano|persona|operatore|operatrice|agente|qualcuno)\b|^\W*(umano|operatore|una persona)\W*$/i,
};

/**
 * An explicit request for a person, understood even without a trained model (and the bot's own
 * "Talk to a human" button always works).
 */
export function asksForHuman(text: string, language: SiteLanguage): boolean {
  return text.trim() === WORDING[language].talkToHuman || REQUEST[language].test(text);
}
