// Fits the knowledge base's relevance calibration (lib/knowledge/relevance-fit.json) on a DEV question set.
//
// Usage: npx tsx scripts/fit-kb-relevance.ts --questions tests/fixtures/kb-questions.dev.json [--keywords-only]
// Retrieves every question from the seeded demo shop with its starter intents trained (lib/knowledge
// `retrieve`, as the bot does), labels the best article right (1) or not (0; unanswerable questions are
// always 0), fits a logistic regression on the relevance features and stores its weights with the risk curve
// that turns a wrong-answer budget into a threshold: once without and once with what the intent classifier
// made of the question (`withIntents`, used when the site has a trained classifier). It fits the `hybrid`
// entry with the configured embedding model (the built-in sentence encoder unless EMBEDDING_MODEL says
// otherwise); `--keywords-only` fits the `keywords` entry, used without one. Never fit on an eval set.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { readyEmbeddingModelKey } from '@/lib/ai';
import { intentReading, siteIntents, understand } from '@/lib/bot';
import { intentArticle, retrieve, RELEVANCE_FIT, type RelevanceFeatures } from '@/lib/knowledge';
import { fitLogisticRegression } from '@/lib/nlp';
import { BotSettingsSchema } from '@/lib/schemas/site';
import { KbQuestionsSchema } from './kb-questions';
import { withDemoSite } from './with-demo-site';

const FIT_FILE = 'lib/knowledge/relevance-fit.json';
const FEATURES = {
  keywords: ['coverage', 'keyword', 'margin', 'title'],
  hybrid: ['coverage', 'keyword', 'margin', 'title', 'meaning'],
} as const;
/** L2 penalty on the weights (not the bias): a handful of weights on ~100 questions. */
const RIDGE = 0.1;

const { values } = parseArgs({
  options: {
    questions: { type: 'string' },
    'keywords-only': { type: 'boolean', default: false },
  },
});

interface Sample {
  features: number[];
  right: 0 | 1;
}

const round = (value: number) => Number(value.toFixed(4));

