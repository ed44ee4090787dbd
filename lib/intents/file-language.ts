import { guessLanguage } from '@/lib/nlp/guess-language';
import type { ImportProblem } from '@/lib/schemas/intent';
import type { IntentFileContent } from './formats/parsed-intent';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const nameOf = (code: string) => languageNames.of(code) ?? code;

/**
 * A file whose language tag (nlp.js `locale`) is not the site's would be read with the wrong
 * stemmer and stopwords; it is refused with what to do instead.
 */
export function fileLanguageProblem(
  file: Pick<IntentFileContent, 'locale'>,
  siteLanguage: string,
): ImportProblem | null {
  if (!file.locale) return null;
  const fileLanguage = file.locale.split(/[-_]/)[0].toLowerCase();
  if (fileLanguage === siteLanguage) return null;
  return {
    line: null,
    message:
      `The file is in ${nameOf(fileLanguage)} ("locale": "${file.locale}") but this site is in ` +
      `${nameOf(siteLanguage)}: import it into a ${nameOf(fileLanguage)} site, or change this site's language first`,
  };
}

/**
 * A file without a language tag (Rasa, CSV) whose examples read clearly as another language than
 * the site's: a warning in the preview, as the guess can be wrong for short or mixed examples.
 */
export function fileLanguageWarning(
  file: Pick<IntentFileContent, 'locale' | 'bundles'>,
  siteLanguage: string,
): string | null {
  if (file.locale) return null;
  const guessed = guessLanguage(file.bundles.flatMap((bundle) => bundle.examples));
  if (!guessed || guessed === siteLanguage) return null;
  return (
    `The examples look ${nameOf(guessed)}, but this site is in ${nameOf(siteLanguage)}: ` +
    `they would be read with ${nameOf(siteLanguage)} stopwords and stemming`
  );
}
