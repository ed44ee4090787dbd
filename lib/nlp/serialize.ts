import { z } from 'zod';
import { FeatureConfig, restoreFeatureSpace, termIndexOf } from './features';
import { Calibration, type IntentClassifier } from './model';
import { Language } from './preprocess';

const MAGIC = 'HNLU';
// 2 added word associations; version 1 artifacts have none and still load.
const FORMAT_VERSION = 2;
const READABLE_VERSIONS = new Set([1, 2]);

/** The JSON part of a model artifact; the weights follow it as raw Float32 arrays. */
const ArtifactHeader = z.object({
  language: Language,
  intents: z.array(z.string()).min(2),
  outOfScopeIntent: z.string().nullable(),
  charNgramRange: z.tuple([z.number().int(), z.number().int()]),
  featureConfig: FeatureConfig,
  embeddingSize: z.number().int().nonnegative(),
  embeddingModel: z.string().nullable(),
  calibration: Calibration,
  seed: z.number().int(),
  terms: z.array(z.string()),
  associationTerms: z.array(z.string()).default([]),
  associationDimensions: z.number().int().nonnegative().default(0),
});

const align4 = (offset: number) => (offset + 3) & ~3;

/** Compact and deterministic: the same model always gives the same bytes. */
export function serialize(model: IntentClassifier): Uint8Array<ArrayBuffer> {
  const associations = model.features.associations;
  const header: z.infer<typeof ArtifactHeader> = {
    language: model.language,
    intents: model.intents,
    outOfScopeIntent: model.outOfScopeIntent,
    charNgramRange: [model.charNgramRange[0], model.charNgramRange[1]],
    featureConfig: {
      maxWordNgram: model.features.config.maxWordNgram,
      minDocumentFrequency: model.features.config.minDocumentFrequency,
      wordWeight: model.features.config.wordWeight,
      charWeight: model.features.config.charWeight,
      embeddingWeight: model.features.config.embeddingWeight,
      radicalWeight: model.features.config.radicalWeight,
      categoryWeight: model.features.config.categoryWeight,
      associationWeight: model.features.config.associationWeight,
    },
    embeddingSize: model.features.embeddingSize,
    embeddingModel: model.embeddingModel,
    calibration: model.calibration,
    seed: model.seed,
    terms: model.features.terms,
    associationTerms: associations?.terms ?? [],
    associationDimensions: associations?.dimensions ?? 0,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const arrays = [model.features.idf, model.scorer.weights, model.scorer.bias];
  if (associations) arrays.push(associations.idf, associations.vectors);
  const dataStart = align4(12 + headerBytes.length);
  const bytes = new Uint8Array(
    dataStart + arrays.reduce((sum, array) => sum + array.byteLength, 0),
  );
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);
  let offset = dataStart;
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++, offset += 4) view.setFloat32(offset, array[i], true);
  }
  return bytes;
}

export function deserialize(bytes: Uint8Array): IntentClassifier {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error('not an intent model artifact');
  }
  const version = view.getUint32(4, true);
  if (!READABLE_VERSIONS.has(version))
    throw new Error(`unsupported model format version ${version}`);
  const headerLength = view.getUint32(8, true);
  const header = ArtifactHeader.parse(
    JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))),
  );
  const classes = header.intents.length;
  const columns = header.terms.length + header.associationDimensions + header.embeddingSize;
  let offset = align4(12 + headerLength);
  const readFloats = (length: number) => {
    if (offset + length * 4 > bytes.byteLength) throw new Error('model artifact is truncated');
    const array = new Float32Array(length);
    for (let i = 0; i < length; i++, offset += 4) array[i] = view.getFloat32(offset, true);
    return array;
  };
  const idf = readFloats(header.terms.length);
  const weights = readFloats(columns * classes);
  const bias = readFloats(classes);
  const associationCount = header.associationTerms.length;
  const associations =
    header.associationDimensions > 0
      ? {
          terms: header.associationTerms,
          dimensions: header.associationDimensions,
          idf: readFloats(associationCount),
          vectors: readFloats(associationCount * header.associationDimensions),
        }
      : null;
  const features = restoreFeatureSpace(
    header.featureConfig,
    header.terms,
    idf,
    header.embeddingSize,
    associations,
  );
  // Built now, while loading, so the first message after a model swap does not wait for it.
  termIndexOf(features);
  return {
    language: header.language,
    intents: header.intents,
    outOfScopeIntent: header.outOfScopeIntent,
    charNgramRange: header.charNgramRange,
    features,
    scorer: { classes, columns, weights, bias },
    calibration: header.calibration,
    embeddingModel: header.embeddingModel,
    seed: header.seed,
    // Not in the artifact: read from the version's stored examples (withKnownExamples), which a
    // visitor's erasure takes their words out of.
    knownExamples: new Map(),
  };
}
