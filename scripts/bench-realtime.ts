// Real-time engine benchmark: N visitor sockets each send messages at a steady rate and wait for
// the acknowledgement (sent after the message is committed); the bot path answers every message.
//
//   npm run bench:realtime -- --clients 5000 --duration 30 [--rate 0.1] [--url URL] [--site-key KEY]
//                             [--baseline] [--cpu-prof DIR] [--distinct-texts] [--json]
//
// Without --url it starts its own server in a child process: lib/realtime on a bare HTTP server
// with an echo bot, on a fresh database (DATABASE_URL's server, or the embedded Postgres).
// With --url it measures a running app (its bot, its limits: every bench socket comes from one
// address, so it says which variables to raise there when the app refuses).
// Reports connections held, messages/s, ack latency p50/p95/p99, bot-reply latency (message sent →
// the bot's reply received) p50/p95, CPU per message (the server's, the Postgres processes', the
// bench's own and the whole machine's, from the first send to the last reply) and server memory per
// connection (the server: our child, or with --url on this machine the process listening on its
// port; left out when it cannot be found), and lost or duplicated messages, checked at the end by
// resuming every conversation from seq 0, and bot replies missing or duplicated.
// Messages are "bench 1", "bench 2"…: the n-th of every socket is the same text, which the bot's caches
// (the sentence encoder's recent texts) answer after the first. --distinct-texts sends what customers
// write instead (the dev KB questions), each made unique, so every message is read from scratch.
// --baseline then runs the same load against a minimal socket.io server that commits each message
// with one INSERT into the same Postgres (DATABASE_URL) and echoes it as the reply, and prints
// its line and the ratio of the two.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  RequestEvents,
  VisitorNotices,
  VisitorRequests,
  VisitorResumeResult,
} from '@/lib/schemas/events';

type VisitorSocket = Socket<VisitorNotices, RequestEvents<VisitorRequests>>;
// As the widget: a pending send fails when the connection drops; only then is it resent.
const ACK_TIMEOUT_MS = 60_000;
/** Where in the run a tail comes from: the send time is cut into windows this long. */
const WINDOW_MS = 5_000;

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '30' },
    rate: { type: 'string', default: '0.1' },
    url: { type: 'string' },
    'site-key': { type: 'string', default: 'demo-site' },
    json: { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
    'serve-baseline': { type: 'boolean', default: false },
    'distinct-texts': { type: 'boolean', default: false },
    /** Writes the own server's CPU profile (node --cpu-prof) into this folder. */
    'cpu-prof': { type: 'string' },
  },
});

const customerQuestions: string[] = JSON.parse(
  readFileSync('tests/fixtures/kb-questions.dev.json', 'utf8'),
).map((entry: { question: string }) => entry.question);

/** The n-th message of a socket: repeated across sockets, or (--distinct-texts) a question of its own. */
function messageText(socketIndex: number, n: number): string {
  if (!args['distinct-texts']) return `bench ${n}`;
  const question = customerQuestions[(socketIndex * 7 + n) % customerQuestions.length];
  return `${question} (${socketIndex}.${n})`;
}

/** Refused for the per-address limits: says which of the app's variables to raise, once. */
class AddressLimited extends Error {}

// The Postgres server the bench databases go on (tokensFromDatabase repoints DATABASE_URL later).
const postgresUrl = process.env.DATABASE_URL;

if (args.serve) await serve();
else if (args['serve-baseline']) await serveBaseline();
else await main();

// ------------------------------------------------------------------------------------------------
// The server side (child process)

