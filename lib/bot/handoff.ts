import type { Choice } from '@/lib/schemas/message';
import type { BotReply, BotTurn } from './types';
import { WORDING } from './wording';

/**
 * Where the visitor stands with the team, said honestly: being connected, in the queue, or — with
 * nobody online — only that the bot keeps answering meanwhile: the widget's offline panel already
 * says nobody is online and asks for (or thanks for) an email, so the reply does not repeat it.
 */
export function humanAvailability(turn: BotTurn): string {
  const words = WORDING[turn.site.language];
  if (turn.agentsOnline === false) return words.nobodyOnline;
  return turn.conversation.waitingForHuman ? words.inQueue : words.connecting;
}

/**
 * The conversation goes (or already went) to a person. A visitor already waiting gets where they
 * stand again, so "talk to a human" always gets a reply.
 */
export function handOff(
  turn: BotTurn,
  recognized: Partial<BotReply>,
  lead: string | null,
  handoffReason: string,
): BotReply {
  return {
    ...recognized,
    decision: 'handoff',
    text: [lead, humanAvailability(turn)].filter(Boolean).join(' '),
    choices: [],
    citations: [],
    handoffReason,
  };
}

/**
 * The button that reaches a person: "Talk to a human" while someone is online, "Leave my email"
 * otherwise (its handoff brings up the widget's email form). None while already waiting.
 */
export function humanChoice(turn: BotTurn): Choice[] {
  if (turn.conversation.waitingForHuman) return [];
  const words = WORDING[turn.site.language];
  return [
    { label: turn.agentsOnline !== false ? words.talkToHuman : words.leaveEmail, action: 'human' },
  ];
}
