import type { ErrorCode } from '@/lib/schemas/events';
import { MAX_MESSAGE_LENGTH } from '@/lib/schemas/limits';
import type { SiteLanguage } from '@/lib/schemas/site';
import { EUROPEAN_WIDGET_STRINGS } from './strings-european';

/** Every word the widget shows, in each language it speaks. */
export const WIDGET_STRINGS = {
  en: {
    openChat: 'Open chat',
    unreadOne: '1 new message',
    unreadMany: '{count} new messages',
    closeChat: 'Close chat',
    conversation: 'Conversation',
    messageLabel: 'Your message',
    messagePlaceholder: 'Write a message…',
    send: 'Send',
    you: 'You',
    assistant: 'Assistant',
    agent: 'Support',
    sending: 'Sending…',
    sent: 'Sent',
    seen: 'Seen',
    failed: 'Not sent',
    retry: 'Retry',
    remove: 'Remove',
    botTyping: 'The assistant is typing…',
    agentTyping: '{name} is typing…',
    someoneTyping: 'Someone is typing…',
    suggestions: 'Suggested replies',
    sources: 'Sources',
    talkToHuman: 'Talk to a person',
    waitingForHuman: 'A person will join this chat shortly.',
    offlineTitle: 'No one is online right now',
    offlineBody: "Leave your email and we'll get back to you.",
    emailLabel: 'Your email',
    emailPlaceholder: 'you@example.com',
    leaveEmail: 'Notify me',
    emailSaved: "Thanks! We'll reply to {email}.",
    resolved: 'This conversation is closed. Write again to start a new one.',
    csatQuestion: 'How did we do?',
    csatGood: 'Thumbs up: helpful',
    csatBad: 'Thumbs down: not helpful',
    csatGoodShort: 'Helpful',
    csatBadShort: 'Not helpful',
    csatCommentLabel: 'Comment (optional)',
    csatCommentPlaceholder: 'Tell us more (optional)',
    csatSend: 'Send feedback',
    csatThanks: 'Thanks for your feedback!',
    csatFailed: 'Your feedback could not be sent. Please try again.',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost. Reconnecting…',
    refused: 'Chat is not available on this page.',
    errors: {
      unauthenticated: 'Your chat session expired. Reload the page.',
      forbidden: 'Chat is not available on this page.',
      csrf: 'Chat is not available on this page.',
      not_found: 'That conversation no longer exists.',
      invalid: 'That message could not be sent.',
      too_long: `Messages are at most ${MAX_MESSAGE_LENGTH} characters.`,
      conflict: 'That message could not be sent.',
      rate_limited: 'You are sending messages too quickly. Please wait a moment.',
      internal: 'Something went wrong. Please try again.',
    } satisfies Record<ErrorCode, string>,
  },
  zh: {
    openChat: '打开聊天',
    unreadOne: '1 条新消息',
    unreadMany: '{count} 条新消息',
    closeChat: '关闭聊天',
    conversation: '对话',
    messageLabel: '您的消息',
    messagePlaceholder: '输入消息…',
    send: '发送',
    you: '您',
    assistant: '助手',
    agent: '客服',
    sending: '发送中…',
    sent: '已发送',
    seen: '已读',
    failed: '未发送',
    retry: '重试',
    remove: '删除',
    botTyping: '助手正在输入…',
    agentTyping: '{name} 正在输入…',
    someoneTyping: '对方正在输入…',
    suggestions: '推荐回复',
    sources: '来源',
    talkToHuman: '转人工客服',
    waitingForHuman: '人工客服很快就会加入对话。',
    offlineTitle: '目前没有客服在线',
    offlineBody: '请留下您的邮箱，我们会尽快回复您。',
    emailLabel: '您的邮箱',
    emailPlaceholder: 'you@example.com',
    leaveEmail: '提交',
    emailSaved: '谢谢！我们会回复到 {email}。',
    resolved: '此对话已结束。再次发送消息即可开始新的对话。',
    csatQuestion: '您对本次服务满意吗？',
    csatGood: '赞：有帮助',
    csatBad: '踩：没有帮助',
    csatGoodShort: '有帮助',
    csatBadShort: '没帮助',
    csatCommentLabel: '评论（可选）',
    csatCommentPlaceholder: '想说点什么？（可选）',
    csatSend: '提交评价',
    csatThanks: '感谢您的反馈！',
    csatFailed: '评价提交失败，请重试。',
    connecting: '正在连接…',
    reconnecting: '连接已断开，正在重新连接…',
    refused: '此页面无法使用聊天。',
    errors: {
      unauthenticated: '聊天会话已过期，请刷新页面。',
      forbidden: '此页面无法使用聊天。',
      csrf: '此页面无法使用聊天。',
      not_found: '该对话已不存在。',
      invalid: '该消息无法发送。',
      too_long: `消息最多 ${MAX_MESSAGE_LENGTH} 个字符。`,
      conflict: '该消息无法发送。',
      rate_limited: '您发送消息太快了，请稍候。',
      internal: '出错了，请重试。',
    } satisfies Record<ErrorCode, string>,
  },
  ...EUROPEAN_WIDGET_STRINGS,
} satisfies Record<SiteLanguage, unknown>;

export type WidgetStrings = (typeof WIDGET_STRINGS)['en'];

/** The first language of the browser's Accept-Language that the widget speaks, else the site's. */
export function pickLanguage(acceptLanguage: string | null, fallback: SiteLanguage): SiteLanguage {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const quality = params.find((param) => param.trim().startsWith('q='));
      return { tag, q: quality ? Number(quality.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    const language = tag.split('-')[0];
    if (Object.hasOwn(WIDGET_STRINGS, language)) return language as SiteLanguage;
  }
  return fallback;
}
