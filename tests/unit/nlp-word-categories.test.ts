import { describe, expect, it } from 'vitest';
import { classify, preprocess, train } from '@/lib/nlp';
import {
  buildFeatureSpace,
  DEFAULT_FEATURE_CONFIG,
  termCounts,
  vectorize,
} from '@/lib/nlp/features';
import { englishGlossReading, wordCategories } from '@/lib/nlp/word-categories';

describe('Chinese word categories (WordNet through CC-CEDICT)', () => {
  it('gives Chinese words the categories of their English glosses, each once', () => {
    expect(wordCategories(['沙眼'], 'zh')).toEqual(['noun.state']);
    expect(wordCategories(['银耳', '莲子', '羹'], 'zh')).toEqual(
      expect.arrayContaining(['noun.food', 'noun.plant']),
    );
    expect(wordCategories(['电影', '影片'], 'zh')).toEqual(['noun.communication']);
    // Messages are lowercased before they are read: "B超" is found as "b超".
    expect(wordCategories(['b超'], 'zh').length).toBeGreaterThan(0);
    expect(wordCategories(['没有这个词'], 'zh')).toEqual([]);
    expect(wordCategories(['film'], 'en')).toEqual([]);
  });

  it('is a preprocessing step of Chinese messages only', () => {
    expect(preprocess('更年期综合症。', 'zh').categories).toContain('noun.state');
    expect(preprocess('I want to watch a film', 'en').categories).toEqual([]);
  });

  it('counts the categories as a block of their own, normalized to the category weight', () => {
    const counts = termCounts(preprocess('银耳莲子羹', 'zh'), DEFAULT_FEATURE_CONFIG);
    expect(counts.get('k:noun.food')).toBe(1);
    const config = { ...DEFAULT_FEATURE_CONFIG, minDocumentFrequency: 1 };
    const space = buildFeatureSpace(
      [counts, termCounts(preprocess('播放音乐', 'zh'), config)],
      config,
    );
    const vector = vectorize(space, counts);
    const norm = Math.sqrt(
      Array.from(vector.indices).reduce(
        (sum, column, i) =>
          space.terms[column].startsWith('k:') ? sum + vector.values[i] ** 2 : sum,
        0,
      ),
    );
    expect(norm).toBeCloseTo(DEFAULT_FEATURE_CONFIG.categoryWeight, 5);
    expect(DEFAULT_FEATURE_CONFIG.categoryWeight).toBe(0.5);
  });

  it('answers a bare illness name no example has from its category', async () => {
    // 抑郁症 (depression) shares no word with the health examples, but is an illness (noun.state)
    // like 感冒, 肺炎 and 糖尿病; without the categories it read as a video.
    const intents: Record<string, string> = {
      health:
        '感冒了怎么办 发烧吃什么药 肺炎的症状 头痛怎么缓解 糖尿病要注意什么 高血压能吃鸡蛋吗 胃炎怎么治疗 失眠怎么办 咳嗽老不好 哮喘的病因',
      video:
        '我想看电影 播放电视剧 放一部动画片 看一下综艺节目 找一部纪录片 来一部喜剧片 播放最新的电影 我要看连续剧 放个视频 看看新闻联播',
      music:
        '播放周杰伦的歌 来一首歌 我想听音乐 放首轻音乐 听一下流行歌曲 播放摇滚乐 来点钢琴曲 放一首儿歌 我要听民谣 换一首歌',
    };
    const examples = Object.entries(intents).flatMap(([intent, texts]) =>
      texts.split(' ').map((text) => ({ text, intent })),
    );
    const settings = { language: 'zh' as const, seed: 7, threads: 1, builtInOutOfScope: false };
    const { model } = await train(examples, settings);
    expect((await classify(model, '抑郁症')).ranking[0].intent).toBe('health');
  });

  it('reads a Chinese message word by word in English for the sentence encoder', () => {
    expect(englishGlossReading('过敏性鼻炎怎么治疗')).toBe('hypersensitive rhinitis how treat');
    // A word the dictionary lacks is read as its longest dictionary words; English words stay.
    expect(englishGlossReading('银耳莲子羹ABC')).toBe('white fungus lotus seed thick soup abc');
    expect(englishGlossReading('Where is my parcel?')).toBe('Where is my parcel?');
  });
});
