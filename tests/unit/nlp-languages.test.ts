import { describe, expect, it } from 'vitest';
import { WIDGET_STRINGS, pickLanguage } from '@/components/widget/strings';
import { asksForHuman } from '@/lib/bot/asks-for-human';
import { WORDING } from '@/lib/bot/wording';
import { readFileSync } from 'node:fs';
import { preprocess } from '@/lib/nlp';
import { guessLanguage } from '@/lib/nlp/guess-language';
import { SiteLanguageSchema } from '@/lib/schemas/site';

describe('Spanish, French, German, Portuguese and Italian preprocessing', () => {
  it.each([
    [
      'es',
      '¿Puedes cancelar mis pedidos? No los quiero.',
      ['puedes', 'cancelar', 'mis', 'pedidos', 'no', 'quiero'],
      ['pued', 'cancel', 'mis', 'ped', 'no', 'quier'],
    ],
    [
      'fr',
      "Je n'ai pas reçu mes commandes, où sont-elles ?",
      ['n', 'pas', 'reçu', 'commandes', 'où', 'elles'],
      ['n', 'pas', 'reçu', 'command', 'où', 'elle'],
    ],
    [
      'de',
      'Ich möchte meine Bestellungen nicht mehr haben!',
      ['möchte', 'bestellungen', 'nicht', 'mehr'],
      ['mocht', 'bestell', 'nicht', 'mehr'],
    ],
    [
      'pt',
      'Não recebi as minhas encomendas. Onde estão?',
      ['não', 'recebi', 'encomendas', 'onde', 'estão'],
      ['nã', 'receb', 'encomend', 'onde', 'estã'],
    ],
    [
      'it',
      "Non voglio più i miei ordini, dov'è il rimborso?",
      ['non', 'voglio', 'più', 'ordini', 'dov', 'rimborso'],
      ['non', 'vogl', 'più', 'ordin', 'dov', 'rimbors'],
    ],
  ] as const)(
    '%s: keeps negations and question words, drops filler, stems',
    (language, text, kept, stems) => {
      const steps = preprocess(text, language);
      expect(steps.withoutStopwords).toEqual(kept);
      expect(steps.stems).toEqual(stems);
      // Words keep their accents and are n-grammed within word boundaries.
      expect(steps.charNgrams.every((gram) => !gram.trim().includes(' '))).toBe(true);
    },
  );

  it('does not read a Spanish message with English stopwords', () => {
    expect(preprocess('me puedes ayudar', 'es').withoutStopwords).toEqual(['puedes', 'ayudar']);
    expect(preprocess('a mi casa', 'es').withoutStopwords).toEqual(['casa']);
  });
});

describe('guessing the language of a file without a language tag', () => {
  it.each(['es', 'fr', 'de', 'pt', 'it'] as const)('reads the %s examples as such', (language) => {
    const examples: Record<string, string[]> = JSON.parse(
      readFileSync(`tests/fixtures/languages/${language}.json`, 'utf8'),
    );
    expect(guessLanguage(Object.values(examples).flat())).toBe(language);
  });

  it('says nothing when it is not clear', () => {
    expect(guessLanguage(['PayPal', 'SAVE20'])).toBeNull();
    expect(guessLanguage(['where is my order', 'cancel it please'])).toBe('en');
    expect(guessLanguage(['我的订单在哪里'])).toBe('zh');
  });
});

describe('every site language speaks in the widget and the bot', () => {
  it.each(SiteLanguageSchema.options)('%s has every string', (language) => {
    expect(Object.keys(WIDGET_STRINGS[language]).sort()).toEqual(
      Object.keys(WIDGET_STRINGS.en).sort(),
    );
    expect(Object.keys(WIDGET_STRINGS[language].errors).sort()).toEqual(
      Object.keys(WIDGET_STRINGS.en.errors).sort(),
    );
    expect(Object.keys(WORDING[language]).sort()).toEqual(Object.keys(WORDING.en).sort());
    // Its own "talk to a human" button is always understood.
    expect(asksForHuman(WORDING[language].talkToHuman, language)).toBe(true);
  });

  it('picks the browser language when the widget speaks it', () => {
    expect(pickLanguage('de-AT,de;q=0.9,en;q=0.5', 'en')).toBe('de');
    expect(pickLanguage('pt-BR', 'en')).toBe('pt');
    expect(pickLanguage('nl-NL,nl;q=0.9', 'fr')).toBe('fr');
  });

  it('understands a request for a person in each language', () => {
    expect(asksForHuman('quiero hablar con una persona', 'es')).toBe(true);
    expect(asksForHuman('je veux parler à un conseiller', 'fr')).toBe(true);
    expect(asksForHuman('ich möchte mit einem Mitarbeiter sprechen', 'de')).toBe(true);
    expect(asksForHuman('quero falar com um atendente', 'pt')).toBe(true);
    expect(asksForHuman('voglio parlare con un operatore', 'it')).toBe(true);
    expect(asksForHuman('quiero cancelar mi pedido', 'es')).toBe(false);
  });
});
