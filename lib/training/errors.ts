export class TrainingAlreadyRunningError extends Error {
  constructor(readonly runId: string) {
    super('A training run is already in progress for this site');
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class TrainingCancelledError extends Error {
  constructor() {
    super('Training was cancelled');
  }
}
