import type { WidgetSettings } from '@/lib/schemas/site';

/** What visitors see, drawn from the settings being edited (before they are saved). */
export function WidgetPreview({ settings }: { settings: WidgetSettings }) {
  const side = settings.position === 'left' ? 'left-4 items-start' : 'right-4 items-end';
  return (
    <div
      className="relative h-96 overflow-hidden rounded-lg border border-stone-200 bg-[repeating-linear-gradient(45deg,#fafaf9,#fafaf9_10px,#f5f5f4_10px,#f5f5f4_20px)]"
      aria-label="Widget preview"
    >
      <div className={`absolute bottom-4 flex flex-col gap-3 ${side}`}>
        <div className="w-64 overflow-hidden rounded-xl bg-white shadow-lg">
          <div
            className="flex items-center gap-2 px-4 py-3 text-white"
            style={{ backgroundColor: settings.color }}
          >
            {/* Like the widget: an avatar only when the site has one. */}
            {settings.avatarUrl ? (
              // A preview of the admin's own URL; the widget shows it the same way.
              // eslint-disable-next-line @next/next/no-img-element
              <img
                src={settings.avatarUrl}
                alt=""
                className="h-7 w-7 rounded-full bg-white/30 object-cover"
              />
            ) : null}
            <span className="font-medium">{settings.title}</span>
          </div>
          <div className="space-y-2 p-3 text-sm">
            <p className="w-fit max-w-[85%] rounded-lg rounded-tl-none bg-stone-100 px-3 py-2">
              {settings.greeting}
            </p>
            <p
              className="ml-auto w-fit max-w-[85%] rounded-lg rounded-tr-none px-3 py-2 text-white"
              style={{ backgroundColor: settings.color }}
            >
              Where is my order?
            </p>
          </div>
          <div className="border-t border-stone-100 px-3 py-2 text-xs text-stone-500">
            Type a message…
          </div>
        </div>
        <span
          className="rounded-full px-4 py-2 text-sm font-medium text-white shadow-md"
          style={{ backgroundColor: settings.color }}
        >
          {settings.launcherText}
        </span>
      </div>
    </div>
  );
}
