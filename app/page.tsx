import { DemoShop } from '@/components/demo/demo-shop';
import { DEMO_SITE_KEY } from '@/lib/db/seed';

const products = [
  { name: 'Stoneware mug', price: '$24', tone: 'bg-amber-200' },
  { name: 'Linen throw', price: '$89', tone: 'bg-emerald-200' },
  { name: 'Oak side table', price: '$240', tone: 'bg-orange-200' },
  { name: 'Terracotta planter', price: '$36', tone: 'bg-rose-200' },
];

const links = [
  { href: '/zh', label: '中文演示', lang: 'zh-CN' },
  { href: '/inbox', label: 'Agent inbox' },
  { href: '/admin', label: 'Admin' },
];

export default function DemoShopPage() {
  return (
    <DemoShop
      lang="en"
      title="Juniper & Co."
      links={links}
      products={products}
      siteKey={DEMO_SITE_KEY}
    >
      Homeware made to last. This is a demo shop: the chat button in the corner is the Hearth
      widget, embedded with a single script tag. Ask about shipping, returns or your order.
    </DemoShop>
  );
}
