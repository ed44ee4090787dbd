import { describe, expect, it } from 'vitest';
import { describeDevice } from '@/lib/conversations/describe-device';

describe("the visitor's device in the inbox", () => {
  it('reads browser, system and kind of device instead of the raw user-agent string', () => {
    expect(
      describeDevice(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 131 on macOS Catalina, desktop');
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 on iOS 17.5, mobile');
    expect(describeDevice(null)).toBeNull();
    expect(describeDevice('curl-ish nonsense')).toBeNull();
  });
});