async function serve(): Promise<void> {
  const { startDatabase } = await import('@/lib/db/start');
  const { db } = await import('@/lib/db');
  const { seedDemo } = await import('@/lib/db/seed');
  const { attachRealtime } = await import('@/lib/realtime');
  const { stageTimings } = await import('@/lib/conversations/stage-timings');
  const database = await startDatabase({
    url: process.env.DATABASE_URL,
    dataDir: path.resolve('data/bench'),
    embeddedPort: 54349,
  });
  process.env.DATABASE_URL = database.url;
  await seedDemo(db(), {
    adminEmail: 'bench@example.com',
    adminPassword: 'bench-password',
    publicUrl: 'http://localhost',
  });
  const server = createServer((_request, response) => response.writeHead(404).end());
  const realtime = await attachRealtime(server, {
    replyToVisitor: async (turn) => ({
      decision: 'answer',
      text: turn.visitorMessage.body,
      choices: [],
      citations: [],
    }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(`LISTENING ${(server.address() as AddressInfo).port} ${database.url}`);
  process.on('SIGTERM', () => {
    const timings = stageTimings();
    if (timings) console.error(`bench server: stage timings (ms): ${JSON.stringify(timings)}`);
    void realtime
      .close()
      .then(() => database.stop())
      .then(() => process.exit(0));
  });
}

/**
 * The baseline (`--serve-baseline`): a minimal socket.io server that commits each message with
 * one INSERT (idempotent on the client's id) and acknowledges it, then echoes it as the reply.
 */
async function serveBaseline(): Promise<void> {
  const { Server } = await import('socket.io');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  await pool.query(`create table if not exists bench_baseline (
    id bigserial primary key, visitor text not null, client_id text not null, body text not null,
    unique (visitor, client_id))`);
  const server = createServer((_request, response) => response.writeHead(404).end());
  const io = new Server(server, { serveClient: false });
  io.of('/visitor').on('connection', (socket) => {
    const visitor = String(socket.handshake.auth.token).slice(-40);
    socket.on('message:send', async (payload: { clientId: string; body: string }, ack) => {
      const { rows } = await pool.query<{ id: string }>(
        `insert into bench_baseline (visitor, client_id, body) values ($1, $2, $3)
         on conflict (visitor, client_id) do update set body = excluded.body returning id`,
        [visitor, payload.clientId, payload.body],
      );
      const message = { id: rows[0].id, clientId: payload.clientId, sender: 'visitor' };
      ack({ ok: true, message, conversation: { id: visitor } });
      socket.emit('message', { ...message, sender: 'bot', clientId: `bot:${rows[0].id}` });
    });
    socket.on('conversation:resume', async (_payload: unknown, ack) => {
      const { rows } = await pool.query<{ client_id: string }>(
        'select client_id from bench_baseline where visitor = $1',
        [visitor],
      );
      const messages = rows.map((row) => ({ sender: 'visitor', clientId: row.client_id }));
      ack({ ok: true, conversation: { id: visitor }, messages, hasMore: false });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(`LISTENING ${(server.address() as AddressInfo).port} ${process.env.DATABASE_URL}`);
  process.on('SIGTERM', () => io.close(() => void pool.end().then(() => process.exit(0))));
}

/** Starts `--serve` (or `--serve-baseline`) in a child process on a fresh database. */
async function startOwnServer(mode: '--serve' | '--serve-baseline'): Promise<{
  url: string;
  databaseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}> {
  const serverUrl = postgresUrl;
  let databaseUrl: string | undefined;
  if (serverUrl) {
    const name = `hearth_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const profile = args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', args['cpu-prof']] : [];
  const child = spawn('node', [...profile, '--import', 'tsx', 'scripts/bench-realtime.ts', mode], {
    env: {
      ...process.env,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      NODE_ENV: 'production',
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
      // Every bench socket comes from 127.0.0.1: per-address limits would measure nothing else.
      IP_CONNECTS_PER_MINUTE: '10000000',
      IP_MESSAGES_PER_MINUTE: '10000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { port, url } = await new Promise<{ port: number; url: string }>((resolve, reject) => {
    let printed = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const ready = /LISTENING (\d+) (\S+)/.exec(printed);
      if (ready) resolve({ port: Number(ready[1]), url: ready[2] });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}): ${printed}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    databaseUrl: url,
    child,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (serverUrl && databaseUrl) {
        await adminQuery(
          serverUrl,
          `drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`,
        );
      }
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------------------------------------
// The load (this process)

type Result = Awaited<ReturnType<typeof runLoad>>;

async function main(): Promise<void> {
  const clients = Number(args.clients);
  const rate = Number(args.rate);
  if (args.baseline && !postgresUrl) {
    console.error('bench: --baseline needs DATABASE_URL (the Postgres server the app uses)');
    process.exit(2);
  }
  let result: Result;
  const own = args.url ? undefined : await startOwnServer('--serve');
  try {
    const url = args.url ?? own!.url;
    const tokens = own
      ? await tokensFromDatabase(own.databaseUrl, clients)
      : await tokensFromApi(url, args['site-key']!, clients);
    result = await runLoad(url, tokens, own ? 'own server, echo bot' : 'app', own?.child);
  } catch (error) {
    if (!(error instanceof AddressLimited)) throw error;
    const messages = Math.ceil(clients * rate * 60 * 1.2);
    const perVisitor = Math.ceil(rate * 60 * 1.2);
    console.error(
      `bench: the app refused for its per-address limits (every bench socket comes from one address): ` +
        `start it with IP_CONNECTS_PER_MINUTE=${clients * 2} IP_MESSAGES_PER_MINUTE=${messages}` +
        (perVisitor > 30 ? ` VISITOR_MESSAGES_PER_MINUTE=${perVisitor}` : ''),
    );
    process.exit(2);
  } finally {
    await own?.stop();
  }
  if (args.json) console.log(JSON.stringify(result));
  if (!args.baseline) return;

  const baseline = await startOwnServer('--serve-baseline');
  try {
    const tokens = Array.from({ length: clients }, () => randomBytes(20).toString('hex'));
    const base = await runLoad(baseline.url, tokens, 'baseline: socket.io + one INSERT');
    if (args.json) console.log(JSON.stringify({ baseline: true, ...base }));
    const ratio = (key: 'messagesPerSecond' | 'ackP95Ms' | 'botReplyP95Ms') =>
      round(result[key] / base[key]);
    const ratios = {
      ratio: 'app / baseline',
      messagesPerSecond: ratio('messagesPerSecond'),
      ackP95Ms: ratio('ackP95Ms'),
      botReplyP95Ms: ratio('botReplyP95Ms'),
    };
    console.error(`bench: ${JSON.stringify(ratios)}`);
    if (args.json) console.log(JSON.stringify(ratios));
  } finally {
    await baseline.stop();
  }
}

async function runLoad(url: string, tokens: string[], label: string, child?: ChildProcess) {
  const clients = tokens.length;
  const durationMs = Number(args.duration) * 1000;
  const rate = Number(args.rate);
  const log = (line: string) => console.error(line);
  log(
    `bench: ${clients} clients × ${rate} msg/s for ${durationMs / 1000} s against ${url} (${label})`,
  );
  const pid = serverPid(url, child);
  const rssBefore = processRss(pid);

  const sockets: VisitorSocket[] = [];
  let duplicateDeliveries = 0;
  /** When each bot reply arrived, by the visitor message it answers; and replies seen twice. */
  const repliedAt = new Map<string, number>();
  let duplicateReplies = 0;
  let limited = 0;
  const connectStart = performance.now();
  for (let i = 0; i < tokens.length; i += 200) {
    const batch = await Promise.all(
      tokens.slice(i, i + 200).map((token) => connect(url, token, () => (limited += 1))),
    );
    for (const socket of batch) {
      if (!socket) continue;
      const seen = new Set<string>();
      socket.on('message', (message) => {
        if (message.sender === 'bot' && message.clientId?.startsWith('bot:')) {
          const answered = message.clientId.slice('bot:'.length);
          if (repliedAt.has(answered)) duplicateReplies += 1;
          else repliedAt.set(answered, performance.now());
        }
        if (message.sender !== 'visitor') return;
        if (seen.has(message.id)) duplicateDeliveries += 1;
        seen.add(message.id);
      });
      sockets.push(socket);
    }
  }
  if (limited) {
    sockets.forEach((socket) => socket.close());
    throw new AddressLimited();
  }
  log(
    `bench: ${sockets.length}/${clients} connected in ${((performance.now() - connectStart) / 1000).toFixed(1)} s`,
  );
  await settled(pid, log);
  const rssAfter = processRss(pid);

  const latencies: number[] = [];
  /** Each acknowledged message's send time since the first send, ms (for the tail's windows). */
  const sentOffsets: number[] = [];
  /** When each acknowledged visitor message was first sent, by its id. */
  const sentAt = new Map<string, number>();
  const sent = new Map<VisitorSocket, string[]>();
  let acked = 0;
  let lastAckAt = 0;
  let retries = 0;
  const resendReasons = new Map<string, number>();
  // Sends still unacknowledged this long after the run are counted as lost.
  const giveUpAt = performance.now() + durationMs + 60_000;
  const pendingAcks = new Set<Promise<void>>();
  const cpuBefore = cpuSample(pid);
  const benchCpuBefore = process.cpuUsage();
  const sendStart = performance.now();
  const timers = sockets.map((socket, socketIndex) => {
    const clientIds: string[] = [];
    sent.set(socket, clientIds);
    const tick = () => {
      const clientId = randomBytes(12).toString('hex');
      clientIds.push(clientId);
      const body = messageText(socketIndex, clientIds.length);
      const started = performance.now();
      // As the widget's outbox does: resend with the same clientId until acknowledged.
      const deliver = async (): Promise<void> => {
        while (performance.now() < giveUpAt) {
          const result = await socket
            .timeout(ACK_TIMEOUT_MS)
            .emitWithAck('message:send', { clientId, body })
            .catch(() => null);
          if (result?.ok) {
            acked += 1;
            lastAckAt = performance.now();
            latencies.push(lastAckAt - started);
            sentOffsets.push(started - sendStart);
            sentAt.set(result.message.id, started);
            return;
          }
          retries += 1;
          const reason = result === null ? 'timeout' : result.ok ? 'ok' : result.error.code;
          resendReasons.set(reason, (resendReasons.get(reason) ?? 0) + 1);
          await sleep(result?.ok === false ? (result.error.retryAfterMs ?? 1_000) : 1_000);
        }
      };
      const ack = deliver();
      pendingAcks.add(ack);
      void ack.finally(() => pendingAcks.delete(ack));
    };
    // Spread the clients' phases over one period so the load is steady.
    const period = 1000 / rate;
    let interval: NodeJS.Timeout | undefined;
    const first = setTimeout(() => {
      tick();
      interval = setInterval(tick, period);
    }, Math.random() * period);
    return () => {
      clearTimeout(first);
      clearInterval(interval);
    };
  });
  await sleep(durationMs);
  timers.forEach((stop) => stop());
  await Promise.allSettled([...pendingAcks]);
  // Until the last acknowledgement: a server that falls behind is not credited with the backlog.
  const sendSeconds = (Math.max(lastAckAt, sendStart + durationMs) - sendStart) / 1000;
  if (resendReasons.get('rate_limited')) {
    sockets.forEach((socket) => socket.close());
    throw new AddressLimited();
  }
  // The bot's last replies: wait until every message has one, or nothing came for 10 s.
  for (let quiet = 0, before = -1; repliedAt.size < sentAt.size && quiet < 10;) {
    await sleep(1_000);
    quiet = repliedAt.size === before ? quiet + 1 : 0;
    before = repliedAt.size;
  }
  // CPU from the first send to the last reply (within a second), per acknowledged message.
  const cpuAfter = cpuSample(pid);
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const cpuSeconds = (performance.now() - sendStart) / 1000;
  const perMessage = (ms: number | null) =>
    ms === null ? null : Math.round((ms / Math.max(1, acked)) * 1000) / 1000;
  const cpu = {
    serverCpuMsPerMessage: perMessage(
      cpuAfter.server === null || cpuBefore.server === null
        ? null
        : cpuAfter.server - cpuBefore.server,
    ),
    postgresCpuMsPerMessage: perMessage(postgresCpu(cpuBefore.postgres, cpuAfter.postgres)),
    benchCpuMsPerMessage: perMessage((benchCpu.user + benchCpu.system) / 1000),
    machineCpuMsPerMessage: perMessage(cpuAfter.machine - cpuBefore.machine),
    /** The machine's busy share over that time, 100 = every core. */
    machineBusyPercent: round(
      ((cpuAfter.machine - cpuBefore.machine) / (cpuSeconds * 1000 * availableParallelism())) * 100,
    ),
  };

  // Lost: sent but not in the conversation; duplicated: stored or delivered more than once.
  let lost = 0;
  let duplicated = duplicateDeliveries;
  for (let i = 0; i < sockets.length; i += 500) {
    await Promise.all(
      sockets.slice(i, i + 500).map(async (socket) => {
        const clientIds = sent.get(socket) ?? [];
        const stored = await storedClientIds(socket);
        for (const clientId of clientIds) if (!stored.has(clientId)) lost += 1;
        duplicated += stored.duplicates;
      }),
    );
  }
  sockets.forEach((socket) => socket.close());

  const replyLatencies: number[] = [];
  let botRepliesMissing = 0;
  for (const [id, started] of sentAt) {
    const replied = repliedAt.get(id);
    if (replied === undefined) botRepliesMissing += 1;
    else replyLatencies.push(replied - started);
  }
  const result = {
    clients,
    connected: sockets.length,
    messagesPerSecond: round(acked / sendSeconds),
    ackP50Ms: percentile(latencies, 50),
    ackP95Ms: percentile(latencies, 95),
    ackP99Ms: percentile(latencies, 99),
    botReplyP50Ms: percentile(replyLatencies, 50),
    botReplyP95Ms: percentile(replyLatencies, 95),
    ackP95ByWindowMs: windowPercentiles(latencies, sentOffsets, 95),
    ...cpu,
    rssPerConnectionKB:
      rssBefore !== null && rssAfter !== null
        ? round((rssAfter - rssBefore) / Math.max(1, sockets.length) / 1024)
        : null,
    lost,
    duplicated,
    botRepliesMissing,
    botRepliesDuplicated: duplicateReplies,
  };
  log(
    `bench: ${acked} acknowledged (${retries} resends${retries ? `: ${JSON.stringify(Object.fromEntries(resendReasons))}` : ''}) in ${sendSeconds.toFixed(1)} s = ${result.messagesPerSecond} msg/s; ` +
      `ack p50 ${result.ackP50Ms} ms, p95 ${result.ackP95Ms} ms, p99 ${result.ackP99Ms} ms; ` +
      `bot reply p50 ${result.botReplyP50Ms} ms, p95 ${result.botReplyP95Ms} ms; ` +
      `ack p95 by ${WINDOW_MS / 1000}-s window of send time ${result.ackP95ByWindowMs.join(' / ')} ms; ` +
      (result.serverCpuMsPerMessage === null
        ? ''
        : `CPU per message: server ${cpu.serverCpuMsPerMessage} ms, `) +
      `Postgres (every process on the machine alive at the end) ${cpu.postgresCpuMsPerMessage} ms, bench ${cpu.benchCpuMsPerMessage} ms, ` +
      `machine ${cpu.machineCpuMsPerMessage} ms (${cpu.machineBusyPercent}% busy); ` +
      (rssBefore === null || rssAfter === null
        ? ''
        : `server RSS ${mb(rssBefore)} → ${mb(rssAfter)} MB (${result.rssPerConnectionKB} KB per connection); `) +
      `lost ${lost}, duplicated ${duplicated}, bot replies missing ${botRepliesMissing}, duplicated ${duplicateReplies}`,
  );
  return result;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);
}

/** The p-th percentile of the values sent in each window (by their send offsets, ms). */
function windowPercentiles(values: number[], offsets: number[], p: number): number[] {
  const windows: number[][] = [];
  values.forEach((value, i) => (windows[Math.floor(offsets[i] / WINDOW_MS)] ??= []).push(value));
  return Array.from(windows, (window) => percentile(window ?? [], p));
}

function connect(url: string, token: string, onLimited: () => void): Promise<VisitorSocket | null> {
  return new Promise((resolve) => {
    const socket: VisitorSocket = io(`${url}/visitor`, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
    });
    const timer = setTimeout(() => {
      socket.close();
      resolve(null);
    }, 30_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      clearTimeout(timer);
      if (error.data?.code === 'rate_limited') onLimited();
      else console.error(`bench: connect refused: ${error.message}`);
      socket.close();
      resolve(null);
    });
  });
}

/** Every visitor clientId stored in the socket's conversation, and how many appear twice. */
async function storedClientIds(
  socket: VisitorSocket,
): Promise<Set<string> & { duplicates: number }> {
  const stored = Object.assign(new Set<string>(), { duplicates: 0 });
  let afterSeq = 0;
  let conversationId: string | null = null;
  for (let attempt = 0; ;) {
    const page: Ack<VisitorResumeResult> | null = await socket
      .timeout(30_000)
      .emitWithAck('conversation:resume', { conversationId, afterSeq })
      .catch(() => null);
    if (!page?.ok && ++attempt < 5) continue;
    if (!page?.ok || !page.conversation) return stored;
    conversationId = page.conversation.id;
    for (const message of page.messages) {
      if (message.sender !== 'visitor' || !message.clientId) continue;
      if (stored.has(message.clientId)) stored.duplicates += 1;
      stored.add(message.clientId);
    }
    if (!page.hasMore || page.messages.length === 0) return stored;
    afterSeq = page.messages[page.messages.length - 1].seq;
  }
}

/** Own server: visitors written straight to its database, tokens signed with the site's secret. */
async function tokensFromDatabase(databaseUrl: string, count: number): Promise<string[]> {
  process.env.DATABASE_URL = databaseUrl;
  const { db, disconnectDatabase } = await import('@/lib/db');
  const { signVisitorToken } = await import('@/lib/auth/visitor-token');
  const site = await db().site.findUniqueOrThrow({ where: { publicKey: 'demo-site' } });
  const ids = Array.from({ length: count }, () => `bench${randomBytes(10).toString('hex')}`);
  await db().visitor.createMany({ data: ids.map((id) => ({ id, siteId: site.id })) });
  await disconnectDatabase();
  return ids.map((visitorId) =>
    signVisitorToken(site.visitorTokenSecret, { siteId: site.id, visitorId }),
  );
}

/** A running app: sessions from its widget endpoint, as the embed iframe gets them. */
async function tokensFromApi(url: string, siteKey: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async () => {
        const response = await fetch(`${url}/api/widget/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ siteKey, hostOrigin: new URL(url).origin }),
        });
        if (response.status === 429) throw new AddressLimited();
        if (!response.ok)
          throw new Error(`widget session refused: ${response.status} ${await response.text()}`);
        return ((await response.json()) as { token: string }).token;
      }),
    );
    tokens.push(...batch);
  }
  return tokens;
}

