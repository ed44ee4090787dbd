// One text-generation model per worker thread; requests arrive one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import {
  pipeline,
  StoppingCriteria,
  TextStreamer,
  type TextGenerationPipeline,
} from '@huggingface/transformers';
import { pointTransformersAt } from '../model-files';
import type { GenerateCommand, WorkerEvent, WorkerSetup } from './protocol';

const setup = workerData as WorkerSetup;
const cancelled = new Int32Array(setup.cancel);
const port = parentPort!;
const send = (event: WorkerEvent) => port.postMessage(event);

/** Stops between two tokens once the pool has flagged this request (timeout, visitor left). */
class CancelledRequest extends StoppingCriteria {
  constructor(private readonly requestId: number) {
    super();
  }

  _call(inputIds: number[][]): boolean[] {
    const stop = Atomics.load(cancelled, 0) === this.requestId;
    return inputIds.map(() => stop);
  }
}

async function load(): Promise<TextGenerationPipeline> {
  pointTransformersAt(setup.source);
  return pipeline('text-generation', setup.model.id, {
    dtype: setup.model.dtype,
    local_files_only: setup.installed,
    progress_callback: (info) => send({ type: 'progress', info }),
  });
}

async function run(generator: TextGenerationPipeline, command: GenerateCommand): Promise<void> {
  let tokens = 0;
  const streamer = new TextStreamer(generator.tokenizer, {
    skip_prompt: true,
    skip_special_tokens: true,
    callback_function: (text) => {
      if (text) send({ type: 'token', id: command.id, text });
    },
    token_callback_function: () => {
      tokens += 1;
    },
  });
  await generator(command.messages, {
    max_new_tokens: command.maxTokens,
    do_sample: false,
    streamer,
    stopping_criteria: [new CancelledRequest(command.id)],
  });
  const stoppedBy =
    Atomics.load(cancelled, 0) === command.id
      ? 'cancel'
      : tokens >= command.maxTokens
        ? 'length'
        : 'end';
  send({ type: 'done', id: command.id, tokens, stoppedBy });
}

load().then(
  (generator) => {
    send({ type: 'ready' });
    // Commands are queued by the pool, so they never overlap; chain them to be safe anyway.
    let previous = Promise.resolve();
    port.on('message', (command: GenerateCommand) => {
      previous = previous.then(() =>
        run(generator, command).catch((error: Error) =>
          send({ type: 'failed', id: command.id, error: error.message }),
        ),
      );
    });
  },
  (error: Error) => send({ type: 'load-failed', error: error.message }),
);
