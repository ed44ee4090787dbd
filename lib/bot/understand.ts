import { embedTexts } from '@/lib/ai';
import {
  classify,
  extractEntities,
  type BotDecision,
  type Classification,
  type Entity,
} from '@/lib/nlp';
import { matchCustomEntities, type CustomEntityMatch } from '@/lib/nlp/custom-entities';
import { siteEntityDefinitions } from '@/lib/intents/site-custom-entities';
import { liveClassifier } from '@/lib/training';
import type { BotTurn } from './types';
import type { SiteIntent } from './site-intents';

export interface Understanding {
  /** null when the site has no trained model yet, or it could not be used. */
  classification: Classification | null;
  /** The classifier's decision after the site's own threshold and ambiguity margin. */
  decision: BotDecision | null;
  modelVersionId?: string;
  /** From this message first, then earlier visitor messages (an order number given before). */
  entities: Entity[];
  /** The site's own entities, in the same order (absent where no site entities were read). */
  customEntities?: CustomEntityMatch[];
}

/** Reads the visitor's message with the site's live classifier and finds its entities. */
export async function understand(
  turn: BotTurn,
  intents: Map<string, SiteIntent>,
): Promise<Understanding> {
  const { botSettings } = turn.site;
  const entityOptions = { orderNumberPattern: botSettings.orderNumberPattern };
  const visitorTexts = [
    turn.visitorMessage.body,
    ...turn.history
      .filter((message) => message.sender === 'visitor')
      .map((message) => message.body)
      .reverse(),
  ];
  const entities = visitorTexts.flatMap((text) => extractEntities(text, entityOptions));
  const definitions = await siteEntityDefinitions(turn.site.id);
  const customEntities = visitorTexts.flatMap((text) => matchCustomEntities(text, definitions));
  const inThisMessage = [
    ...extractEntities(turn.visitorMessage.body, entityOptions),
    ...matchCustomEntities(turn.visitorMessage.body, definitions),
  ];

  let live;
  let classification: Classification | null = null;
  try {
    live = await liveClassifier(turn.site.id);
    if (live) {
      const { classifier } = live;
      classification = await classify(classifier, turn.visitorMessage.body, {
        handoffIntents: new Set(
          [...intents.values()].filter((intent) => intent.handoff).map((intent) => intent.name),
        ),
        entities: entityOptions,
        entityNames: inThisMessage.map((entity) => entity.type),
        embed: classifier.embeddingModel
          ? async (texts) => {
              const embedded = await embedTexts(texts);
              if (embedded?.model !== classifier.embeddingModel) {
                throw new Error(
                  `the classifier needs embeddings from ${classifier.embeddingModel}`,
                );
              }
              return embedded.vectors;
            }
          : undefined,
      });
    }
  } catch (error) {
    // The bot still answers from the knowledge base; the admin page shows the model problem.
    console.error(
      `[bot] classification failed for site ${turn.site.id}:`,
      (error as Error).message,
    );
    classification = null;
  }
  return {
    classification,
    decision: classification ? siteDecision(classification, botSettings) : null,
    modelVersionId: classification ? live?.versionId : undefined,
    entities,
    customEntities,
  };
}

/** The site's settings may only be stricter than the model's calibration. */
function siteDecision(
  classification: Classification,
  settings: { confidenceThreshold: number | null; ambiguityMargin: number },
): BotDecision {
  const { decision, confidence, ranking } = classification;
  if (decision === 'fallback') return decision;
  if (settings.confidenceThreshold !== null && confidence < settings.confidenceThreshold)
    return 'fallback';
  const runnerUp = ranking[1];
  if (
    decision !== 'clarify' &&
    runnerUp &&
    confidence - runnerUp.confidence < settings.ambiguityMargin
  ) {
    return 'clarify';
  }
  return decision;
}
