import type { Metadata } from 'next';
import { DemoShop } from '@/components/demo/demo-shop';
import { DEMO_SITE_KEY_ZH } from '@/lib/db/seed';

export const metadata: Metadata = { title: '炉边小铺 — Hearth 演示' };

const products = [
  { name: '粗陶马克杯', price: '¥68', tone: 'bg-amber-200' },
  { name: '亚麻盖毯', price: '¥299', tone: 'bg-emerald-200' },
  { name: '橡木边几', price: '¥860', tone: 'bg-orange-200' },
  { name: '陶土花盆', price: '¥88', tone: 'bg-rose-200' },
];

const links = [
  { href: '/', label: 'English demo', lang: 'en' },
  { href: '/inbox', label: '客服收件箱' },
  { href: '/admin', label: '管理后台' },
];

/** The Chinese demo shop: the same one-tag embed, with the Chinese site's key. */
export default function ChineseDemoShopPage() {
  return (
    <DemoShop
      lang="zh-CN"
      title="炉边小铺"
      links={links}
      products={products}
      siteKey={DEMO_SITE_KEY_ZH}
    >
      用得久的家居好物。这是一个演示店铺：角落里的聊天按钮就是 Hearth
      客服组件，只需一行脚本即可嵌入。试着问问发货、退换货或者您的订单。
    </DemoShop>
  );
}
