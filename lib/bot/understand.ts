import { EncoderBusyError, TURN_ENCODING_MAX_WAIT_MS } from '@/lib/ai';
import { siteCache } from '@/lib/db';
import {
  classify,
  extractEntities,
  learnedStems,
  siteThreshold,
  type BotDecision,
  type Classification,
  type Entity,
  type EntityOptions,
} from '@/lib/nlp';
import { matchCustomEntities, type CustomEntityMatch } from '@/lib/nlp/custom-entities';
import { siteEntityDefinitions } from '@/lib/intents/site-custom-entities';
import type { CustomEntity } from '@/lib/schemas/entity';
import { liveClassifier, liveEmbeddings } from '@/lib/training';
import type { BotTurn } from './types';
import type { SiteIntent } from './site-intents';

export interface Understanding {
  /** null when the site has no trained model yet, or it could not be used. */
  classification: Classification | null;
  /** The classifier's decision at the site's budget (or its own threshold and margin). */
  decision: BotDecision | null;
  /** The confidence an intent answer needed (absent without a live model). */
  threshold?: number;
  /** The word stems the live classifier learned for an intent (absent without a live model). */
  learnedStems?: (intent: string) => ReadonlySet<string>;
  modelVersionId?: string;
  /** From this message first, then earlier visitor messages (an order number given before). */
  entities: Entity[];
  /** The site's own entities, in the same order (absent where no site entities were read). */
  customEntities?: CustomEntityMatch[];
  /** The site's entity definitions the message was read with (to read an answer the bot asked for). */
  entityDefinitions?: CustomEntity[];
}

/** How the site's visitors write order numbers, dates and phone numbers. */
export function siteEntityOptions(site: BotTurn['site']): EntityOptions {
  return {
    orderNumberPattern: site.botSettings.orderNumberPattern,
    language: site.language,
    phoneCountry: site.botSettings.phoneCountry || undefined,
  };
}

// Read once per site and kept until any node changes them (lib/db siteCache).
const entityDefinitionsOfSite = siteCache(siteEntityDefinitions);

/** Reads the visitor's message with the site's live classifier and finds its entities. */
export async function understand(
  turn: BotTurn,
  intents: Map<string, SiteIntent>,
): Promise<Understanding> {
  const { botSettings } = turn.site;
  const entityOptions = siteEntityOptions(turn.site);
  const visitorTexts = [
    turn.visitorMessage.body,
    ...turn.history
      .filter((message) => message.sender === 'visitor')
      .map((message) => message.body)
      .reverse(),
  ];
  const entitiesByText = visitorTexts.map((text) => extractEntities(text, entityOptions));
  const entities = entitiesByText.flat();
  const definitions = await entityDefinitionsOfSite.read(turn.site.id);
  const customEntitiesByText = visitorTexts.map((text) => matchCustomEntities(text, definitions));
  const customEntities = customEntitiesByText.flat();
  const inThisMessage = [...entitiesByText[0], ...customEntitiesByText[0]];

  let live;
  let classification: Classification | null = null;
  let threshold: number | undefined;
  try {
    live = await liveClassifier(turn.site.id);
    if (live) {
      const { classifier } = live;
      threshold = siteThreshold(classifier.calibration, botSettings);
      classification = await classify(classifier, turn.visitorMessage.body, {
        handoffIntents: new Set(
          [...intents.values()].filter((intent) => intent.handoff).map((intent) => intent.name),
        ),
        entitiesFound: entitiesByText[0],
        // The site's budget (or its own threshold and margin) picks the point on the model's curve.
        threshold,
        ambiguityMargin: botSettings.ambiguityMargin ?? undefined,
        entityNames: inThisMessage.map((entity) => entity.type),
        embed: liveEmbeddings(classifier, { maxWaitMs: TURN_ENCODING_MAX_WAIT_MS }),
      });
    }
  } catch (error) {
    // The bot still answers from the knowledge base; the admin page shows the model problem. A
    // busy encoder says so itself, once a minute.
    if (!(error instanceof EncoderBusyError))
      console.error(
        `[bot] classification failed for site ${turn.site.id}:`,
        (error as Error).message,
      );
    classification = null;
  }
  return {
    classification,
    decision: classification?.decision ?? null,
    threshold: classification ? threshold : undefined,
    learnedStems:
      classification && live ? (intent) => learnedStems(live.classifier, intent) : undefined,
    modelVersionId: classification ? live?.versionId : undefined,
    entities,
    customEntities,
    entityDefinitions: definitions,
  };
}
