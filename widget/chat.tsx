/**
 * The chat inside the widget's iframe, bundled to public/widget/chat.js (scripts/build-widget.ts)
 * with Preact in place of React DOM; app/embed serves the page that loads it, with its settings as
 * JSON. The components in components/widget are written against React's API.
 */
import { createRoot } from 'react-dom/client';
import { ChatWidget, type ChatWidgetProps } from '../components/widget/chat-widget';

const settings = document.getElementById('hearth-chat');
if (settings?.textContent) {
  const props = JSON.parse(settings.textContent) as ChatWidgetProps;
  const root = document.createElement('div');
  document.body.append(root);
  createRoot(root).render(<ChatWidget {...props} />);
}