/**
 * The server's process: our child, or for `--url` on this machine the process listening on its
 * port (found through /proc, as `ss -p` does); null when it is elsewhere or not readable.
 */
function serverPid(url: string, child: ChildProcess | undefined): number | null {
  if (child?.pid) return child.pid;
  const { hostname, port } = new URL(url);
  if (!['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(hostname)) return null;
  const portHex = Number(port || 80)
    .toString(16)
    .toUpperCase()
    .padStart(4, '0');
  try {
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        // local_address is ADDR:PORT; state 0A is LISTEN; field 9 is the socket's inode.
        if (fields[1]?.endsWith(`:${portHex}`) && fields[3] === '0A') inodes.add(fields[9]);
      }
    }
    if (!inodes.size) return null;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let fds: string[];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        try {
          const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
          if (inode && inodes.has(inode)) return Number(pid);
        } catch {
          // The descriptor closed meanwhile.
        }
      }
    }
  } catch {
    // Not Linux, or /proc not readable.
  }
  return null;
}

/** A process's resident memory in bytes (null when it cannot be read). */
function processRss(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * CPU time so far, ms: the server's, each Postgres process's on the machine (by pid: a process that
 * exits between two samples, another's test database say, must not count against the run), and the
 * machine's busy time.
 */
function cpuSample(pid: number | null): {
  server: number | null;
  postgres: Map<string, number>;
  machine: number;
} {
  // A clock tick of /proc's CPU times (USER_HZ: 100 on Linux's usual builds). Not a module
  // constant: main() runs before the module's later constants are initialised.
  const TICK_MS = 10;
  const processCpu = (id: string): number => {
    // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th.
    const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  };
  let server: number | null = null;
  const postgres = new Map<string, number>();
  let machine = 0;
  try {
    if (pid !== null) server = processCpu(String(pid));
    for (const id of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (readFileSync(`/proc/${id}/comm`, 'utf8').trim() === 'postgres')
          postgres.set(id, processCpu(id));
      } catch {
        // Exited meanwhile.
      }
    }
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9);
    machine =
      cpu.reduce((sum, ticks, i) => (i === 3 || i === 4 ? sum : sum + Number(ticks)), 0) * TICK_MS;
  } catch {
    // Not Linux.
  }
  return { server, postgres, machine };
}

