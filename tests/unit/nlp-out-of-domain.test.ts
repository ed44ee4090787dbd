import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = path.resolve('lib/nlp/out-of-domain');
const read = (file: string) => readFileSync(path.join(folder, file), 'utf8');
/** One example a line; lines starting with `#` head a section. */
const examplesOf = (text: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .filter((line) => !line.startsWith('#'));

/** Beginnings of English words a shop's own intents own (customer service, greetings, thanks, help). */
const ENGLISH_STEMS = (
  'order, deliver, shipping, shipped, shipment, track, return, refund, payment, price, ' +
  'discount, coupon, promo, voucher, account, password, login, log in, sign in, ' +
  'sign up, opening hours, shop, contact, human, representative, real person, ' +
  'complain, warrant, guarantee, size, stock, subscri, invoice, billing, cancel, bank, ' +
  'transfer, purchas, buy, bought, parcel, package, courier, receipt, checkout, ' +
  'customer, support, help, robot, email, e-mail, phone number, membership, exchange, ' +
  'charge, product, hello, goodbye'
).split(', ');
/** Short English words that would match inside unrelated words if taken as beginnings. */
const ENGLISH_WORDS = (
  'ship ships pay paid cost costs store stores agent agents bill bills card cards cart ' +
  'hi hey thank thanks thx bye bot fee fees item items money tax taxes'
).split(' ');
/** Chinese words a shop's own intents own; Chinese has no word boundaries, so any occurrence counts. */
const CHINESE_WORDS = (
  '订单 下单 单号 退款 退货 退钱 换货 账户 账号 密码 登录 登陆 注册 快递 发货 物流 配送 送货 ' +
  '包裹 运费 邮费 包邮 价格 价钱 多少钱 优惠 折扣 打折 券 支付 付款 付钱 银行 信用卡 转账 发票 ' +
  '取消 订阅 会员 保修 售后 客服 人工 投诉 尺码 码数 库存 有货 缺货 门店 店铺 营业 地址 电话 ' +
  '联系 购买 买 卖 商品 产品 你好 您好 谢谢 再见 拜拜 机器人 真人 帮助 充值 扣款'
).split(' ');

const forbidden = [
  ...ENGLISH_STEMS.map((stem) => new RegExp(`\\b${stem}`, 'i')),
  ...ENGLISH_WORDS.map((word) => new RegExp(`\\b${word}\\b`, 'i')),
  ...CHINESE_WORDS.map((word) => new RegExp(word)),
];

describe.each([
  { file: 'en.txt', minimum: 450 },
  { file: 'zh.txt', minimum: 350 },
])('built-in out-of-domain examples ($file)', ({ file, minimum }) => {
  const text = read(file);
  const examples = examplesOf(text);

  it(`has at least ${minimum} examples, one per line, no blank lines or stray spaces`, () => {
    expect(examples.length).toBeGreaterThanOrEqual(minimum);
    expect(text.endsWith('\n')).toBe(true);
    expect(examples.filter((line) => line === '' || line.trim() !== line)).toEqual([]);
  });

  it('has no duplicates, ignoring case and surrounding spaces', () => {
    const seen = new Set<string>();
    const duplicates = examples.filter((line) => {
      const key = line.trim().toLowerCase();
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    });
    expect(duplicates).toEqual([]);
  });

  it('never uses words a customer-service intent owns', () => {
    const offending = examples.filter((line) => forbidden.some((word) => word.test(line)));
    expect(offending).toEqual([]);
  });
});

describe('the customer-service word check', () => {
  it('catches shop questions and leaves unrelated words alone', () => {
    const hits = (line: string) => forbidden.some((word) => word.test(line));
    expect(hits('Where is my ORDER?')).toBe(true);
    expect(hits('can I pay by card')).toBe(true);
    expect(hits('我的快递到哪了')).toBe(true);
    expect(hits('what is the history of the high seas')).toBe(false);
    expect(hits('relationship advice for a billionaire')).toBe(false);
  });
});
