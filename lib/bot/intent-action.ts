import { IntentActionReplySchema, MAX_ACTION_TEXT_LENGTH } from '@/lib/schemas/webhook';
import type { BotState } from '@/lib/schemas/bot-state';
import { postSigned } from '@/lib/webhooks';
import { quickReplyChoices } from './choices';
import { stateAfterAnswer } from './continue-conversation';
import { humanAvailability, humanChoice } from './handoff';
import type { SiteIntent } from './site-intents';
import type { BotReply, BotTurn } from './types';
import type { Understanding } from './understand';
import { WORDING } from './wording';

/** The visitor waits (with "typing…") this long for the site's system before the bot gives up. */
const ACTION_TIMEOUT_MS = 5_000;
const MAX_ACTION_RESPONSE_BYTES = 16 * 1024;

type ActionIntent = SiteIntent & { action: NonNullable<SiteIntent['action']> };

/**
 * An intent whose answer comes from the site's own system (an order's status): POSTs the intent,
 * the entities and the conversation to the action's URL, signed like a webhook, and says the text
 * it returns. When the system fails, times out or answers something else, the bot says so and
 * offers a person (or an email) instead of guessing.
 */
export async function answerWithAction(
  turn: BotTurn,
  intent: ActionIntent,
  understanding: Understanding,
  context: {
    recognized: Pick<BotReply, 'intent' | 'confidence' | 'modelVersionId'>;
    intents: Map<string, SiteIntent>;
    botState: BotState;
  },
): Promise<BotReply> {
  const botState = stateAfterAnswer(intent, understanding, context.botState);
  const text = await askAction(turn, intent, understanding, botState);
  if (text === null) {
    const words = WORDING[turn.site.language];
    const offer = turn.agentsOnline !== false ? words.offerHuman : words.offerEmail;
    return {
      ...context.recognized,
      decision: 'answer',
      // A visitor already waiting for a person is told where they stand, as every fallback does.
      text: `${words.actionFailed} ${turn.conversation.waitingForHuman ? humanAvailability(turn) : offer}`,
      choices: humanChoice(turn),
      citations: [],
      botState,
    };
  }
  return {
    ...context.recognized,
    decision: 'answer',
    text,
    choices: quickReplyChoices(intent.quickReplies, context.intents),
    citations: [],
    botState,
  };
}

async function askAction(
  turn: BotTurn,
  intent: ActionIntent,
  understanding: Understanding,
  botState: BotState,
): Promise<string | null> {
  const entities = [...understanding.entities, ...(understanding.customEntities ?? [])];
  const body = JSON.stringify({
    type: 'intent.action',
    intent: { name: intent.name, confidence: understanding.classification?.confidence ?? null },
    entities: entities.map(({ type, value, text }) => ({ type, value, text })),
    collected: botState.collected,
    message: { id: turn.visitorMessage.id, text: turn.visitorMessage.body },
    conversation: { id: turn.conversation.id, language: turn.site.language },
    site: { id: turn.site.id },
  });
  try {
    const response = await postSigned({
      url: intent.action.url,
      body,
      secret: intent.action.secret,
      allowPrivateAddresses: intent.action.allowPrivateAddresses,
      timeoutMs: ACTION_TIMEOUT_MS,
      maxResponseBytes: MAX_ACTION_RESPONSE_BYTES,
      signal: turn.signal,
    });
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`answered ${response.status}`);
    }
    const reply = IntentActionReplySchema.safeParse(JSON.parse(response.body));
    if (!reply.success) {
      throw new Error(
        `answered something other than {"text"} of 1 to ${MAX_ACTION_TEXT_LENGTH} characters`,
      );
    }
    return asWritten(reply.data.text);
  } catch (error) {
    // The visitor left or the server stops: the turn is abandoned, not answered.
    if (turn.signal.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`bot: action of intent "${intent.name}" failed: ${reason}`);
    return null;
  }
}

/**
 * The action's text shown as written: bot messages are rendered as Markdown, so the characters that
 * would make links, images, HTML, emphasis, headings or lists are escaped (another system's text,
 * perhaps echoing the visitor's words, must not turn into a link).
 */
function asWritten(text: string): string {
  return text
    .replace(/[\\`*_[\]<>!~#|&]/g, '\\$&')
    .replace(
      /^(\s*)([-+=]|\d+[.)])/gm,
      (_line, indent: string, marker: string) => `${indent}${marker.replace(/[-+=.)]$/, '\\$&')}`,
    );
}