/** CPU the Postgres processes alive at the second sample used since the first (all of it if they started since), ms. */
function postgresCpu(before: Map<string, number>, after: Map<string, number>): number {
  let ms = 0;
  for (const [id, at] of after) ms += at - (before.get(id) ?? 0);
  return ms;
}

/**
 * Waits until the server is done with its start-up work before the load starts: the app trains
 * its demo bots when it starts on a new database (about 20 s of both cores here, the new models
 * made live at the end), and the first visitors' connections prepare the site's bot. Measured
 * while that ran, the first 2–4 s of sends were acknowledged at p95 150–450 ms. At least 2 s;
 * settled is under a quarter of a core over a second, for up to 2 minutes (a server elsewhere: 2 s).
 */
async function settled(pid: number | null, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  await sleep(2_000);
  if (pid === null) return;
  for (;;) {
    const before = cpuSample(pid).server;
    await sleep(1_000);
    const after = cpuSample(pid).server;
    if (before === null || after === null || after - before < 250) break;
    if (performance.now() - started > 120_000) {
      log('bench: the server is still busy after 2 minutes; measuring anyway');
      break;
    }
  }
  const waited = (performance.now() - started) / 1000;
  if (waited > 3.5) log(`bench: waited ${waited.toFixed(1)} s for the server to settle`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
function round(value: number): number {
  return Math.round(value * 10) / 10;
}
function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
