// Named rate limits, in Redis when REDIS_URL is set and in memory otherwise (rate-limiter-flexible).
export { limiter, type Limiter, type RateLimit, type RateVerdict } from './limiter';
