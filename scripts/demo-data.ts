/**
 * The demo's CloudTrail window: real records (Stratus Red Team detonations and Panther's compromised-root
 * scenario, from __fixtures__/datasets with their provenance) plus background activity made from the real
 * AWS documentation examples. Records are re-timed into the last hours so a default `lookback: 24h` sees them,
 * and the Stratus logs' anonymised account ids and made-up region names are mapped onto the twin's account and
 * three real regions. Everything else in each record is as published.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type RawRecord = Record<string, unknown>;

const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-northeast-1'];

function readJsonl(path: string): RawRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RawRecord);
}

// A seeded generator so the demo tells the same story every time.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Replaces every occurrence of the old account id inside a record (ARNs, recipientAccountId, …). */
export function remapAccount(record: RawRecord, from: string): RawRecord {
  if (!from || from === ACCOUNT) return record;
  return JSON.parse(JSON.stringify(record).split(from).join(ACCOUNT)) as RawRecord;
}

/** Reads a dataset's events.jsonl from the fixtures. */
export function readDataset(name: string, fixturesDir = '__fixtures__/datasets'): RawRecord[] {
  return readJsonl(join(fixturesDir, name, 'events.jsonl'));
}

const byTime = (a: RawRecord, b: RawRecord): number => String(a.eventTime).localeCompare(String(b.eventTime));

/** Re-times records in place, in their own order, evenly between `from` and `to` (epoch ms). */
export function retime(group: RawRecord[], from: number, to: number): RawRecord[] {
  const sorted = [...group].sort(byTime);
  sorted.forEach((r, i) => {
    const t = from + ((to - from) * (i + 0.5)) / Math.max(1, sorted.length);
    r.eventTime = new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  });
  return sorted;
}

/** Gives every record a fresh event id (the Panther scenario reuses the placeholder id "1"). */
export function freshIds(group: RawRecord[]): RawRecord[] {
  return group.map((r) => ({ ...r, eventID: randomUUID() }));
}

/** The demo events, newest within `now`, spread over the 20 hours before it. */
export function buildDemoEvents(now: Date, fixturesDir = '__fixtures__/datasets'): RawRecord[] {
  const random = rng(20261123);
  const stratus = readDataset('stratus_red_team_detonations', fixturesDir);
  const panther = readDataset('panther_test_scenarios', fixturesDir);
  const docs = readDataset('awsdocs_cloudtrail_userguide_examples', fixturesDir);

  const regionMap = new Map<string, string>();
  const attack = stratus.map((r) => {
    const region = String(r.awsRegion ?? '');
    if (!regionMap.has(region))
      regionMap.set(region, REGIONS[regionMap.size % REGIONS.length] ?? 'us-east-1');
    const acct = String(r.recipientAccountId ?? '');
    const out = remapAccount(r, acct);
    out.awsRegion = regionMap.get(region);
    return out;
  });
  // Panther's scenario gives several records the placeholder id "1": fresh ids keep them distinct.
  const root = freshIds(panther.map((r) => remapAccount(r, String(r.recipientAccountId ?? ''))));

  // Background: 220 workload roles each making a few ordinary reads, shaped like real successful read-only
  // calls from the datasets (one shape per event name; secret and credential reads left out, they are not
  // ordinary).
  const background: RawRecord[] = [];
  const ordinary = /^(Get|List|Describe|Head)/;
  const sensitive = /Secret|Password|Parameter|Credential|Token|Key|Policy|Bucket(Acl|Policy)/;
  const byName = new Map<string, RawRecord>();
  for (const r of [...readDataset('panther_cloudtrail_tests', fixturesDir), ...stratus, ...docs]) {
    const name = String(r.eventName ?? '');
    if (
      r.readOnly === true &&
      !r.errorCode &&
      ordinary.test(name) &&
      !sensitive.test(name) &&
      !byName.has(name)
    ) {
      byName.set(name, r);
    }
  }
  const shapes = [...byName.values()];
  for (let i = 0; i < 220; i++) {
    const role = `app-${String(i).padStart(3, '0')}-runtime`;
    const calls = 2 + Math.floor(random() * 4);
    for (let c = 0; c < calls; c++) {
      const shape = shapes[Math.floor(random() * shapes.length)] ?? {};
      // A workload role lives in one region; hopping regions would (rightly) look unusual.
      const region = REGIONS[i % REGIONS.length] ?? 'us-east-1';
      background.push({
        ...shape,
        eventID: randomUUID(),
        awsRegion: region,
        recipientAccountId: ACCOUNT,
        sourceIPAddress: `10.0.${i % 256}.${(c * 17) % 256}`,
        userAgent: 'aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/app#1.0',
        userIdentity: {
          type: 'AssumedRole',
          principalId: `AROA${String(100000000 + i)}EXAMPLE:i-0${i.toString(16).padStart(16, '0')}`,
          arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/i-0${i.toString(16).padStart(16, '0')}`,
          accountId: ACCOUNT,
          accessKeyId: `ASIA${String(1000000000000000 + i)}`,
          sessionContext: {
            sessionIssuer: {
              type: 'Role',
              principalId: `AROA${String(100000000 + i)}EXAMPLE`,
              arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
              accountId: ACCOUNT,
              userName: role,
            },
            attributes: { creationDate: now.toISOString(), mfaAuthenticated: 'false' },
          },
        },
      });
    }
  }

  // Re-time: keep each group's own order, spread the whole window over 20 hours ending 10 minutes ago.
  const all = [...attack, ...root, ...background];
  const end = now.getTime() - 10 * 60_000;
  const span = 20 * 3_600_000;
  retime(background, end - span, end);
  retime(attack, end - span * 0.6, end - span * 0.1);
  retime(root, end - span * 0.3, end - span * 0.25);
  return all.sort(byTime);
}
