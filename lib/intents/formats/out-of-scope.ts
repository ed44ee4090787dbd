/** The class the classifier trains on out-of-scope examples (lib/nlp's default). */
export const OUT_OF_SCOPE_INTENT = 'oos';

/** Rasa's `out_of_scope` and nlp.js' `None` are our out-of-scope class. */
export function fromOutOfScope(name: string, theirName: string): string {
  return name === theirName ? OUT_OF_SCOPE_INTENT : name;
}

export function toOutOfScope(name: string, theirName: string): string {
  return name === OUT_OF_SCOPE_INTENT ? theirName : name;
}
