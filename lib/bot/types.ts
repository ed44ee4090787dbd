import type { BotSettings, SiteLanguage } from '@/lib/schemas/site';
import type { Citation } from '@/lib/schemas/message';

/** What the bot is asked: one visitor message in a conversation that the bot is handling. */
export interface BotTurn {
  site: { id: string; language: SiteLanguage; botSettings: BotSettings };
  conversation: { id: string; fallbackCount: number };
  visitorMessage: { id: string; body: string };
  /** Earlier messages, oldest first (visitor, bot and agent; never private notes). */
  history: { sender: 'visitor' | 'bot' | 'agent' | 'system'; body: string }[];
  /** Aborted when the visitor leaves or the reply times out. */
  signal: AbortSignal;
  /** Called with each piece of generated text as it is produced, for streaming to the widget. */
  onToken?: (text: string) => void;
}

/** What the bot decided; the conversation engine stores and delivers it. */
export interface BotReply {
  decision: 'answer' | 'clarify' | 'fallback' | 'handoff';
  text: string;
  /** Quick-reply buttons. */
  choices: string[];
  intent?: string;
  confidence?: number;
  modelVersionId?: string;
  citations: Citation[];
  /** Set when decision = handoff. */
  handoffReason?: string;
}
