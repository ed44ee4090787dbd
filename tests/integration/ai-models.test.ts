import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  embed,
  generate,
  GenerationPool,
  isModelInstalled,
  modelStatus,
  stopModels,
  type GenerationResult,
} from '@/lib/ai';
import {
  buildModelFixtures,
  ENDLESS_GENERATION_FIXTURE,
  FIXTURE_ANSWER,
  FIXTURE_MODELS_DIR,
  GENERATION_FIXTURE,
  configureFixtureModels,
} from '../fixtures/models';

configureFixtureModels();

const question = [{ role: 'user' as const, content: 'How long does shipping take?' }];

beforeAll(async () => {
  await buildModelFixtures();
});

afterAll(async () => {
  await stopModels();
});

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, i) => sum + value * b[i], 0);
}

describe('sentence embeddings', () => {
  it('load from the local models folder and put related texts close together', async () => {
    const vectors = await embed([
      'where is my package',
      'parcel tracking link',
      'dishwasher safe mugs',
    ]);
    expect(vectors).toHaveLength(3);
    const [question, related, unrelated] = vectors!;
    expect(dot(question, question)).toBeCloseTo(1, 4);
    expect(dot(question, related)).toBeGreaterThan(dot(question, unrelated) + 0.3);
    expect(modelStatus().find((status) => status.capability === 'embedding')).toMatchObject({
      state: 'ready',
      source: 'local',
      howToEnable: null,
    });
  });
});

describe('generation', () => {
  it('runs on a worker thread and streams the reply as it is written', async () => {
    const pieces: string[] = [];
    const result = await generate({ messages: question, onToken: (piece) => pieces.push(piece) });
    expect(result.outcome).toBe('completed');
    expect(result.text.trim()).toBe(FIXTURE_ANSWER);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(result.text);
    expect(result.tokens).toBeGreaterThanOrEqual(12);
    expect(result.firstTokenMs).not.toBeNull();
    expect(result.firstTokenMs!).toBeLessThanOrEqual(result.durationMs);
    expect(result.model).toBe(`${GENERATION_FIXTURE.id}@${GENERATION_FIXTURE.dtype}`);
    expect(modelStatus().find((status) => status.capability === 'generation')).toMatchObject({
      state: 'ready',
      source: 'local',
    });
  });
});

describe('the generation pool', () => {
  let pool: GenerationPool;

  beforeAll(async () => {
    pool = new GenerationPool({
      model: ENDLESS_GENERATION_FIXTURE,
      source: { modelsDir: FIXTURE_MODELS_DIR, allowRemote: false },
      installed: true,
      workers: 1,
      queueLimit: 1,
      timeoutMs: 20_000,
      maxTokens: 1_000_000,
      stopGraceMs: 2_000,
    });
    expect(await pool.ready()).toBe(true);
  });

  afterAll(async () => {
    await pool.close();
  });

  const stillWorks = async () => {
    const after = await pool.generate({ messages: question, maxTokens: 3 });
    expect(after).toMatchObject({ outcome: 'length', tokens: 3 });
  };

  it('stops at the token limit', async () => {
    const result = await pool.generate({ messages: question, maxTokens: 7 });
    expect(result).toMatchObject({ outcome: 'length', tokens: 7 });
    expect(result.text.trim().split(' ').length).toBeGreaterThanOrEqual(5);
  });

  it('keeps the event loop free while a reply is generated', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const result = await pool.generate({ messages: question, timeoutMs: 500 });
    clearInterval(ticker);
    expect(result.outcome).toBe('timeout');
    expect(ticks).toBeGreaterThanOrEqual(25);
    await stillWorks();
  });

  it('times out, keeps what was written, and frees the worker', async () => {
    const result = await pool.generate({ messages: question, timeoutMs: 300 });
    expect(result.outcome).toBe('timeout');
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(1_500);
    expect(result.text.length).toBeGreaterThan(0);
    await stillWorks();
  });

  it('stops generating when the visitor leaves', async () => {
    const visitorLeft = new AbortController();
    const pieces: string[] = [];
    const result = await pool.generate({
      messages: question,
      signal: visitorLeft.signal,
      onToken: (piece) => {
        pieces.push(piece);
        if (pieces.length === 3) visitorLeft.abort();
      },
    });
    expect(result.outcome).toBe('cancelled');
    expect(pieces.length).toBe(3);
    await stillWorks();
  });

  it('answers `busy` at once instead of piling up when the queue is full', async () => {
    const stop = new AbortController();
    const running = pool.generate({ messages: question, signal: stop.signal });
    const queued = pool.generate({ messages: question, signal: stop.signal });
    const started = performance.now();
    const turnedAway = await pool.generate({ messages: question });
    expect(turnedAway.outcome).toBe('busy');
    expect(performance.now() - started).toBeLessThan(50);
    expect(pool.occupancy()).toEqual({ running: 1, queued: 1 });
    stop.abort();
    const results: GenerationResult[] = await Promise.all([running, queued]);
    expect(results.map((result) => result.outcome)).toEqual(['cancelled', 'cancelled']);
    expect(results[1].firstTokenMs).toBeNull();
    await stillWorks();
  });
});

