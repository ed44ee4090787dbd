import { startApp, type RunningApp } from './app';
import { connectVisitor, newClientId, visitorToken } from './realtime';

/** The fault tests' loop: servers on one database, SIGKILLed mid-burst of visitor messages. */
export interface KillRestart {
  /**
   * Starts a server with the address limits lifted and short leases (5 s, not the jobs' 60 s and
   * the bot turns' 15 s), so a killed node's claims run out soon; `stopAll` stops it.
   */
  start(env?: Record<string, string | undefined>): Promise<RunningApp>;
  /**
   * Sends the burst to `node`, SIGKILLs it as soon as every message is acknowledged, then
   * disconnects the visitors (one who leaves sooner cancels the reply in progress); the messages' ids.
   */
  burstAndKill(node: RunningApp): Promise<string[]>;
  /** Stops every server started so far. */
  stopAll(): Promise<void>;
}

export function killRestart({
  databaseUrl,
  siteId,
  visitors,
  messages,
  body = (visitor, message) => `hello (${visitor}.${message})`,
}: {
  databaseUrl: string;
  siteId: string;
  /** How many visitors send at once, and how many messages each sends one after another. */
  visitors: number;
  messages: number;
  body?: (visitor: number, message: number) => string;
}): KillRestart {
  const running: RunningApp[] = [];
  return {
    start: async (env = {}) => {
      const app = await startApp({
        DATABASE_URL: databaseUrl,
        IP_CONNECTS_PER_MINUTE: '100000',
        IP_MESSAGES_PER_MINUTE: '100000',
        JOB_LEASE_MS: '5000',
        BOT_TURN_LEASE_MS: '5000',
        ...env,
      });
      running.push(app);
      return app;
    },
    burstAndKill: async (node) => {
      const clients = await Promise.all(
        Array.from({ length: visitors }, async () =>
          connectVisitor(node.url, await visitorToken(siteId)),
        ),
      );
      const ids = await Promise.all(
        clients.map(async (client, v) => {
          const sent: string[] = [];
          for (let m = 0; m < messages; m += 1) {
            const ack = await client.emitWithAck('message:send', {
              clientId: newClientId(),
              body: body(v, m),
            });
            if (!ack.ok) throw new Error(ack.error.message);
            sent.push(ack.message.id);
          }
          return sent;
        }),
      );
      await node.kill();
      clients.forEach((client) => client.close());
      return ids.flat();
    },
    stopAll: async () => {
      await Promise.all(running.splice(0).map((app) => app.stop()));
    },
  };
}
