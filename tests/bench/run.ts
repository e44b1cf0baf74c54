/**
 * `pnpm bench` — the sync-server benchmark of issue #2 (printed figures, not a timed test).
 *
 *   pnpm bench [--target trama|trama-power|ywss|hocuspocus|all] [--point 1|2|3|all]
 *              [--duration 10] [--warmup 2] [--drain 5] [--quick] [--json out.json]
 *              [--quiet-wait 60] [--pin] [--repeat 1]
 *
 * Each (target, point) gets a fresh server child process (fresh data directory) on loopback;
 * with --repeat N, N of them in N rounds (each round runs every target once), and the report
 * says how many met the target and compares the other servers with Trama round by round.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { type PointResult, type PointSpec, runPoint, type Timing } from './load.js';
import {
  GENERATOR_CORE,
  machineBusyPct,
  pinSelf,
  type RunningServer,
  SERVER_CORE,
  startServer,
  TARGET_NAMES,
  TARGETS,
  type TargetName,
} from './server-process.js';

const POINTS: readonly PointSpec[] = [
  {
    id: 1,
    label: '1,000 clients / 100 boards / 200 upd/s',
    clients: 1000,
    boards: 100,
    writersPerBoard: 10,
    rate: 200,
    targetP99Ms: 5,
    targetMaxMs: 50,
  },
  {
    id: 2,
    label: '2,000 clients / 500 boards / 1,000 upd/s',
    clients: 2000,
    boards: 500,
    writersPerBoard: 4,
    rate: 1000,
    targetP99Ms: 5,
    targetMaxMs: 50,
  },
  {
    id: 3,
    label: 'busy board: 200 clients (100 write) / 500 upd/s',
    clients: 200,
    boards: 1,
    writersPerBoard: 100,
    rate: 500,
    targetP99Ms: 7,
    targetMaxMs: null,
  },
];

interface Options {
  targets: TargetName[];
  points: PointSpec[];
  timing: Timing;
  json: string | null;
  /** Longest wait for a quiet machine before each point, in seconds (0: do not wait). */
  quietWaitS: number;
  /** Server on one core, load generator on the other (taskset). */
  pin: boolean;
  /** Runs of each (target, point): one run's p99 says little on a machine this noisy. */
  repeat: number;
}

function usage(msg?: string): never {
  if (msg) console.error(`bench: ${msg}`);
  console.error(
    'usage: pnpm bench [--target trama|trama-power|ywss|hocuspocus|all] [--point 1|2|3|all]\n' +
      '                  [--duration <s>] [--warmup <s>] [--drain <s>] [--quick] [--json <file>]\n' +
      '                  [--quiet-wait <s>]  (max wait for an idle machine before each point; 0 = none)\n' +
      '                  [--pin]  (server on core 0, load generator on core 1)\n' +
      '                  [--repeat <n>]  (runs of each target and point; the report counts those that met the target)',
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  let targets: TargetName[] = [...TARGET_NAMES];
  let points = [...POINTS];
  let quick = false;
  let duration: number | null = null;
  let warmup: number | null = null;
  let drain = 5;
  let json: string | null = null;
  let quietWaitS = 60;
  let pin = false;
  let repeat = 1;
  const num = (v: string | undefined, name: string): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n <= 0 || n > 600) usage(`bad ${name}: ${v}`);
    return n;
  };
  const args = argv.filter((a) => a !== '--');
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.includes('=') ? a.split('=', 2) : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--target': {
        const v = value();
        if (v === 'all') targets = [...TARGET_NAMES];
        else {
          const list = (v ?? '').split(',') as TargetName[];
          for (const t of list) if (!TARGET_NAMES.includes(t)) usage(`unknown target ${t}`);
          targets = list;
        }
        break;
      }
      case '--point': {
        const v = value();
        if (v === 'all') points = [...POINTS];
        else {
          const ids = (v ?? '').split(',').map(Number);
          points = POINTS.filter((p) => ids.includes(p.id));
          if (points.length !== ids.length) usage(`unknown point ${v}`);
        }
        break;
      }
      case '--duration':
        duration = num(value(), 'duration');
        break;
      case '--warmup':
        warmup = num(value(), 'warmup');
        break;
      case '--drain':
        drain = num(value(), 'drain');
        break;
      case '--quiet-wait':
        quietWaitS = Number(value());
        if (!Number.isFinite(quietWaitS) || quietWaitS < 0 || quietWaitS > 600) {
          usage('bad --quiet-wait');
        }
        break;
      case '--quick':
        quick = true;
        break;
      case '--pin':
        pin = true;
        break;
      case '--repeat':
        repeat = num(value(), 'repeat');
        if (!Number.isInteger(repeat) || repeat > 100) usage(`bad --repeat: ${repeat}`);
        break;
      case '--json':
        json = value() ?? usage('--json needs a file');
        break;
      case '--help':
      case '-h':
        usage();
        break;
      default:
        usage(`unknown argument ${a}`);
    }
  }
  return {
    targets,
    points,
    timing: {
      warmupS: warmup ?? (quick ? 1 : 2),
      measureS: duration ?? (quick ? 3 : 10),
      drainS: drain,
      connectTimeoutS: 60,
    },
    json,
    quietWaitS,
    pin,
    repeat,
  };
}