describe('a model that cannot load', () => {
  it('makes generation unavailable instead of failing requests', async () => {
    const modelsDir = path.join(os.tmpdir(), `hearth-broken-models-${process.pid}`);
    const folder = path.join(modelsDir, 'fixtures', 'broken');
    await mkdir(path.join(folder, 'onnx'), { recursive: true });
    await cp(path.join(FIXTURE_MODELS_DIR, GENERATION_FIXTURE.id), folder, { recursive: true });
    await writeFile(path.join(folder, 'onnx', 'model.onnx'), 'not an onnx graph');
    const states: string[] = [];
    const errors: string[] = [];
    const broken = new GenerationPool({
      model: { id: 'fixtures/broken', dtype: 'fp32' },
      source: { modelsDir, allowRemote: false },
      installed: true,
      workers: 2,
      queueLimit: 4,
      // Longer than a failed load can take on a busy machine: the request waits for the load's end.
      timeoutMs: 30_000,
      maxTokens: 10,
      onState: (state, { error }) => {
        states.push(state);
        if (error) errors.push(error);
      },
    });
    const waiting = broken.generate({ messages: question });
    expect(await broken.ready()).toBe(false);
    expect(states).toEqual(['failed']);
    expect(errors[0]).toMatch(/model\.onnx failed/);
    expect((await waiting).outcome).toBe('unavailable');
    expect((await broken.generate({ messages: question })).outcome).toBe('unavailable');
    await broken.close();
    await rm(modelsDir, { recursive: true, force: true });
  });
});

describe('a model that is not installed yet', () => {
  it('is downloaded into the models folder when downloads are allowed, reporting progress', async () => {
    // A stand-in for the Hugging Face hub, serving the fixture's files.
    const hub = createServer((request, response) => {
      const match = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(decodeURIComponent(request.url ?? ''));
      const file = match && path.join(FIXTURE_MODELS_DIR, match[1], match[2]);
      if (!file || !existsSync(file)) return void response.writeHead(404).end();
      const content = readFileSync(file);
      response.writeHead(200, { 'content-length': content.length }).end(content);
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    const modelsDir = path.join(os.tmpdir(), `hearth-downloaded-models-${process.pid}`);
    const progress: number[] = [];
    const pool = new GenerationPool({
      model: GENERATION_FIXTURE,
      source: {
        modelsDir,
        allowRemote: true,
        remoteHost: `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`,
      },
      installed: false,
      workers: 1,
      queueLimit: 1,
      timeoutMs: 10_000,
      maxTokens: 20,
      onProgress: (info) => {
        if (info.status === 'progress_total') progress.push(info.progress);
      },
    });
    try {
      expect(isModelInstalled(modelsDir, GENERATION_FIXTURE)).toBe(false);
      expect(await pool.ready()).toBe(true);
      expect(progress.at(-1)).toBe(100);
      expect(isModelInstalled(modelsDir, GENERATION_FIXTURE)).toBe(true);
      expect((await pool.generate({ messages: question })).text.trim()).toBe(FIXTURE_ANSWER);
    } finally {
      await pool.close();
      hub.close();
      await rm(modelsDir, { recursive: true, force: true });
    }
  });
});
