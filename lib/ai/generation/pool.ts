import type { Worker } from 'node:worker_threads';
import type { ProgressInfo } from '@huggingface/transformers';
// Shared with the training worker: how a worker thread runs TypeScript (tsx) on Node 20.
import { startTypeScriptWorker } from '@/lib/workers';
import { modelKey, type ModelSource } from '../model-files';
import type { ModelChoice } from '../schemas';
import type { ChatMessage, GenerateCommand, WorkerEvent, WorkerSetup } from './protocol';

export interface GenerationRequest {
  messages: ChatMessage[];
  /** Capped by the pool's own limit. */
  maxTokens?: number;
  /** From the moment of the request, queue wait included: the visitor is waiting either way. */
  timeoutMs?: number;
  /** Aborted when the visitor leaves: generation stops between two tokens. */
  signal?: AbortSignal;
  onToken?: (text: string) => void;
}

export type GenerationOutcome =
  /** The model finished its answer. */
  | 'completed'
  /** Stopped at the token limit. */
  | 'length'
  | 'timeout'
  | 'cancelled'
  /** Every worker busy and the queue full: fall back instead of piling up. */
  | 'busy'
  /** No generation model (not installed, disabled, failed to load). */
  | 'unavailable'
  | 'failed';

export interface GenerationResult {
  outcome: GenerationOutcome;
  /** What was generated, even when stopped early. */
  text: string;
  tokens: number;
  model: string | null;
  queuedMs: number;
  /** From the request to the first streamed text; null when none came. */
  firstTokenMs: number | null;
  /** From the request to the result. */
  durationMs: number;
}

export type PoolState = 'loading' | 'ready' | 'failed' | 'closed';

export interface GenerationPoolOptions {
  model: ModelChoice;
  source: ModelSource;
  /** Weights are already in the models folder (else the first worker downloads them). */
  installed: boolean;
  workers: number;
  /** Requests allowed to wait for a worker; more are answered `busy`. */
  queueLimit: number;
  timeoutMs: number;
  maxTokens: number;
  /** How long a stopped request may keep its worker before the worker is replaced. */
  stopGraceMs?: number;
  onState?: (state: PoolState, details: { error?: string }) => void;
  onProgress?: (info: ProgressInfo) => void;
}

interface Job {
  id: number;
  request: GenerationRequest;
  maxTokens: number;
  requestedAt: number;
  startedAt: number | null;
  firstTokenAt: number | null;
  text: string;
  settled: boolean;
  finish: (outcome: GenerationOutcome, tokens?: number) => void;
}

interface Slot {
  worker: Worker;
  cancel: Int32Array;
  ready: boolean;
  job: Job | null;
  /** A stopped request still running in the worker; the slot is not free until it ends. */
  draining: number | null;
  drainTimer: NodeJS.Timeout | null;
  loadError: string | null;
}

