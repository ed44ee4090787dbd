// A worker thread starts without the parent's tsx loader, and Node 20 does not apply
// `execArgv: ['--import', 'tsx']` to a worker's entry file: register tsx here, then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
