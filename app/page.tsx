import { DEMO_SITE_KEY } from '@/lib/db/seed';

const products = [
  { name: 'Stoneware mug', price: '$24', tone: 'bg-amber-200' },
  { name: 'Linen throw', price: '$89', tone: 'bg-emerald-200' },
  { name: 'Oak side table', price: '$240', tone: 'bg-orange-200' },
  { name: 'Terracotta planter', price: '$36', tone: 'bg-rose-200' },
];

/** A demo shop that embeds the widget exactly as a customer's website would: one script tag. */
export default function DemoShopPage() {
  return (
    <main className="mx-auto max-w-5xl px-6 py-12">
      <header className="mb-10 flex items-baseline justify-between">
        <h1 className="text-3xl font-semibold tracking-tight">Juniper &amp; Co.</h1>
        <nav className="space-x-6 text-sm text-stone-600">
          <a href="/inbox">Agent inbox</a>
          <a href="/admin">Admin</a>
        </nav>
      </header>
      <p className="mb-8 max-w-xl text-stone-600">
        Homeware made to last. This is a demo shop: the chat button in the corner is the Hearth
        widget, embedded with a single script tag. Ask about shipping, returns or your order.
      </p>
      <ul className="grid grid-cols-2 gap-6 md:grid-cols-4">
        {products.map((product) => (
          <li key={product.name} className="rounded-lg bg-white p-4 shadow-sm">
            <div className={`mb-3 aspect-square rounded ${product.tone}`} aria-hidden />
            <p className="font-medium">{product.name}</p>
            <p className="text-sm text-stone-500">{product.price}</p>
          </li>
        ))}
      </ul>
      <script src="/widget.js" data-site-key={DEMO_SITE_KEY} async />
    </main>
  );
}