/** CPU (% of one core) used by other processes above which the machine counts as busy. */
const QUIET_PCT = 25;

/** Waits (bounded) until the rest of the machine is nearly idle, so figures are not skewed. */
async function waitQuiet(maxS: number): Promise<void> {
  if (maxS <= 0) return;
  const start = Date.now();
  let busy = await machineBusyPct(1000);
  if (busy <= QUIET_PCT) return;
  process.stdout.write(`  waiting for a quiet machine (${f1(busy)}% busy)`);
  while (busy > QUIET_PCT && Date.now() - start < maxS * 1000) {
    busy = await machineBusyPct(1000);
    process.stdout.write('.');
  }
  console.log(busy > QUIET_PCT ? ` still ${f1(busy)}% busy, running anyway` : ' ok');
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) =>
        c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
      );
      const text = line.join('  ');
      return i === 0 ? `${text}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}

interface Outcome {
  target: TargetName;
  point: PointSpec;
  /** 1-based, among the --repeat runs of this target and point. */
  run: number;
  result: PointResult | null;
  error: string | null;
}

function verdicts(r: PointResult): { ok: boolean; text: string } {
  const p = r.point;
  const checks: [string, boolean][] = [
    [`drops ${r.drops} = 0`, r.drops === 0 && r.disconnects === 0],
    [`p99 ${f2(r.p99)} ≤ ${p.targetP99Ms} ms`, r.p99 <= p.targetP99Ms],
  ];
  if (p.targetMaxMs !== null)
    checks.push([`max ${f1(r.max)} ≤ ${p.targetMaxMs} ms`, r.max <= p.targetMaxMs]);
  return {
    ok: checks.every(([, ok]) => ok),
    text: checks.map(([t, ok]) => `${ok ? '✓' : '✗'} ${t}`).join(', '),
  };
}

function report(outcomes: Outcome[], repeat: number): void {
  const header = [
    'target',
    repeat > 1 ? 'point/run' : 'point',
    'clients',
    'boards',
    'writers',
    'upd/s tgt',
    'upd/s got',
    'sent',
    'expected',
    'received',
    'drops',
    'p50 ms',
    'p99 ms',
    'p99.9 ms',
    'max ms',
    'srv CPU%',
    'RSS MiB',
    'peak MiB',
    'gen CPU%',
    'gen stall p99',
    'other CPU%',
  ];
  const rows = [header];
  for (const o of outcomes) {
    const r = o.result;
    const point = repeat > 1 ? `${o.point.id}/${o.run}` : String(o.point.id);
    if (!r) {
      rows.push([o.target, point, ...header.slice(2).map(() => '–')]);
      continue;
    }
    rows.push([
      o.target,
      point,
      int(o.point.clients),
      int(o.point.boards),
      int(r.writers),
      int(o.point.rate),
      f1(r.achievedRate),
      int(r.sent),
      int(r.expected),
      int(r.received),
      int(r.drops),
      f2(r.p50),
      f2(r.p99),
      f2(r.p999),
      f1(r.max),
      f1(r.serverCpuPct),
      f1(r.serverRssMiB),
      f1(r.serverPeakMiB),
      f1(r.genCpuPct),
      f2(r.genStallP99Ms),
      f1(r.otherCpuPct),
    ]);
  }
  console.log(`\n${table(rows)}`);
  console.log(
    '\nLatency: send → receipt at every other client of the board, measured in the load generator.' +
      '\nCPU% is of one core over the measured window; RSS at the end of the point, peak = VmHWM.' +
      '\n"gen" = the load generator itself (same machine, same 2 cores as the server); "gen stall" =' +
      '\nits timer delay beyond 1 ms (event-loop stalls that inflate the latencies it measures);' +
      '\n"other CPU%" = CPU used by the rest of the machine meanwhile (should be ≈ 0 for clean figures).',
  );

  console.log('\nTargets (issue #2):');
  for (const o of outcomes) {
    const run = repeat > 1 ? ` run ${o.run}` : '';
    const tag = `  ${o.target.padEnd(11)} point ${o.point.id}${run}:`;
    if (!o.result) console.log(`${tag} ✗ not run: ${o.error}`);
    else {
      const v = verdicts(o.result);
      let extra = o.result.disconnects ? ` (${o.result.disconnects} disconnects)` : '';
      if (o.result.otherCpuPct > QUIET_PCT) {
        extra += ` [noisy: ${f1(o.result.otherCpuPct)}% CPU used by other processes]`;
      }
      console.log(`${tag} ${v.ok ? 'MET    ' : 'MISSED '} ${v.text}${extra}`);
    }
  }

  if (repeat > 1) summarizeRepeats(outcomes);

  // What power-loss durability costs, where both Trama modes ran (first runs).
  const byKey = new Map(
    outcomes.filter((o) => o.run === 1).map((o) => [`${o.target}/${o.point.id}`, o.result]),
  );
  const lines: string[] = [];
  for (const p of POINTS) {
    const a = byKey.get(`trama/${p.id}`);
    const b = byKey.get(`trama-power/${p.id}`);
    if (!a || !b) continue;
    lines.push(
      `  point ${p.id}: p50 ${f2(a.p50)} → ${f2(b.p50)} ms, p99 ${f2(a.p99)} → ${f2(b.p99)} ms, ` +
        `max ${f1(a.max)} → ${f1(b.max)} ms, server CPU ${f1(a.serverCpuPct)} → ${f1(b.serverCpuPct)} %`,
    );
  }
  if (lines.length) {
    console.log('\nCost of DURABILITY=power (fsync per commit batch) vs process:');
    for (const l of lines) console.log(l);
  }
}

/**
 * Per target and point over the --repeat runs: how many met every target, and the spread of
 * p99 with the server's CPU beside it (the same load takes more CPU when the host is slower,
 * which is most of the spread here).
 */
function summarizeRepeats(outcomes: Outcome[]): void {
  console.log('\nOver the repeated runs:');
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const key = `${o.target}/${o.point.id}`;
    const group = groups.get(key);
    if (group) group.push(o);
    else groups.set(key, [o]);
  }
  for (const group of groups.values()) {
    const { target, point } = group[0]!;
    const done = group.flatMap((o) => (o.result ? [o.result] : []));
    const met = done.filter((r) => verdicts(r).ok).length;
    const p99 = done.map((r) => r.p99).sort((a, b) => a - b);
    const median = p99.length ? p99[Math.floor((p99.length - 1) / 2)]! : Number.NaN;
    const byRun = done.map((r) => `${f2(r.p99)} (${f1(r.serverCpuPct)}%)`).join(', ');
    console.log(
      `  ${target.padEnd(11)} point ${point.id}: met ${met}/${group.length}; ` +
        `p99 median ${f2(median)} ms, ${f2(p99[0] ?? Number.NaN)}–${f2(p99.at(-1) ?? Number.NaN)} ms` +
        `\n    p99 (server CPU) run by run: ${byRun}`,
    );
  }
  // Each other server against Trama in the same rounds: the comparison the host's drift spares.
  for (const group of groups.values()) {
    const { target, point } = group[0]!;
    const trama = groups.get(`trama/${point.id}`);
    if (target === 'trama' || !trama) continue;
    const pairs = group.flatMap((o) => {
      const theirs = o.result?.p99;
      const ours = trama.find((t) => t.run === o.run)?.result?.p99;
      return theirs === undefined || ours === undefined ? [] : [[ours, theirs] as const];
    });
    if (!pairs.length) continue;
    const lower = pairs.filter(([ours, theirs]) => ours < theirs).length;
    console.log(
      `  point ${point.id}, trama vs ${target} round by round (p99 ms): ` +
        `${pairs.map(([ours, theirs]) => `${f2(ours)} vs ${f2(theirs)}`).join(', ')}; ` +
        `trama lower in ${lower}/${pairs.length}`,
    );
  }
}

/** Board ids carry it, so runs never meet each other's boards. */
const runTag = Date.now().toString(36);

/** One run of one point against a fresh server of `target`. */
async function runOnce(
  target: TargetName,
  point: PointSpec,
  run: number,
  opts: Options,
): Promise<Outcome> {
  console.log(
    `- point ${point.id}: ${point.label}${opts.repeat > 1 ? ` (run ${run}/${opts.repeat})` : ''}`,
  );
  let server: RunningServer | null = null;
  await waitQuiet(opts.quietWaitS);
  try {
    server = await startServer(target, opts.pin);
    console.log(`  server pid ${server.pid}, port ${server.port}`);
    const result = await runPoint(point, opts.timing, server, `${runTag}r${run}`, console.log);
    if (server.exited()) throw new Error(`server exited during the run:\n${server.outputTail()}`);
    console.log(
      `  sent ${int(result.sent)} (${f1(result.achievedRate)}/s), received ${int(result.received)}/${int(result.expected)}, ` +
        `p50 ${f2(result.p50)} p99 ${f2(result.p99)} max ${f1(result.max)} ms, ` +
        `server CPU ${f1(result.serverCpuPct)}%, RSS ${f1(result.serverRssMiB)} MiB` +
        (result.drops ? `, DROPS ${result.drops} (drain ${int(result.drainMs)} ms)` : ''),
    );
    return { target, point, run, result, error: null };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    console.log(`  error: ${msg}`);
    return { target, point, run, result: null, error: msg.split('\n')[0] ?? msg };
  } finally {
    await server?.stop();
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const cpus = os.cpus();
  console.log('Trama sync benchmark (issue #2)');
  console.log(
    `machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, node ${process.version}`,
  );
  console.log(
    'note: the load generator and the server run on the same machine and share its cores; ' +
      'latency includes the generator’s own scheduling delay.',
  );
  console.log(
    `timing: warm-up ${opts.timing.warmupS} s, measure ${opts.timing.measureS} s, drain ≤ ${opts.timing.drainS} s per point` +
      (opts.repeat > 1 ? `; ${opts.repeat} runs of each` : ''),
  );

  if (opts.pin) {
    pinSelf(GENERATOR_CORE);
    console.log(`pinned: server on core ${SERVER_CORE}, load generator on core ${GENERATOR_CORE}`);
  }
  const idleBusy = await machineBusyPct(1000);
  console.log(
    `machine load before start: ${f1(idleBusy)}% of one core busy` +
      (idleBusy > QUIET_PCT ? ' — WARNING: other work is running; figures will be noisy' : ''),
  );

  const outcomes: Outcome[] = [];
  const runnable: TargetName[] = [];
  for (const target of opts.targets) {
    const why = TARGETS[target].unavailable();
    if (why) {
      console.log(`\n== ${target}: skipped: ${why}`);
      for (const point of opts.points) {
        for (let run = 1; run <= opts.repeat; run++) {
          outcomes.push({ target, point, run, result: null, error: why });
        }
      }
      continue;
    }
    const warn = TARGETS[target].warning();
    if (warn) console.log(`\n== ${target}: warning: ${warn}`);
    runnable.push(target);
  }
  // Round by round: with --repeat, each round runs every target once, so a slow spell of the
  // host falls on all of them alike and the rounds compare servers measured in the same hour.
  for (let run = 1; run <= opts.repeat; run++) {
    for (const target of runnable) {
      const round = opts.repeat > 1 ? ` (round ${run}/${opts.repeat})` : '';
      console.log(`\n== ${target}: ${TARGETS[target].description}${round}`);
      for (const point of opts.points) outcomes.push(await runOnce(target, point, run, opts));
    }
  }
  // Reported target by target, point by point, as the options list them.
  const order = (o: Outcome) =>
    (opts.targets.indexOf(o.target) * opts.points.length + opts.points.indexOf(o.point)) *
      (opts.repeat + 1) +
    o.run;
  outcomes.sort((a, b) => order(a) - order(b));

  report(outcomes, opts.repeat);
  if (opts.json) {
    writeFileSync(
      opts.json,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          cores: cpus.length,
          pinned: opts.pin,
          node: process.version,
          timing: opts.timing,
          outcomes,
        },
        null,
        2,
      ),
    );
    console.log(`\nresults written to ${opts.json}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
