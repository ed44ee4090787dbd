import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConversationList } from '@/components/inbox/conversation-list';
import { DetailsPanel } from '@/components/inbox/details-panel';
import { visitorLabel } from '@/components/inbox/views';
import type { AgentConversation } from '@/lib/schemas/events';
import type { ConversationDetails } from '@/lib/schemas/inbox';

// What identify({ id: 'ceo', name: 'Jane CEO', email }) without a valid hash leaves behind.
const claimed = { name: 'Jane CEO', email: 'jane@corp.example', identityVerified: false };

function conversation(visitor: Partial<AgentConversation['visitor']>): AgentConversation {
  return {
    id: 'c1',
    siteId: 's1',
    status: 'open',
    assigneeId: null,
    handoffReason: null,
    lastSeq: 1,
    visitorReadSeq: 1,
    agentReadSeq: 1,
    lastMessageAt: new Date(0).toISOString(),
    waitingSince: null,
    contactEmail: null,
    preview: 'hello',
    visitor: {
      id: 'visitor-00001',
      name: null,
      email: null,
      identityVerified: false,
      currentUrl: null,
      browser: null,
      language: null,
      ...visitor,
    },
  } as AgentConversation;
}

const list = (item: AgentConversation) =>
  renderToStaticMarkup(
    createElement(ConversationList, {
      conversations: [item],
      hits: null,
      selectedId: null,
      now: 0,
      members: new Map(),
      loading: false,
      canLoadMore: false,
      emptyText: '',
      onSelect: () => {},
      onLoadMore: () => {},
    }),
  );

const details = (item: AgentConversation, externalId: string | null) =>
  renderToStaticMarkup(
    createElement(DetailsPanel, {
      conversation: item,
      details: {
        conversationId: item.id,
        site: { id: 's1', name: 'Shop' },
        visitor: {
          ...item.visitor,
          externalId,
          firstSeenAt: new Date(0).toISOString(),
          lastSeenAt: new Date(0).toISOString(),
        },
        pastConversations: [],
        botState: { collected: {}, pendingSlot: null },
      } as unknown as ConversationDetails,
      onOpenConversation: () => {},
      onClose: () => {},
    }),
  );

describe('claimed identities in the inbox', () => {
  it('marks a claimed name unverified in the list, even with no id stored', () => {
    const html = list(conversation(claimed));
    expect(html).toContain('Jane CEO');
    expect(html).toContain('unverified');
  });

  it('says unverified, not anonymous, in the details panel', () => {
    const html = details(conversation(claimed), null);
    expect(html).toContain('unverified');
    expect(html).not.toContain('anonymous');
  });

  it('leaves a signed identity and a nameless visitor unmarked', () => {
    const signed = conversation({ ...claimed, identityVerified: true });
    expect(list(signed)).not.toContain('unverified');
    expect(details(signed, 'ceo')).toContain('verified');
    expect(details(signed, 'ceo')).not.toContain('unverified');
    const nameless = conversation({});
    expect(list(nameless)).not.toContain('unverified');
    expect(details(nameless, null)).toContain('anonymous');
  });
});

describe('claimed identities in plain text', () => {
  it('say unverified in notifications and to screen readers', () => {
    expect(visitorLabel(conversation(claimed))).toBe('Jane CEO (unverified)');
    expect(visitorLabel(conversation({ ...claimed, identityVerified: true }))).toBe('Jane CEO');
  });
});
