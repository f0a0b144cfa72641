import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql, type SQL } from "drizzle-orm";
import pg from "pg";
import { migrateDatabase, openDatabase, type Db } from "@/db";
import { rows } from "@/db/rows";
import { getBalanceSummary } from "@/lib/members/balance-summary";
import type { Member } from "@/lib/members/join-program";
import { recordPurchase } from "@/lib/purchases/record-purchase";
import { redeemReward } from "@/lib/rewards/redeem-reward";
import { backtestDraft } from "@/lib/programs/backtest";
import { createDraftVersion } from "@/lib/programs/create-draft-version";
import { saveDraftEarningRule, updateDraftSettings } from "@/lib/programs/edit-draft";
import { createMember, createProgram, createReward, defaultSettings } from "@/lib/testing/factories";

// `npm run bench [-- --json]`: the hot paths of the points engine against their ceiling, in one
// run on one PostgreSQL and one pool. The ceiling ("limit") is the bare SQL of the same writes
// issued through the same driver and pool, so the ratio is what the domain layer costs.
// Absolute figures are context only: these machines are shared and noisy.

const asJson = process.argv.includes("--json");
const operations = Number(process.env.BENCH_OPERATIONS ?? 2_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const memberCount = 200;
const log = (message: string) => {
  if (!asJson) console.error(message);
};

type Run = { perSecond: number; p99Ms: number };

/** Runs `operation(i)` `operations` times with `concurrency` workers; throughput and p99 latency. */
async function measure(operation: (i: number) => Promise<unknown>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < operations; i = next++) {
        const t0 = performance.now();
        await operation(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1_000;
  latencies.sort((a, b) => a - b);
  return { perSecond: operations / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)]! };
}

function medianMs(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** The first row of a raw query. */
async function firstRow<T>(db: Db, query: SQL): Promise<T> {
  return (await rows<T>(db, query))[0]!;
}

function startPostgres(): { url: string; stop: () => void } {
  if (process.env.DATABASE_BENCH_URL) return { url: process.env.DATABASE_BENCH_URL, stop: () => {} };
  const up = spawnSync("bash", ["scripts/pg-up.sh"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (up.status !== 0) throw new Error(`Could not start PostgreSQL:\n${up.stderr}`);
  const value = (name: string) => new RegExp(`export ${name}=(\\S+)`).exec(up.stdout)?.[1];
  const url = value("DATABASE_TEST_URL")!;
  const dir = value("PG_TEST_DIR")!;
  return { url, stop: () => spawnSync("bash", ["scripts/pg-down.sh", dir], { stdio: "ignore" }) };
}

async function createBenchDatabase(serverUrl: string) {
  const name = `bench_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The same writes recordPurchase makes for a purchase, as bare SQL. */
function bareEarn(db: Db, fixture: { merchantId: string; programId: string; memberId: string; key: string }) {
  return db.transaction(async (tx) => {
    const keyRow = await firstRow<{ id: string }>(
      tx,
      sql`
      INSERT INTO idempotency_keys (merchant_id, key, scope, request_hash, response)
      VALUES (${fixture.merchantId}, ${fixture.key}, 'purchase.record', 'hash', '{}'::jsonb)
      ON CONFLICT DO NOTHING RETURNING id`,
    );
    const purchase = await firstRow<{ id: string }>(
      tx,
      sql`
      INSERT INTO purchases (merchant_id, program_id, member_id, amount_minor, currency, actor_type, occurred_at)
      VALUES (${fixture.merchantId}, ${fixture.programId}, ${fixture.memberId}, 1250, 'EUR', 'system', now()) RETURNING id`,
    );
    const member = await firstRow<{ points_balance: number }>(
      tx,
      sql`
      UPDATE members SET points_balance = points_balance + 12, lifetime_points = lifetime_points + 12,
        lifetime_spend_minor = lifetime_spend_minor + 1250, visit_count = visit_count + 1, last_activity_at = now()
      WHERE id = ${fixture.memberId} AND merchant_id = ${fixture.merchantId} RETURNING points_balance`,
    );
    const entry = await firstRow<{ id: number }>(
      tx,
      sql`
      INSERT INTO point_entries (merchant_id, member_id, kind, points, balance_after, purchase_id, actor_type)
      VALUES (${fixture.merchantId}, ${fixture.memberId}, 'earn', 12, ${member.points_balance}, ${purchase.id}, 'system')
      RETURNING id`,
    );
    await tx.execute(sql`
      INSERT INTO point_lots (entry_id, merchant_id, member_id, remaining) VALUES (${entry.id}, ${fixture.merchantId}, ${fixture.memberId}, 12)`);
    await tx.execute(sql`
      INSERT INTO member_qualifications (merchant_id, member_id, period_start, points, spend_minor, visits)
      VALUES (${fixture.merchantId}, ${fixture.memberId}, date_trunc('month', now())::date, 12, 1250, 1)
      ON CONFLICT (member_id, period_start) DO UPDATE SET points = member_qualifications.points + 12,
        spend_minor = member_qualifications.spend_minor + 1250, visits = member_qualifications.visits + 1`);
    await tx.execute(sql`UPDATE idempotency_keys SET response = '{"ok":true}'::jsonb WHERE id = ${keyRow.id}`);
  });
}

/** The same writes redeemReward makes for a redemption, as bare SQL. */
function bareRedeem(db: Db, fixture: { merchantId: string; memberId: string; rewardId: string; cost: number }) {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT id FROM members WHERE id = ${fixture.memberId} AND merchant_id = ${fixture.merchantId} FOR UPDATE`,
    );
    await tx.execute(
      sql`UPDATE rewards SET stock = stock - 1 WHERE id = ${fixture.rewardId} AND stock > 0 RETURNING id`,
    );
    const redemption = await firstRow<{ id: string }>(
      tx,
      sql`
      INSERT INTO redemptions (merchant_id, member_id, reward_id, points_spent)
      VALUES (${fixture.merchantId}, ${fixture.memberId}, ${fixture.rewardId}, ${fixture.cost}) RETURNING id`,
    );
    const member = await firstRow<{ points_balance: number }>(
      tx,
      sql`
      UPDATE members SET points_balance = points_balance - ${fixture.cost}, last_activity_at = now()
      WHERE id = ${fixture.memberId} AND points_balance >= ${fixture.cost} RETURNING points_balance`,
    );
    const entry = await firstRow<{ id: number }>(
      tx,
      sql`
      INSERT INTO point_entries (merchant_id, member_id, kind, points, balance_after, redemption_id, actor_type)
      VALUES (${fixture.merchantId}, ${fixture.memberId}, 'redeem', ${-fixture.cost}, ${member.points_balance}, ${redemption.id}, 'system')
      RETURNING id`,
    );
    await tx.execute(sql`
      UPDATE point_lots SET remaining = remaining - ${fixture.cost}
      WHERE entry_id = (SELECT entry_id FROM point_lots WHERE member_id = ${fixture.memberId} AND remaining >= ${fixture.cost} ORDER BY entry_id LIMIT 1)`);
    await tx.execute(sql`UPDATE redemptions SET entry_id = ${entry.id} WHERE id = ${redemption.id}`);
    await tx.execute(sql`
      INSERT INTO vouchers (merchant_id, member_id, redemption_id, code, expires_at)
      VALUES (${fixture.merchantId}, ${fixture.memberId}, ${redemption.id}, ${randomUUID()}, now() + interval '30 days')`);
  });
}

