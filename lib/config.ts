import path from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** Every setting the server reads from the environment, with its default. The README lists the same. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** External Postgres; without it an embedded Postgres starts with its data in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().default(54329),
  /** Several server nodes share rooms, presence and model swaps through Redis. */
  REDIS_URL: z.string().url().optional(),
  MODELS_DIR: z.string().default('./models'),
  ALLOW_REMOTE_MODELS: flag.default(false),
  EMBEDDING_MODEL: z.string().default('google/universal-sentence-encoder-lite'),
  EMBEDDING_DTYPE: z.string().default('fp32'),
  GENERATION_MODEL: z.string().default('onnx-community/Qwen2.5-0.5B-Instruct'),
  GENERATION_DTYPE: z.string().default('q4'),
  GENERATION_WORKERS: z.coerce.number().int().min(0).max(8).default(1),
  /** First-start admin account; the password is generated and printed once when unset. */
  ADMIN_EMAIL: z.string().email().default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Where browsers reach this server, used in the embed snippet. */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Reverse proxies whose X-Forwarded-For / -Host / -Proto are believed: addresses, CIDR ranges or
   * `loopback`, comma-separated. Unset, those headers are ignored from everyone.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine(
      (value) => value.split(',').every((entry) => !entry.trim() || isProxyEntry(entry.trim())),
      'a comma-separated list of IP addresses, CIDR ranges (10.0.0.0/8) or "loopback"',
    ),
  /** Widget sockets, per minute: messages and connects per visitor and per IP address. */
  VISITOR_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  IP_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  VISITOR_CONNECTS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  IP_CONNECTS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** REST API requests per token per minute (shared through Redis when set). */
  API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
});

/** Whether a TRUSTED_PROXIES entry is an address, a CIDR range or `loopback`. */
function isProxyEntry(entry: string): boolean {
  if (entry === 'loopback') return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export type Config = z.infer<typeof EnvSchema> & { dataDir: string; modelsDir: string };

let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(
    // Empty strings mean "unset", as shells and .env files often leave them.
    Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  cached = {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.DATA_DIR),
    modelsDir: path.resolve(parsed.data.MODELS_DIR),
  };
  return cached;
}
