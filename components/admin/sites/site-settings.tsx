'use client';

import { useState } from 'react';
import type { OperatingPoint } from '@/lib/nlp/calibration';
import { SliderField } from '../slider-field';
import { DecisionSettingsFields } from './decision-settings';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import type { SiteView } from '@/lib/sites';
import type { BotSettings, WidgetSettings } from '@/lib/schemas/site';
import { useAdminApi } from '../admin-context';
import { ErrorNotice } from '../error-notice';
import { inputClass, labelClass } from '../field-styles';
import { useAction } from '../use-action';
import { LanguageSelect } from './language-select';
import { RetentionSetting } from './retention-setting';
import { WidgetPreview } from './widget-preview';

/** Every setting of one site, each section saved on its own (and audited). */
export function SiteSettings({
  site,
  snippet,
  liveCurve,
  liveBudgetShare,
}: {
  site: SiteView;
  snippet: string;
  /** The live model version's risk–coverage curve, for the bot settings' sliders. */
  liveCurve: readonly OperatingPoint[];
  /** The share of a budget that curve may spend. */
  liveBudgetShare: number;
}) {
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <Details site={site} />
        <EmbedSnippet snippet={snippet} />
      </div>
      <Appearance initial={site.widgetSettings} />
      <div className="grid gap-6 lg:grid-cols-2">
        <AllowedOrigins initial={site.allowedOrigins} />
        <IdentitySecret secret={site.identitySecret} />
        <VisitorTokens />
        <RetentionSetting initial={site.retentionDays} />
      </div>
      <BotSettingsForm
        initial={site.botSettings}
        liveCurve={liveCurve}
        liveBudgetShare={liveBudgetShare}
      />
    </div>
  );
}

function SaveRow({
  pending,
  saved,
  label = 'Save',
}: {
  pending: boolean;
  saved: boolean;
  label?: string;
}) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : label}
      </Button>
      {saved ? <span className="text-sm text-emerald-700">Saved</span> : null}
    </div>
  );
}

/** A section form: submit runs the call, then says "Saved". */
function useSection() {
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const save = async (call: () => Promise<unknown>) => {
    setSaved(false);
    if ((await action.run(call)) !== undefined) setSaved(true);
  };
  return { ...action, saved, save };
}

function Details({ site }: { site: SiteView }) {
  const api = useAdminApi();
  const { save, pending, error, saved } = useSection();
  const [name, setName] = useState(site.name);
  const [language, setLanguage] = useState(site.language);
  return (
    <Card title="Site">
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          void save(() => api('PATCH', '', { name, language }));
        }}
      >
        <label className="block">
          <span className={labelClass}>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
        </label>
        <label className="block">
          <span className={labelClass}>
            Language of visitors (picks the preprocessing; retrain after a change)
          </span>
          <LanguageSelect value={language} onChange={setLanguage} />
        </label>
        <p className="text-xs text-stone-500">
          Public key: <span className="font-mono">{site.publicKey}</span>
        </p>
        <ErrorNotice error={error} />
        <SaveRow pending={pending} saved={saved} />
      </form>
    </Card>
  );
}

function EmbedSnippet({ snippet }: { snippet: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Card title="Embed snippet">
      <p className="mb-2 text-sm text-stone-600">
        Paste before &lt;/body&gt; on every page of the site.
      </p>
      <pre
        className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-stone-900 p-3 font-mono text-xs text-stone-100"
        data-testid="embed-snippet"
      >
        {snippet}
      </pre>
      <div className="mt-3 flex items-center gap-3">
        <Button
          tone="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(snippet);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }}
        >
          Copy
        </Button>
        {copied ? (
          <span role="status" className="text-sm text-emerald-700">
            Copied
          </span>
        ) : null}
      </div>
    </Card>
  );
}

