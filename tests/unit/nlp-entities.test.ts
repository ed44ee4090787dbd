import { describe, expect, it } from 'vitest';
import { extractEntities } from '@/lib/nlp';

const now = new Date('2025-03-10T15:00:00Z');
const values = (text: string, options = {}) =>
  extractEntities(text, { now, ...options }).map(({ type, value }) => [type, value]);

describe('entity extraction', () => {
  it('finds emails, lowercased', () => {
    expect(values('mail me at Jane.Doe+shop@Example.co.uk please')).toEqual([
      ['email', 'jane.doe+shop@example.co.uk'],
    ]);
  });

  it('reads international phone numbers always and national ones in the site country, as E.164', () => {
    const text = 'call +44 20 7946 0958 or (415) 555-2671';
    expect(values(text)).toEqual([['phone', '+442079460958']]);
    expect(values(text, { phoneCountry: 'US' })).toEqual([
      ['phone', '+442079460958'],
      ['phone', '+14155552671'],
    ]);
    expect(values('ring 020 7946 0958 after 5', { phoneCountry: 'GB' })).toEqual([
      ['phone', '+442079460958'],
    ]);
    expect(values('我的电话13812345678', { phoneCountry: 'CN', language: 'zh' })).toEqual([
      ['phone', '+8613812345678'],
    ]);
    expect(values('I am 42 and have 3 cards', { phoneCountry: 'US' })).toEqual([]);
  });

  it('never reads a date or an order number as a phone number, whatever the country', () => {
    // With CN, the minimal phone metadata read "2025-03-10" as a Chinese number.
    for (const phoneCountry of [undefined, 'CN', 'DE', 'US', 'GB', 'FR']) {
      const text = 'delivered 2025-03-10, order AB-20250310 and #98765432, not on 2025-02-30';
      expect(
        values(text, { phoneCountry }).filter(([type]) => type === 'phone'),
        phoneCountry,
      ).toEqual([]);
    }
  });

  it('finds order numbers with the default pattern and with a site pattern', () => {
    expect(values('where is order #AB-123456? and ord xyz12345')).toEqual([
      ['orderNumber', 'AB-123456'],
      ['orderNumber', 'XYZ12345'],
    ]);
    expect(values('my order is #98765')).toEqual([['orderNumber', '98765']]);
    expect(
      values('order SHOP/2024/0042 please', { orderNumberPattern: String.raw`SHOP/\d{4}/\d{4}` }),
    ).toEqual([['orderNumber', 'SHOP/2024/0042']]);
  });

  it('finds money amounts with symbols and currency words', () => {
    expect(values('charged $1,250.50 twice, and 20 euros, and 35元')).toEqual([
      ['money', '1250.50 USD'],
      ['money', '20 EUR'],
      ['money', '35 CNY'],
    ]);
  });

  it('finds relative, ISO, written and Chinese dates relative to now', () => {
    expect(values('today or tomorrow, not yesterday')).toEqual([
      ['date', '2025-03-10'],
      ['date', '2025-03-11'],
      ['date', '2025-03-09'],
    ]);
    expect(values('delivered on 2025-02-28, ordered 12 March, paid March 3rd, 2024')).toEqual([
      ['date', '2025-02-28'],
      ['date', '2025-03-12'],
      ['date', '2024-03-03'],
    ]);
    expect(values('明天可以吗？3月12日下单的', { language: 'zh' })).toEqual([
      ['date', '2025-03-11'],
      ['date', '2025-03-12'],
    ]);
    expect(values('on 2025-02-30')).toEqual([]);
    // Read with chrono-node: relative expressions and the site's own language, English always.
    expect(values('can you deliver next friday or in 3 days?')).toEqual([
      ['date', '2025-03-21'],
      ['date', '2025-03-13'],
    ]);
    expect(values('¿Puede llegar mañana? Si no, el 14 de marzo', { language: 'es' })).toEqual([
      ['date', '2025-03-11'],
      ['date', '2025-03-14'],
    ]);
  });

  it('gives each span to one entity and reports positions in the original text', () => {
    const text = 'order AB-20250310 on 2025-03-10';
    const entities = extractEntities(text, { now });
    expect(entities.map((entity) => entity.type)).toEqual(['orderNumber', 'date']);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });
});
