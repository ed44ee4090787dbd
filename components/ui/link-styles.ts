/** Links in text and tables: underlined, so they are told apart by more than colour (WCAG 1.4.1). */
export const textLinkClass =
  'text-blue-700 underline decoration-blue-700/40 underline-offset-2 hover:decoration-blue-700';
