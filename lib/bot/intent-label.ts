/**
 * How an intent is offered to visitors as a button: the label the admin gave it, else its short
 * description, else (never the raw name) its name in words: "business_info" → "Business info".
 */
export function intentLabel(intent: {
  name: string;
  description: string | null;
  buttonLabel: string | null;
}): string {
  if (intent.buttonLabel) return intent.buttonLabel;
  if (intent.description && intent.description.length <= 40) return intent.description;
  const words = intent.name.replace(/[_\-./]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