/** Gives a member a long history fast, straight in SQL: a fixture, not a code path under test. */
async function addHistory(db: Db, fixture: { merchantId: string; memberId: string; entries: number }) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      WITH entries AS (
        INSERT INTO point_entries (merchant_id, member_id, kind, points, balance_after, actor_type, created_at)
        SELECT ${fixture.merchantId}, ${fixture.memberId}, 'earn', 1, n, 'system', now() - (${fixture.entries} - n) * interval '1 minute'
        FROM generate_series(1, ${fixture.entries}) AS n RETURNING id, merchant_id, member_id)
      INSERT INTO point_lots (entry_id, merchant_id, member_id, remaining) SELECT id, merchant_id, member_id, 1 FROM entries`);
    await tx.execute(sql`
      UPDATE members SET points_balance = ${fixture.entries}, lifetime_points = ${fixture.entries} WHERE id = ${fixture.memberId}`);
  });
}

const backtestPurchases = Number(process.env.BENCH_BACKTEST_PURCHASES ?? 200_000);

/**
 * A program with a year of history (2,000 members, `backtestPurchases` sales, written straight
 * in SQL as a fixture) and a draft that doubles the rate and adds a campaign; returns the
 * seconds the back-test of that draft over 365 days takes.
 */
async function timeBacktest(db: Db): Promise<{ purchases: number; seconds: number }> {
  const { merchant, program } = await createProgram(db);
  const ref = { merchantId: merchant.id, programId: program.id };
  await db.execute(sql`
    INSERT INTO members (merchant_id, program_id, member_number, referral_code, points_balance, tier_key)
    SELECT ${merchant.id}, ${program.id}, 'BT' || n, 'BTREF' || n, n % 500, CASE WHEN n % 3 = 0 THEN 'silver' END
    FROM generate_series(1, 2000) AS n`);
  await db.execute(sql`
    INSERT INTO purchases (merchant_id, program_id, member_id, amount_minor, currency, lines, actor_type, occurred_at)
    SELECT ${merchant.id}, ${program.id}, m.id, 500 + (n * 37) % 20000, 'EUR',
      CASE WHEN n % 4 = 0 THEN '[{"amountMinor": 500, "category": "coffee"}]'::jsonb ELSE '[]'::jsonb END,
      'system', now() - ((n % 360) || ' days')::interval - ((n % 1440) || ' minutes')::interval
    FROM generate_series(1, ${backtestPurchases}) AS n
    JOIN LATERAL (SELECT id FROM members WHERE program_id = ${program.id} AND member_number = 'BT' || (1 + n % 2000)) AS m ON true`);
  await createDraftVersion(db, ref);
  await updateDraftSettings(db, { ...ref, settings: { ...defaultSettings, earnRate: { points: 2, perMinor: 100 } } });
  await saveDraftEarningRule(db, {
    ...ref,
    rule: {
      key: "coffee",
      name: "Coffee double",
      kind: "campaign",
      multiplier: 200,
      conditions: { categories: ["coffee"] },
    },
  });
  const started = performance.now();
  const report = await backtestDraft(db, { ...ref, days: 365, now: new Date() });
  return { purchases: report.purchases, seconds: (performance.now() - started) / 1_000 };
}

async function main() {
  const postgres = startPostgres();
  try {
    const database = await openDatabase({ url: await createBenchDatabase(postgres.url), poolSize: concurrency });
    await migrateDatabase(database);
    const { db } = database;
    const { merchant, program } = await createProgram(db);
    const members: Member[] = [];
    for (let i = 0; i < memberCount; i++) members.push(await createMember(db, program));
    const system = { type: "system" } as const;
    const memberAt = (i: number) => members[i % memberCount]!;
    log(`Benchmarking ${operations} operations, ${concurrency} at a time, on ${memberCount} members…`);

    const earnApp = await measure((i) =>
      recordPurchase(db, {
        merchantId: merchant.id,
        memberId: memberAt(i).id,
        amountMinor: 1250,
        actor: system,
        idempotencyKey: `app-${i}-${randomUUID()}`,
      }),
    );
    const earnLimit = await measure((i) =>
      bareEarn(db, {
        merchantId: merchant.id,
        programId: program.id,
        memberId: memberAt(i).id,
        key: `bare-${i}-${randomUUID()}`,
      }),
    );

    const reward = await createReward(db, program, { costPoints: 5, stock: 10 * operations });
    const rewardRun = (i: number) => ({ merchantId: merchant.id, memberId: memberAt(i).id, rewardId: reward.id });
    const redeemApp = await measure((i) => redeemReward(db, { ...rewardRun(i), actor: system }));
    const redeemLimit = await measure((i) => bareRedeem(db, { ...rewardRun(i), cost: reward.costPoints }));

    const short = await createMember(db, program);
    const long = await createMember(db, program);
    await addHistory(db, { merchantId: merchant.id, memberId: short.id, entries: 10 });
    await addHistory(db, { merchantId: merchant.id, memberId: long.id, entries: 10_000 });
    const readTimes = async (memberId: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 300; i++) {
        const t0 = performance.now();
        await getBalanceSummary(db, { merchantId: merchant.id, memberId });
        samples.push(performance.now() - t0);
      }
      return medianMs(samples);
    };
    await readTimes(short.id);
    const [read10, read10000] = [await readTimes(short.id), await readTimes(long.id)];
    log(`Back-testing a draft over ${backtestPurchases} purchases…`);
    const backtest = await timeBacktest(db);
    await database.close();

    const result = {
      earn: {
        app_per_s: round(earnApp.perSecond, 1),
        limit_per_s: round(earnLimit.perSecond, 1),
        ratio: round(earnApp.perSecond / earnLimit.perSecond),
        p99_ms: round(earnApp.p99Ms),
      },
      redeem: {
        app_per_s: round(redeemApp.perSecond, 1),
        limit_per_s: round(redeemLimit.perSecond, 1),
        ratio: round(redeemApp.perSecond / redeemLimit.perSecond),
        p99_ms: round(redeemApp.p99Ms),
      },
      balance_read: { entries_10_ms: round(read10, 3), entries_10000_ms: round(read10000, 3) },
      backtest: { purchases: backtest.purchases, seconds: round(backtest.seconds) },
    };
    if (asJson) {
      console.log(JSON.stringify(result));
      return;
    }
    console.log(`
path          app ops/s   limit ops/s   app/limit   app p99 ms
earn          ${String(result.earn.app_per_s).padStart(9)}   ${String(result.earn.limit_per_s).padStart(11)}   ${String(result.earn.ratio).padStart(9)}   ${String(result.earn.p99_ms).padStart(10)}
redeem        ${String(result.redeem.app_per_s).padStart(9)}   ${String(result.redeem.limit_per_s).padStart(11)}   ${String(result.redeem.ratio).padStart(9)}   ${String(result.redeem.p99_ms).padStart(10)}

balance + next-tier read, median: ${result.balance_read.entries_10_ms} ms with 10 entries, ${result.balance_read.entries_10000_ms} ms with 10,000 (ratio ${round(read10000 / read10)})
back-test of a draft: ${result.backtest.purchases} purchases in ${result.backtest.seconds} s
Targets: earn and redeem at least 0.5 of the limit; the read the same at 10 and 10,000 entries;
the back-test of 200,000 purchases within 10 s.`);
  } finally {
    postgres.stop();
  }
}

await main();
