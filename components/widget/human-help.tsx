import { useState, type FormEvent } from 'react';
import type { ChatState } from './visitor-connection';
import type { WidgetStrings } from './strings';

/**
 * "Talk to a person" while the bot answers; once handed over, either "someone will join" or,
 * with no agent online, the offline notice with an email form.
 */
export function HumanHelp({
  state,
  strings,
  offlineMessage,
  accent,
  onAskForHuman,
  onLeaveEmail,
}: {
  state: ChatState;
  strings: WidgetStrings;
  offlineMessage: string;
  accent: { background: string; text: string };
  onAskForHuman(): void;
  onLeaveEmail(email: string): Promise<boolean>;
}) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState(false);
  const status = state.conversation?.status ?? 'bot';

  if (status === 'resolved') {
    return (
      <p className="border-t border-stone-200 px-4 py-2 text-xs text-stone-600">
        {strings.resolved}
      </p>
    );
  }
  if (status === 'bot') {
    // One way to ask: when the bot's last message offers a person as a button, no link beside it.
    const last = state.messages.at(-1);
    if (last?.sender === 'bot' && last.choices.some((choice) => choice.action === 'human')) {
      return null;
    }
    return (
      <div className="border-t border-stone-200 px-4 py-2">
        <button
          type="button"
          onClick={onAskForHuman}
          className="text-xs font-medium underline"
          style={{ color: accent.background }}
        >
          {strings.talkToHuman}
        </button>
      </div>
    );
  }
  if (state.agentsOnline) {
    return (
      <p role="status" className="border-t border-stone-200 px-4 py-2 text-xs text-stone-600">
        {strings.waitingForHuman}
      </p>
    );
  }
  const saved = state.conversation?.contactEmail;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(!(await onLeaveEmail(email.trim())));
  };
  return (
    <section
      aria-labelledby="hearth-offline"
      className="border-t border-stone-200 bg-amber-50 px-4 py-3 text-sm"
    >
      {/* The site's own offline message says it all; the title is then for screen readers only. */}
      <h2 id="hearth-offline" className={offlineMessage ? 'sr-only' : 'font-medium'}>
        {strings.offlineTitle}
      </h2>
      {saved ? (
        <p role="status" className="mt-1 text-stone-700">
          {strings.emailSaved.replace('{email}', saved)}
        </p>
      ) : (
        <form onSubmit={submit} className="mt-1">
          <p className="text-stone-700">{offlineMessage || strings.offlineBody}</p>
          <div className="mt-2 flex gap-2">
            <label htmlFor="hearth-email" className="sr-only">
              {strings.emailLabel}
            </label>
            <input
              id="hearth-email"
              type="email"
              required
              autoComplete="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              placeholder={strings.emailPlaceholder}
              aria-invalid={error}
              className="min-w-0 flex-1 rounded-lg border border-stone-300 px-2 py-1"
            />
            <button
              type="submit"
              className="rounded-lg px-3 py-1 font-medium"
              style={{ background: accent.background, color: accent.text }}
            >
              {strings.leaveEmail}
            </button>
          </div>
          {error && (
            <p role="alert" className="mt-1 text-xs text-red-700">
              {strings.errors.invalid}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
