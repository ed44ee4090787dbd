import type { BotSettings, SiteLanguage } from '@/lib/schemas/site';
import type { Choice, Citation } from '@/lib/schemas/message';
import type { BotState } from '@/lib/schemas/bot-state';

/** What the bot is asked: one visitor message in a conversation that the bot is handling. */
export interface BotTurn {
  site: { id: string; language: SiteLanguage; botSettings: BotSettings };
  conversation: {
    id: string;
    fallbackCount: number;
    /** Handed to a person who has not taken it yet: the bot keeps helping meanwhile (see botAnswers). */
    waitingForHuman?: boolean;
    /** What the bot asked and collected so far; absent for a conversation of one message. */
    botState?: BotState;
  };
  /** The button the visitor clicked, as the widget sent it: checked against the last bot message. */
  visitorMessage: { id: string; body: string; choice?: Choice };
  /** Earlier messages, oldest first (visitor, bot and agent; never private notes). */
  history: { sender: 'visitor' | 'bot' | 'agent' | 'system'; body: string; choices?: Choice[] }[];
  /**
   * Whether an agent of the site's workspace has the inbox open (the widget shows the same). Only
   * the conversation engine knows; elsewhere (test console, benchmarks) taken as online.
   */
  agentsOnline?: boolean;
  /** Aborted when the visitor leaves or the reply times out. */
  signal: AbortSignal;
  /** Called with each piece of generated text as it is produced, for streaming to the widget. */
  onToken?: (text: string) => void;
}

/** What the bot decided; the conversation engine stores and delivers it. */
export interface BotReply {
  decision: 'answer' | 'clarify' | 'fallback' | 'handoff';
  text: string;
  /** Buttons under the reply, each standing for an intent, an article or a person. */
  choices: Choice[];
  intent?: string;
  confidence?: number;
  modelVersionId?: string;
  citations: Citation[];
  /** The conversation's state after this reply (set by replyToVisitor). */
  botState?: BotState;
  /** Set when decision = handoff. */
  handoffReason?: string;
}
