import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

const globalForPrisma = globalThis as unknown as { hearthPrisma?: PrismaClient };

/**
 * The one Prisma client of the process. It lives on globalThis because the custom server and the
 * code Next.js bundles are separate module graphs in the same process; both must share one pool.
 */
export function db(): PrismaClient {
  if (!globalForPrisma.hearthPrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString)
      throw new Error('DATABASE_URL is not set: start the app through server.ts');
    globalForPrisma.hearthPrisma = new PrismaClient({
      adapter: new PrismaPg({
        connectionString,
        max: poolSize(),
      }),
    });
  }
  return globalForPrisma.hearthPrisma;
}

/** Connections in the pool (DATABASE_POOL_SIZE; 10 measured best on two cores, see README). */
export function poolSize(): number {
  return Number(process.env.DATABASE_POOL_SIZE ?? 10);
}

export async function disconnectDatabase(): Promise<void> {
  await globalForPrisma.hearthPrisma?.$disconnect();
  globalForPrisma.hearthPrisma = undefined;
}
