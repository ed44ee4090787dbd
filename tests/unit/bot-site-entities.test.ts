import { describe, expect, it } from 'vitest';
import { readSlotValue } from '@/lib/bot/slots';
import { siteEntityOptions } from '@/lib/bot/understand';
import { BotSettingsSchema } from '@/lib/schemas/site';

const site = (phoneCountry: string) => ({
  id: 'site',
  language: 'en' as const,
  botSettings: BotSettingsSchema.parse({ phoneCountry }),
});

describe("the site's phone country", () => {
  it('reads a national number the bot asked for as that country’s, in E.164', () => {
    const answer = 'you can reach me on 020 7946 0958';
    expect(readSlotValue(answer, 'phone', siteEntityOptions(site('GB')))).toBe('+442079460958');
    // Without a country only international numbers are read.
    expect(readSlotValue(answer, 'phone', siteEntityOptions(site('')))).toBeNull();
    expect(readSlotValue('+44 20 7946 0958', 'phone', siteEntityOptions(site('')))).toBe(
      '+442079460958',
    );
  });
});
