import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HumanHelp } from '@/components/widget/human-help';
import { WIDGET_STRINGS } from '@/components/widget/strings';
import type { ChatState } from '@/components/widget/visitor-connection';
import type { VisitorConversation, VisitorMessage } from '@/lib/schemas/events';

const strings = WIDGET_STRINGS.en;
const conversation = (status: VisitorConversation['status']): VisitorConversation => ({
  id: 'c1',
  status,
  lastSeq: 2,
  agentReadSeq: 0,
  contactEmail: null,
  csatScore: null,
});
const botMessage = (choices: VisitorMessage['choices']): VisitorMessage => ({
  id: 'm2',
  conversationId: 'c1',
  seq: 2,
  sender: 'bot',
  body: "Sorry, I don't know the answer to that.",
  clientId: null,
  authorName: null,
  choices,
  citations: [],
  createdAt: new Date(0).toISOString(),
});
const state = (overrides: Partial<ChatState>): ChatState => ({
  connection: 'online',
  refusal: null,
  conversation: conversation('bot'),
  messages: [],
  outbox: [],
  botTyping: false,
  agentTyping: null,
  draft: null,
  agentsOnline: true,
  notice: null,
  ...overrides,
});
const render = (chat: ChatState, offlineMessage = '') =>
  renderToStaticMarkup(
    createElement(HumanHelp, {
      state: chat,
      strings,
      offlineMessage,
      accent: { background: '#1d4ed8', text: '#fff' },
      onAskForHuman: () => {},
      onLeaveEmail: async () => true,
    }),
  );

describe('asking for a person in the widget', () => {
  it('offers one way: no link when the bot’s buttons already offer a person', () => {
    expect(render(state({}))).toContain(strings.talkToHuman);
    const offered = state({
      messages: [botMessage([{ label: 'Talk to a human', action: 'human' }])],
    });
    expect(render(offered)).toBe('');
  });

  it('says nobody is online once: the site’s own message, the title only for screen readers', () => {
    const offline = state({ conversation: conversation('open'), agentsOnline: false });
    const html = render(
      offline,
      "We're offline right now. Leave your email and we'll get back to you.",
    );
    expect(html).toContain('We&#x27;re offline right now.');
    expect(html).toMatch(/<h2 id="hearth-offline" class="sr-only">/);
    expect(render(offline)).toMatch(/<h2 id="hearth-offline" class="font-medium">/);
  });
});