function Appearance({ initial }: { initial: WidgetSettings }) {
  const api = useAdminApi();
  const { save, pending, error, saved } = useSection();
  const [settings, setSettings] = useState(initial);
  const set = <K extends keyof WidgetSettings>(key: K, value: WidgetSettings[K]) =>
    setSettings((current) => ({ ...current, [key]: value }));
  return (
    <Card title="Widget appearance">
      <div className="grid gap-6 lg:grid-cols-2">
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            void save(() => api('PUT', '/widget-settings', settings));
          }}
        >
          <div className="grid grid-cols-[auto_1fr] items-end gap-3">
            <label>
              <span className={labelClass}>Colour</span>
              <input
                type="color"
                value={settings.color}
                onChange={(e) => set('color', e.target.value)}
                className="h-9 w-14 rounded border border-stone-300"
              />
            </label>
            <label>
              <span className={labelClass}>Title</span>
              <input
                value={settings.title}
                onChange={(e) => set('title', e.target.value)}
                className={inputClass}
              />
            </label>
          </div>
          <label className="block">
            <span className={labelClass}>Greeting</span>
            <textarea
              value={settings.greeting}
              onChange={(e) => set('greeting', e.target.value)}
              rows={2}
              className={inputClass}
            />
          </label>
          <div className="grid grid-cols-2 gap-3">
            <label>
              <span className={labelClass}>Launcher text</span>
              <input
                value={settings.launcherText}
                onChange={(e) => set('launcherText', e.target.value)}
                className={inputClass}
              />
            </label>
            <label>
              <span className={labelClass}>Position</span>
              <select
                value={settings.position}
                onChange={(e) => set('position', e.target.value as WidgetSettings['position'])}
                className={inputClass}
              >
                <option value="right">Bottom right</option>
                <option value="left">Bottom left</option>
              </select>
            </label>
          </div>
          <label className="block">
            <span className={labelClass}>Avatar image URL (optional)</span>
            <input
              type="url"
              value={settings.avatarUrl ?? ''}
              onChange={(e) => set('avatarUrl', e.target.value.trim() || null)}
              className={inputClass}
            />
          </label>
          <ErrorNotice error={error} />
          <SaveRow pending={pending} saved={saved} />
        </form>
        <WidgetPreview settings={settings} />
      </div>
    </Card>
  );
}

function AllowedOrigins({ initial }: { initial: string[] }) {
  const api = useAdminApi();
  const { save, pending, error, saved } = useSection();
  const [text, setText] = useState(initial.join('\n'));
  return (
    <Card title="Allowed origins">
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          const allowedOrigins = text
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean);
          void save(() => api('PUT', '/origins', { allowedOrigins }));
        }}
      >
        <label className="block">
          <span className={labelClass}>The widget only starts on these origins, one per line</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={4}
            className={`${inputClass} font-mono`}
            placeholder="https://shop.example.com"
          />
        </label>
        <ErrorNotice error={error} />
        <SaveRow pending={pending} saved={saved} />
      </form>
    </Card>
  );
}

