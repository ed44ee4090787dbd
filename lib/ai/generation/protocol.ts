// Messages between the generation pool (main thread) and its workers.
import type { ProgressInfo } from '@huggingface/transformers';
import type { ModelSource } from '../model-files';
import type { ModelChoice } from '../schemas';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface WorkerSetup {
  model: ModelChoice;
  source: ModelSource;
  /** Weights are in the models folder; otherwise the worker downloads them (remote allowed). */
  installed: boolean;
  /** Holds the id of a request to stop: read between tokens without waiting for a message. */
  cancel: SharedArrayBuffer;
}

export interface GenerateCommand {
  type: 'generate';
  id: number;
  messages: ChatMessage[];
  maxTokens: number;
}

export type WorkerEvent =
  | { type: 'progress'; info: ProgressInfo }
  | { type: 'ready' }
  | { type: 'load-failed'; error: string }
  | { type: 'token'; id: number; text: string }
  | { type: 'done'; id: number; tokens: number; stoppedBy: 'end' | 'length' | 'cancel' }
  | { type: 'failed'; id: number; error: string };
