import type { ReactNode } from 'react';

export interface DemoProduct {
  name: string;
  price: string;
  tone: string;
}

/** A demo shop that embeds the widget exactly as a customer's website would: one script tag. */
export function DemoShop({
  lang,
  title,
  links,
  children,
  products,
  siteKey,
}: {
  lang: string;
  title: string;
  links: ReadonlyArray<{ href: string; label: string; lang?: string }>;
  /** The shop's introduction. */
  children: ReactNode;
  products: readonly DemoProduct[];
  siteKey: string;
}) {
  return (
    <main lang={lang} className="mx-auto max-w-5xl px-6 py-12">
      <header className="mb-10 flex flex-wrap items-baseline justify-between gap-x-6 gap-y-3">
        <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
        <nav className="space-x-6 text-sm whitespace-nowrap text-stone-600">
          {links.map((link) => (
            <a key={link.href} href={link.href} lang={link.lang} hrefLang={link.lang}>
              {link.label}
            </a>
          ))}
        </nav>
      </header>
      <p className="mb-8 max-w-xl text-stone-600">{children}</p>
      <ul className="grid grid-cols-2 gap-6 md:grid-cols-4">
        {products.map((product) => (
          <li key={product.name} className="rounded-lg bg-white p-4 shadow-sm">
            <div className={`mb-3 aspect-square rounded ${product.tone}`} aria-hidden />
            <p className="font-medium">{product.name}</p>
            <p className="text-sm text-stone-500">{product.price}</p>
          </li>
        ))}
      </ul>
      <script src="/widget.js" data-site-key={siteKey} async />
    </main>
  );
}
