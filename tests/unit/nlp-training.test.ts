import { describe, expect, it } from 'vitest';
import {
  classify,
  deserialize,
  evaluate,
  serialize,
  train,
  TrainingMetrics,
  TrainingSettings,
  withKnownExamples,
  type TrainingExampleInput,
} from '@/lib/nlp';
import { OWN_EXAMPLES_BUDGET_SHARE } from '@/lib/nlp/calibration';
import { typicalExamplesPerIntent } from '@/lib/nlp/few-shot';
import { withBuiltInOutOfScope } from '@/lib/nlp/train';
import { customerServiceExamples } from './nlp-fixtures';

// Without the built-in out-of-scope set, so the small fixture's shape is what is measured.
const settings = { language: 'en' as const, seed: 7, threads: 1, builtInOutOfScope: false };

describe('training', () => {
  it('learns the intents and reports hold-out metrics in the stored shape', async () => {
    const { model, metrics } = await train(customerServiceExamples(14), settings);
    expect(TrainingMetrics.parse(metrics)).toEqual(metrics);
    // A small set is evaluated k-fold: every example is held out once.
    expect(metrics.evaluation).toBe('k-fold');
    expect(metrics.evaluatedCount).toBeGreaterThan(0);
    expect(metrics.accuracy).toBeGreaterThan(0.8);
    expect(metrics.confusion.labels).toEqual(model.intents);
    expect(metrics.confusion.matrix.flat().reduce((a, b) => a + b, 0)).toBe(metrics.evaluatedCount);
    expect((await classify(model, 'I would like my money back')).intent).toBe('refund');
    expect((await classify(model, 'where is my parcel')).intent).toBe('order_status');
  });

  it('uses k-fold when some intent has few examples, so every example is held out once', async () => {
    const examples = customerServiceExamples(5);
    const { metrics } = await train(examples, settings);
    expect(metrics).toMatchObject({ evaluation: 'k-fold', folds: 5 });
    expect(metrics.evaluatedCount).toBe(examples.length);
  });

  it("spends three quarters of the budget on the site's own examples, all of it on a validation set", async () => {
    const { model, metrics } = await train(customerServiceExamples(14), settings);
    expect(model.calibration.budgetShare).toBe(OWN_EXAMPLES_BUDGET_SHARE);
    expect(metrics.budgetShare).toBe(OWN_EXAMPLES_BUDGET_SHARE);
    expect(metrics.answers!.wrong).toBeLessThanOrEqual(0.02 * OWN_EXAMPLES_BUDGET_SHARE + 1e-9);
    const validated = await train(customerServiceExamples(14), {
      ...settings,
      validation: customerServiceExamples(14).slice(0, 20),
    });
    expect(validated.metrics.evaluation).toBe('validation');
    expect(validated.model.calibration.budgetShare).toBe(1);
  });

  it('is deterministic: the same data and seed give the same bytes', async () => {
    const examples = customerServiceExamples(12, true);
    const first = serialize((await train(examples, settings)).model);
    const second = serialize((await train([...examples], settings)).model);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('round-trips a model version through bytes', async () => {
    const examples = customerServiceExamples(12, true);
    const { model } = await train(examples, settings);
    const bytes = serialize(model);
    // As the live model loads: the artifact, and the examples stored beside it.
    const loaded = withKnownExamples(deserialize(bytes), examples);
    expect(Buffer.from(serialize(loaded)).equals(Buffer.from(bytes))).toBe(true);
    for (const text of ['cancel it please', 'hello!', 'what is the capital of peru']) {
      expect(await classify(loaded, text)).toEqual(await classify(model, text));
    }
    expect(() => deserialize(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
    expect(() => deserialize(new TextEncoder().encode('not a model'))).toThrow(
      /not an intent model/,
    );
  });

  it('learns an out-of-scope class and measures out-of-scope recall', async () => {
    const { model, metrics } = await train(customerServiceExamples(12, true), settings);
    expect(model.outOfScopeIntent).toBe('oos');
    expect(metrics.oosRecall).not.toBeNull();
    expect(metrics.confusion.labels.at(-1)).toBe('oos');
    const reply = await classify(model, 'tell me a joke');
    expect(reply).toMatchObject({ intent: null, decision: 'fallback' });
    expect(reply.ranking.map((ranked) => ranked.intent)).not.toContain('oos');
  });

  it('learns out of scope from the built-in set when the site wrote none, keeping what the site covers', async () => {
    const jokes = [
      'tell me a joke',
      'know any good jokes',
      'make me laugh with a joke',
      'say something funny',
    ];
    const examples = [
      ...customerServiceExamples(12),
      ...jokes
        .flatMap((text) => [text, `${text} please`, `${text} now`])
        .map((text) => ({
          text,
          intent: 'tell_joke',
        })),
    ];
    const { model, metrics } = await train(examples, { ...settings, builtInOutOfScope: true });
    expect(model.outOfScopeIntent).toBe('oos');
    expect(metrics.oosRecall).toBeGreaterThan(0.8);
    expect(metrics.answers?.wrong).toBeLessThanOrEqual(0.02);
    for (const text of ['what is the capital of peru', 'how do I bake bread', 'asdkjh qwe']) {
      expect(await classify(model, text)).toMatchObject({ intent: null, decision: 'fallback' });
    }
    // The built-in "tell me a joke" lines overlap the site's own intent and are left out.
    const joke = await classify(model, 'tell me a joke');
    expect(joke.ranking[0].intent).toBe('tell_joke');
    expect(joke.confidence).toBeGreaterThan(0.5);
    expect(await classify(model, 'where is my order')).toMatchObject({ intent: 'order_status' });

    const without = await train(examples, { ...settings, builtInOutOfScope: false });
    expect(without.model.outOfScopeIntent).toBeNull();
    // A site that has out-of-scope examples of its own learns from those alone.
    const own = await train(customerServiceExamples(12, true), {
      ...settings,
      builtInOutOfScope: true,
    });
    expect(own.metrics.exampleCount).toBe(customerServiceExamples(12, true).length);
  });

  it('falls back on a message with nothing it knows, and stays modest with little data', async () => {
    const { model } = await train(customerServiceExamples(12), settings);
    for (const text of ['', '🙂', 'qwxz']) {
      expect(await classify(model, text)).toMatchObject({
        intent: null,
        confidence: 0,
        decision: 'fallback',
      });
    }
    // Every held-out example was right; smoothing keeps the temperature from collapsing to 0.
    expect(model.calibration.temperature).toBeGreaterThan(0.05);
    expect((await classify(model, 'refund')).ranking[0].confidence).toBeLessThan(0.9999);
  });

  it('evaluates a model on a labelled test set', async () => {
    const { model } = await train(customerServiceExamples(12), settings);
    const test: TrainingExampleInput[] = [
      { text: 'i need a refund', intent: 'refund' },
      { text: 'please cancel my order', intent: 'cancel_order' },
      { text: 'what is the meaning of life', intent: 'oos' },
    ];
    const metrics = await evaluate(model, test);
    expect(metrics).toMatchObject({ evaluation: 'test', evaluatedCount: 3, accuracy: 1 });
    expect(metrics.oosRecall).not.toBeNull();
  });

  it('reports progress up to done, and stops when cancelled', async () => {
    const seen: Array<[number, string]> = [];
    await train(customerServiceExamples(12), {
      ...settings,
      onProgress: (progress, _message, phase) => seen.push([progress, phase]),
    });
    const progress = seen.map(([value]) => value);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual([1, 'done']);
    expect(new Set(seen.map(([, phase]) => phase))).toEqual(
      new Set(['preparing', 'evaluating', 'calibrating', 'training', 'done']),
    );

    const controller = new AbortController();
    await expect(
      train(customerServiceExamples(12), {
        ...settings,
        signal: controller.signal,
        onProgress: (_progress, _message, phase) => {
          if (phase === 'evaluating') controller.abort();
        },
      }),
    ).rejects.toThrow(/abort/i);
  });

  it('concatenates sentence embeddings when given, and then needs them to classify', async () => {
    // A stand-in embedding: which topic words a text contains.
    const topics = ['money', 'refund', 'order', 'cancel', 'human', 'agent', 'hello', 'hi'];
    const embed = async (texts: string[]) =>
      texts.map((text) => Float32Array.from(topics, (topic) => (text.includes(topic) ? 1 : 0)));
    const { model } = await train(customerServiceExamples(12), {
      ...settings,
      embed,
      embeddingModel: 'test/topics',
    });
    expect(model.features.embeddingSize).toBe(topics.length);
    expect(deserialize(serialize(model)).embeddingModel).toBe('test/topics');
    await expect(classify(model, 'refund please')).rejects.toThrow(/embeddings/);
    expect((await classify(model, 'refund please', { embed })).intent).toBe('refund');
  });

  it('trains on Chinese examples', async () => {
    const examples = ['我要退款', '请给我退款', '退钱给我', '怎么申请退款', '我想退货退款'].flatMap(
      (text) => [
        { text, intent: 'refund' },
        { text: `${text}吧`, intent: 'refund' },
      ],
    );
    for (const text of [
      '我的订单在哪里',
      '快递还没到',
      '查一下物流',
      '订单什么时候到',
      '包裹到哪了',
    ]) {
      examples.push(
        { text, intent: 'order_status' },
        { text: `${text}？`, intent: 'order_status' },
      );
    }
    const { model } = await train(examples, { ...settings, language: 'zh' });
    expect((await classify(model, '退款怎么办')).ranking[0].intent).toBe('refund');
    expect((await classify(model, '我的快递在哪')).ranking[0].intent).toBe('order_status');
  });

  it('answers a bare dish name no example has from its radicals, while weather and jokes still fall back', async () => {
    // 鲈 and 鱼 share 魚 with 鱼香肉丝, 蒸 and 土豆 share 艹 and 土 with the cooking examples.
    const intents: Record<string, string> = {
      cookbook:
        '红烧肉怎么做 教我做宫保鸡丁 糖醋排骨的做法 怎么做鱼香肉丝 番茄炒蛋怎么炒 麻婆豆腐的菜谱 想学做饺子 可乐鸡翅怎么做好吃 蛋炒饭的做法 怎样煮粥',
      alarm:
        '明天早上七点叫我 设一个八点的闹钟 帮我定个闹钟 取消明早的闹钟 六点半叫醒我 闹钟改到九点 每天七点提醒我起床 关掉所有闹钟 设个十分钟后的闹钟 周末不要响闹钟',
      call: '给妈妈打电话 打电话给张三 拨打10086 呼叫李四 帮我打给老王 给爸爸打个电话 打给公司前台 拨一下这个号码 给小李打电话 打电话给客服',
    };
    const examples = Object.entries(intents).flatMap(([intent, texts]) =>
      texts.split(' ').map((text) => ({ text, intent })),
    );
    const { model } = await train(examples, {
      ...settings,
      language: 'zh',
      builtInOutOfScope: true,
    });
    for (const dish of ['清蒸鲈鱼', '酸辣土豆丝']) {
      expect(await classify(model, dish)).toMatchObject({ intent: 'cookbook', decision: 'answer' });
    }
    for (const unrelated of ['今天天气怎么样', '讲个笑话']) {
      expect(await classify(model, unrelated)).toMatchObject({
        intent: null,
        decision: 'fallback',
      });
    }
  });

  it('weighs the built-in out-of-scope lines together as one typical intent of the site', () => {
    const small = customerServiceExamples(12);
    const parsed = TrainingSettings.parse({ language: 'en', builtInOutOfScope: true });
    const { examples, weights } = withBuiltInOutOfScope(small, parsed);
    const builtIn = examples.length - small.length;
    expect(builtIn).toBeGreaterThan(100);
    expect(weights?.subarray(0, small.length).every((weight) => weight === 1)).toBe(true);
    const total = weights?.subarray(small.length).reduce((sum, weight) => sum + weight, 0);
    expect(total).toBeCloseTo(typicalExamplesPerIntent(small, null), 3);
    // Sites with more examples per intent than there are kept lines count them fully (the same
    // texts repeated, so the same lines are kept).
    const large = customerServiceExamples(builtIn + 1);
    expect(withBuiltInOutOfScope(large, parsed).weights).toBeUndefined();
    // A site with out-of-scope examples of its own gets none.
    expect(withBuiltInOutOfScope(customerServiceExamples(12, true), parsed)).toEqual({
      examples: customerServiceExamples(12, true),
    });
  });

  it('refuses to train fewer than two intents', async () => {
    await expect(
      train(
        [
          { text: 'hello', intent: 'greeting' },
          { text: 'hi', intent: 'greeting' },
        ],
        settings,
      ),
    ).rejects.toThrow(/two intents/);
  });
});
