import { seededRandom, shuffleInPlace } from './random';

/**
 * Stratified fold of every example (0..folds-1): each intent's examples are spread evenly over the
 * folds. Intents with a single example get -1: they can only be learned, never held out.
 */
export function assignFolds(intents: readonly string[], folds: number, seed: number): Int32Array {
  const assignment = new Int32Array(intents.length).fill(-1);
  const byIntent = new Map<string, number[]>();
  intents.forEach((intent, i) => {
    const members = byIntent.get(intent) ?? [];
    members.push(i);
    byIntent.set(intent, members);
  });
  const random = seededRandom(seed ^ 0x5eed);
  let offset = 0;
  for (const intent of [...byIntent.keys()].sort()) {
    const members = byIntent.get(intent) ?? [];
    if (members.length < 2) continue;
    shuffleInPlace(members, random);
    // Rotating the start keeps fold sizes even when intents have fewer examples than folds.
    members.forEach((example, position) => {
      assignment[example] = (offset + position) % folds;
    });
    offset += members.length;
  }
  return assignment;
}

/** Up to `shots` examples of every intent, drawn with a seed (the few-shot regime admins live in). */
export function sampleEachIntent<T extends { intent: string }>(
  examples: readonly T[],
  shots: number,
  seed: number,
): T[] {
  const byIntent = new Map<string, T[]>();
  for (const example of examples) {
    const members = byIntent.get(example.intent) ?? [];
    members.push(example);
    byIntent.set(example.intent, members);
  }
  const random = seededRandom(seed);
  return [...byIntent.keys()].sort().flatMap((intent) => {
    const members = byIntent.get(intent) ?? [];
    shuffleInPlace(members, random);
    return members.slice(0, shots);
  });
}