/** Text generation on worker threads: one model per worker, a bounded queue, timeouts, cancellation. */
export class GenerationPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private state: PoolState = 'loading';
  private nextId = 1;
  private readonly readyWaiters: ((ready: boolean) => void)[] = [];
  readonly model: string;

  constructor(private readonly options: GenerationPoolOptions) {
    this.model = modelKey(options.model);
    // The first worker loads (or downloads) alone; the others start once the files are in place.
    this.spawn();
  }

  /** Resolves true once a worker can generate, false when the model cannot load. */
  ready(): Promise<boolean> {
    if (this.state !== 'loading') return Promise.resolve(this.state === 'ready');
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** How many requests are generating or waiting. */
  occupancy(): { running: number; queued: number } {
    return { running: this.slots.filter((slot) => slot.job).length, queued: this.queue.length };
  }

  generate(request: GenerationRequest): Promise<GenerationResult> {
    const requestedAt = performance.now();
    return new Promise((resolve) => {
      const job: Job = {
        id: this.nextId++,
        request,
        maxTokens: Math.max(
          1,
          Math.min(request.maxTokens ?? this.options.maxTokens, this.options.maxTokens),
        ),
        requestedAt,
        startedAt: null,
        firstTokenAt: null,
        text: '',
        settled: false,
        finish: (outcome, tokens = 0) => {
          if (job.settled) return;
          job.settled = true;
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          const now = performance.now();
          resolve({
            outcome,
            text: job.text,
            tokens,
            model: outcome === 'unavailable' ? null : this.model,
            queuedMs: (job.startedAt ?? now) - requestedAt,
            firstTokenMs: job.firstTokenAt === null ? null : job.firstTokenAt - requestedAt,
            durationMs: now - requestedAt,
          });
        },
      };
      const onAbort = () => this.stop(job, 'cancelled');
      const timer = setTimeout(
        () => this.stop(job, 'timeout'),
        request.timeoutMs ?? this.options.timeoutMs,
      );

      if (this.state === 'failed' || this.state === 'closed') return job.finish('unavailable');
      if (request.signal?.aborted) return job.finish('cancelled');
      request.signal?.addEventListener('abort', onAbort, { once: true });
      const free = this.slots.find((slot) => slot.ready && !slot.job && slot.draining === null);
      if (free) return this.dispatch(free, job);
      if (this.queue.length >= this.options.queueLimit) return job.finish('busy');
      this.queue.push(job);
    });
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.settleReadyWaiters(false);
    for (const job of this.queue.splice(0)) job.finish('cancelled');
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        if (slot.drainTimer) clearTimeout(slot.drainTimer);
        slot.job?.finish('cancelled');
        return slot.worker.terminate();
      }),
    );
  }

  private spawn(): void {
    const cancel = new SharedArrayBuffer(4);
    const setup: WorkerSetup = {
      model: this.options.model,
      source: this.options.source,
      installed: this.options.installed,
      cancel,
    };
    const worker = startTypeScriptWorker('lib/ai/generation/worker.ts', setup);
    const slot: Slot = {
      worker,
      cancel: new Int32Array(cancel),
      ready: false,
      job: null,
      draining: null,
      drainTimer: null,
      loadError: null,
    };
    this.slots.push(slot);
    worker.on('message', (event: WorkerEvent) => this.onEvent(slot, event));
    worker.on('error', (error) =>
      console.error(`[models] generation worker error: ${error.message}`),
    );
    worker.on('exit', () => this.onExit(slot));
  }

  private onEvent(slot: Slot, event: WorkerEvent): void {
    switch (event.type) {
      case 'progress':
        this.options.onProgress?.(event.info);
        return;
      case 'ready': {
        slot.ready = true;
        const first = this.state === 'loading';
        if (first) {
          this.setState('ready');
          while (this.slots.length < this.options.workers) this.spawn();
        }
        this.pump();
        return;
      }
      case 'load-failed':
        slot.loadError = event.error;
        void slot.worker.terminate();
        return;
      case 'token': {
        const job = slot.job;
        if (!job || job.id !== event.id || job.settled) return;
        job.firstTokenAt ??= performance.now();
        job.text += event.text;
        job.request.onToken?.(event.text);
        return;
      }
      case 'done':
      case 'failed': {
        if (slot.draining === event.id) {
          this.release(slot);
          return;
        }
        const job = slot.job;
        if (!job || job.id !== event.id) return;
        slot.job = null;
        if (event.type === 'failed') job.finish('failed');
        else job.finish(event.stoppedBy === 'length' ? 'length' : 'completed', event.tokens);
        this.pump();
        return;
      }
    }
  }

  private onExit(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return; // closed, or replaced on purpose
    this.slots.splice(index, 1);
    if (slot.drainTimer) clearTimeout(slot.drainTimer);
    slot.job?.finish('failed');
    if (this.state === 'closed') return;
    if (slot.ready) {
      this.spawn(); // a working model crashed: replace it
      return;
    }
    // Failed while loading: retrying would fail the same way.
    if (this.state === 'loading' && this.slots.length === 0) {
      this.fail(slot.loadError ?? 'the generation worker stopped while loading');
    }
  }

  /** Answers a request now (timeout, visitor left) and frees its worker at the next token. */
  private stop(job: Job, outcome: 'timeout' | 'cancelled'): void {
    if (job.settled) return;
    const queued = this.queue.indexOf(job);
    if (queued !== -1) this.queue.splice(queued, 1);
    const slot = this.slots.find((candidate) => candidate.job === job);
    job.finish(outcome);
    if (!slot) return;
    Atomics.store(slot.cancel, 0, job.id);
    slot.job = null;
    slot.draining = job.id;
    slot.drainTimer = setTimeout(() => this.replace(slot), this.options.stopGraceMs ?? 3_000);
  }

  /** A worker that does not stop in time (one long step) is replaced rather than waited for. */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    if (this.state !== 'closed') this.spawn();
  }

  private release(slot: Slot): void {
    if (slot.drainTimer) clearTimeout(slot.drainTimer);
    slot.drainTimer = null;
    slot.draining = null;
    this.pump();
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    job.startedAt = performance.now();
    const command: GenerateCommand = {
      type: 'generate',
      id: job.id,
      messages: job.request.messages,
      maxTokens: job.maxTokens,
    };
    slot.worker.postMessage(command);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || slot.draining !== null) continue;
      const job = this.queue.shift();
      if (!job) return;
      this.dispatch(slot, job);
    }
  }

  private fail(error: string): void {
    this.setState('failed', error);
    for (const job of this.queue.splice(0)) job.finish('unavailable');
  }

  private setState(state: PoolState, error?: string): void {
    this.state = state;
    this.options.onState?.(state, { error });
    if (state !== 'loading') this.settleReadyWaiters(state === 'ready');
  }

  private settleReadyWaiters(ready: boolean): void {
    for (const resolve of this.readyWaiters.splice(0)) resolve(ready);
  }
}
