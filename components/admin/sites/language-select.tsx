'use client';
import { SITE_LANGUAGES, type SiteLanguage } from '@/lib/schemas/site';
import { inputClass } from '../field-styles';

/** The site's language, which picks the preprocessing: the same choice when creating and editing a site. */
export function LanguageSelect({
  value,
  onChange,
}: {
  value: SiteLanguage;
  onChange: (language: SiteLanguage) => void;
}) {
  return (
    <select
      value={value}
      onChange={(e) => onChange(e.target.value as SiteLanguage)}
      className={inputClass}
    >
      {SITE_LANGUAGES.map(([language, name]) => (
        <option key={language} value={language}>
          {name}
        </option>
      ))}
    </select>
  );
}