function IdentitySecret({ secret: initial }: { secret: string }) {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [secret, setSecret] = useState(initial);
  const [shown, setShown] = useState(false);
  const [rotated, setRotated] = useState(false);
  return (
    <Card title="Identity verification">
      <div className="space-y-3 text-sm">
        <p className="text-stone-600">
          Your server signs the signed-in user&apos;s id with this secret (HMAC-SHA256, hex) and
          passes it as <code className="font-mono">hash</code> to{' '}
          <code className="font-mono">Hearth.identify(&#123; id, name, email, hash &#125;)</code>,
          so agents can trust who the visitor is.
        </p>
        <div className="flex items-center gap-2">
          <code
            className="flex-1 truncate rounded bg-stone-100 px-2 py-1 font-mono text-xs"
            data-testid="identity-secret"
          >
            {shown ? secret : '•'.repeat(32)}
          </code>
          <Button size="sm" tone="secondary" onClick={() => setShown(!shown)}>
            {shown ? 'Hide' : 'Reveal'}
          </Button>
        </div>
        <Button
          tone="danger"
          disabled={pending}
          onClick={async () => {
            if (
              !confirm(
                'Rotate the secret? Signatures made with the current one stop verifying at once.',
              )
            )
              return;
            const result = await run(() =>
              api<{ identitySecret: string }>('POST', '/identity-secret'),
            );
            if (result) {
              setSecret(result.identitySecret);
              setShown(true);
              setRotated(true);
            }
          }}
        >
          Rotate secret
        </Button>
        {rotated ? (
          <Notice tone="info">New secret in place: update your server&apos;s copy.</Notice>
        ) : null}
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}

function VisitorTokens() {
  const api = useAdminApi();
  const { run, pending, error } = useAction();
  const [rotated, setRotated] = useState(false);
  return (
    <Card title="Visitor sessions">
      <div className="space-y-3 text-sm">
        <p className="text-stone-600">
          Each visitor&apos;s browser keeps a signed token that brings back their conversation for
          180 days after their last visit. Rotating the signing secret ends every such session at
          once: returning visitors start a new conversation (their old ones stay in the inbox).
        </p>
        <Button
          tone="danger"
          disabled={pending}
          onClick={async () => {
            if (!confirm('Sign out every visitor of this site? Their open chats will not resume.'))
              return;
            if (await run(() => api('POST', '/visitor-token-secret'))) setRotated(true);
          }}
        >
          Sign out every visitor
        </Button>
        {rotated ? (
          <Notice tone="info">Done: visitors get a fresh session on their next visit.</Notice>
        ) : null}
        <ErrorNotice error={error} />
      </div>
    </Card>
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function BotSettingsForm({
  initial,
  liveCurve,
  liveBudgetShare,
}: {
  initial: BotSettings;
  liveCurve: readonly OperatingPoint[];
  liveBudgetShare: number;
}) {
  const api = useAdminApi();
  const { save, pending, error, saved } = useSection();
  const [settings, setSettings] = useState(initial);
  const set = <K extends keyof BotSettings>(key: K, value: BotSettings[K]) =>
    setSettings((current) => ({ ...current, [key]: value }));
  const hours = settings.businessHours;
  const setHours = (patch: Partial<NonNullable<BotSettings['businessHours']>>) =>
    hours && set('businessHours', { ...hours, ...patch });
  return (
    <Card title="Bot settings">
      <form
        className="grid gap-4 md:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          void save(() => api('PUT', '/bot-settings', settings));
        }}
      >
        <fieldset className="space-y-3">
          <DecisionSettingsFields
            settings={settings}
            set={set}
            liveCurve={liveCurve}
            liveBudgetShare={liveBudgetShare}
          />
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={settings.knowledgeMinConfidence === null}
              onChange={(e) => set('knowledgeMinConfidence', e.target.checked ? null : 0.75)}
            />
            Answer from articles at the confidence the wrong-answer budget allows
          </label>
          {settings.knowledgeMinConfidence !== null ? (
            <SliderField
              label={`Knowledge-base confidence: ${(settings.knowledgeMinConfidence * 100).toFixed(0)}% (the chance that the best article answers; lower answers more, and more wrongly)`}
              min={0}
              max={1}
              step={0.01}
              value={settings.knowledgeMinConfidence}
              onChange={(value) => set('knowledgeMinConfidence', value)}
            />
          ) : null}
          <label className="block">
            <span className={labelClass}>
              Fallbacks in a row before the bot offers a person (or, offline, an email)
            </span>
            <input
              type="number"
              min={1}
              max={10}
              value={settings.fallbacksBeforeHandoff}
              onChange={(e) => set('fallbacksBeforeHandoff', Number(e.target.value))}
              className={inputClass}
            />
          </label>
          <label className="block">
            <span className={labelClass}>Order number pattern (regular expression)</span>
            <input
              value={settings.orderNumberPattern}
              onChange={(e) => set('orderNumberPattern', e.target.value)}
              className={`${inputClass} font-mono`}
            />
          </label>
          <label className="block">
            <span className={labelClass}>Country of phone numbers (two letters, e.g. GB)</span>
            <input
              value={settings.phoneCountry}
              onChange={(e) => set('phoneCountry', e.target.value.trim().toUpperCase())}
              maxLength={2}
              placeholder="none"
              aria-describedby="phone-country-help"
              className={`${inputClass} w-24 font-mono uppercase`}
            />
            <span id="phone-country-help" className="mt-1 block text-xs text-stone-500">
              Numbers written without a +country code are read as this country’s; left empty, the
              bot reads only international numbers such as +44 20 7946 0958.
            </span>
          </label>
        </fieldset>
        <fieldset className="space-y-3">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={hours !== null}
              onChange={(e) =>
                set(
                  'businessHours',
                  e.target.checked
                    ? { timezone: 'UTC', days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }
                    : null,
                )
              }
            />
            Agents work set business hours
          </label>
          {hours ? (
            <div className="space-y-3 rounded-md border border-stone-200 p-3">
              <label className="block">
                <span className={labelClass}>Time zone</span>
                <input
                  value={hours.timezone}
                  onChange={(e) => setHours({ timezone: e.target.value })}
                  className={inputClass}
                />
              </label>
              <div className="flex flex-wrap gap-2">
                {DAYS.map((day, index) => (
                  <label key={day} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      checked={hours.days.includes(index)}
                      onChange={(e) =>
                        setHours({
                          days: e.target.checked
                            ? [...hours.days, index].sort()
                            : hours.days.filter((d) => d !== index),
                        })
                      }
                    />
                    {day}
                  </label>
                ))}
              </div>
              <div className="grid grid-cols-2 gap-3">
                <label>
                  <span className={labelClass}>Open</span>
                  <input
                    type="time"
                    value={hours.open}
                    onChange={(e) => setHours({ open: e.target.value })}
                    className={inputClass}
                  />
                </label>
                <label>
                  <span className={labelClass}>Close</span>
                  <input
                    type="time"
                    value={hours.close}
                    onChange={(e) => setHours({ close: e.target.value })}
                    className={inputClass}
                  />
                </label>
              </div>
            </div>
          ) : null}
          <label className="block">
            <span className={labelClass}>Offline message</span>
            <textarea
              value={settings.offlineMessage}
              onChange={(e) => set('offlineMessage', e.target.value)}
              rows={3}
              className={inputClass}
            />
          </label>
        </fieldset>
        <div className="space-y-2 md:col-span-2">
          <ErrorNotice error={error} />
          <SaveRow pending={pending} saved={saved} />
        </div>
      </form>
    </Card>
  );
}
