import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof newClient>;

const newClient = (url: string) => createClient({ url });

/** Two connections: one publishes and runs commands, one only subscribes (Redis requires it). */
export async function connectRedis(
  url: string,
): Promise<{ pub: RedisClient; sub: RedisClient; close(): Promise<void> }> {
  const pub = newClient(url);
  const sub = pub.duplicate();
  for (const client of [pub, sub]) {
    client.on('error', (error: Error) => console.error(`realtime: redis: ${error.message}`));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    pub,
    sub,
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