async function main(): Promise<void> {
  if (!values.questions) throw new Error('--questions FILE is required');
  if (/eval/.test(values.questions)) throw new Error('Fit on the DEV questions, never on eval');
  const mode = values['keywords-only'] ? 'keywords' : 'hybrid';
  // Answers are quoted, not written: the fit reads retrieval only.
  process.env.GENERATION_WORKERS = '0';
  if (mode === 'keywords') process.env.EMBEDDING_MODEL = 'none/keywords-only';
  const questions = KbQuestionsSchema.parse(JSON.parse(await readFile(values.questions, 'utf8')));
  const names = FEATURES[mode];
  const namesWithIntents = [...names, 'intentFor', 'intentElsewhere', 'unexplained'] as const;

  const { samples, embeddingModel } = await withDemoSite(
    'fit_kb',
    { trained: true },
    async (site) => {
      // Embeddings are computed in the background after the first question.
      for (let tries = 0; (await retrieve(site.id, 'warmup')).mode !== mode; tries++) {
        if (tries > 100) throw new Error(`Retrieval never reached ${mode} mode`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // Retrieval reads the dense score only for the model the hybrid entry was fitted with: this one now.
      if (mode === 'hybrid') {
        RELEVANCE_FIT.hybrid.embeddingModel = readyEmbeddingModelKey();
        RELEVANCE_FIT.withIntents.hybrid.embeddingModel = readyEmbeddingModelKey();
      }
      const intents = await siteIntents(site.id);
      // Retrieval reads the classifier's features only for articles some intent is about.
      const covered = new Set(
        await Promise.all(
          [...intents.values()].map(
            async (intent) => (await intentArticle(site.id, intent.responses))?.title,
          ),
        ),
      );
      const botSettings = BotSettingsSchema.parse({});
      const result = { plain: [] as Sample[], withIntents: [] as Sample[] };
      for (const { question, article } of questions) {
        const understanding = await understand(
          {
            site: { id: site.id, language: site.language, botSettings },
            conversation: { id: 'fit-kb-relevance', fallbackCount: 0 },
            visitorMessage: { id: 'fit-kb-relevance', body: question },
            history: [],
            signal: AbortSignal.timeout(30_000),
          },
          intents,
        );
        const reading = intentReading(understanding, intents);
        if (!reading) throw new Error('The demo intents are not trained');
        for (const [kind, options, featureNames] of [
          ['plain', {}, names],
          ['withIntents', { intents: reading }, namesWithIntents],
        ] as const) {
          const retrieval = await retrieve(site.id, question, options);
          if (kind === 'withIntents' && !covered.has(retrieval.passages[0]?.title)) continue;
          const features: Partial<RelevanceFeatures> = retrieval.features ?? {};
          result[kind].push({
            features: featureNames.map((name) => features[name] ?? 0),
            right: article !== null && retrieval.passages[0]?.title === article ? 1 : 0,
          });
        }
      }
      return { samples: result, embeddingModel: RELEVANCE_FIT.hybrid.embeddingModel };
    },
  );

  const plain = fitModel(samples.plain, names, mode === 'hybrid' ? embeddingModel : null);
  const withIntents = fitModel(
    samples.withIntents,
    namesWithIntents,
    mode === 'hybrid' ? embeddingModel : null,
    questions.length,
  );
  const fit = {
    ...RELEVANCE_FIT,
    [mode]: plain.model,
    withIntents: { ...RELEVANCE_FIT.withIntents, [mode]: withIntents.model },
  };
  fit.about =
    `Fitted by \`npx tsx scripts/fit-kb-relevance.ts --questions ${values.questions}\`` +
    ' (hybrid, with the built-in sentence encoder; --keywords-only for keywords) on the demo shop.' +
    ' Do not edit by hand.';
  const style = await resolveConfig(FIT_FILE);
  await writeFile(FIT_FILE, await format(JSON.stringify(fit), { ...style, filepath: FIT_FILE }));
  for (const [kind, { model, logLoss }] of Object.entries({ plain, withIntents })) {
    const samplesOf = samples[kind as keyof typeof samples];
    const positives = samplesOf.filter((sample) => sample.right).length;
    console.log(
      `${mode}, ${kind}: ${samplesOf.length} questions, ${positives} with the right best article; ` +
        `log loss ${logLoss.toFixed(3)}; weights ${JSON.stringify(model.weights)} bias ${model.bias}`,
    );
  }
}

/** The logistic model with its risk curve (best first: confidence, share answered wrongly at or above it). */
function fitModel(
  samples: Sample[],
  names: readonly string[],
  embeddingModel: string | null,
  /** The budget is a share of all questions, also for a model that reads only some of them. */
  questionCount = samples.length,
) {
  const { intercept: bias, weights } = fitLogisticRegression(
    samples.map((sample) => sample.features),
    samples.map((sample) => sample.right),
    { ridge: RIDGE },
  );
  const model = {
    embeddingModel,
    bias: round(bias),
    weights: Object.fromEntries(names.map((name, i) => [name, round(weights[i])])),
    curve: [] as [number, number][],
  };
  const confidences = samples.map((sample) => {
    const logit = bias + sample.features.reduce((sum, value, i) => sum + value * weights[i], 0);
    return { confidence: 1 / (1 + Math.exp(-logit)), right: sample.right };
  });
  confidences.sort((a, b) => b.confidence - a.confidence);
  let wrong = 0;
  confidences.forEach(({ confidence, right }, i) => {
    wrong += 1 - right;
    // One point per distinct confidence: ties are answered (or not) together.
    if (confidences[i + 1]?.confidence === confidence) return;
    model.curve.push([round(confidence), round(wrong / questionCount)]);
  });
  const logLoss =
    -confidences.reduce(
      (sum, { confidence, right }) =>
        sum + Math.log(right ? confidence : 1 - confidence + Number.EPSILON),
      0,
    ) / samples.length;
  return { model, logLoss };
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
