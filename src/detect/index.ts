/** The detect stage: built-in and user rules, suppressions and activity statistics over one stream of events. */
import { readFile } from 'node:fs/promises';
import type { Config } from '../config/types.js';
import { ConfigError } from '../errors.js';
import type {
  ActivityStats,
  Clock,
  Finding,
  FlaggedLater,
  GroupedEvents,
  Logger,
  TrailEvent,
} from '../types.js';
import { Engine, needsMissingParam, type EngineRule } from './engine.js';
import { loadYamlFile, type YamlSource } from './load.js';
import { decorateFindings, loadSigma } from './sigma/index.js';
import { compile, globMatcher, type Params } from './match.js';
import { BUILTIN_RULES } from './rules/index.js';
import {
  ruleSchema,
  rulesFileSchema,
  suppressionsFileSchema,
  type AllowlistEntry,
  type Rule,
  type Suppression,
} from './schema.js';
import { StatsCollector } from './stats.js';
import { compileSuppressions, findAiSuppression } from './suppress.js';

export type { Rule, RuleInput, Condition, FieldCondition, Suppression } from './schema.js';
export { StatsCollector, TopK } from './stats.js';

export interface DetectDeps {
  logger: Logger;
  clock: Clock;
}

export interface SuppressedFinding {
  findingId: string;
  ruleId?: string;
  title: string;
  reason: string;
  /** Where the suppression is written: `file:line`. */
  suppression: string;
}

export interface DetectResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  stats: ActivityStats;
  warnings: string[];
  rulesLoaded: number;
}

export interface Detector {
  /** Feed one event; returns the ids of rules that the event matched now (suppressed matches excluded). */
  observe(e: TrailEvent): readonly string[];
  /** Findings, suppressed findings, statistics and warnings of everything observed. */
  finish(): DetectResult;
  /**
   * Events that rules flagged after they were observed (a threshold burst's earlier events; correlate rules' calls,
   * at finish), since the last call: hand them to the digest so the model sees them as flagged too.
   */
  takeFlaggedLater(): readonly FlaggedLater[];
  /**
   * Applies the suppressions to model findings, so a principal or account suppressed for the rules is not
   * raised again by the model. Only suppressions without `match:` whose `rule` is absent or matches `ai` apply.
   */
  suppressAi(findings: readonly Finding[]): { kept: Finding[]; suppressed: SuppressedFinding[] };
  /** The active rules, their parameters and the allow-list: what `source: athena` compiles to SQL. */
  readonly pushdown: { rules: readonly EngineRule[]; params: Params; allowlist: readonly AllowlistEntry[] };
  /** `source: athena`: a first-seen rule's key with warm-up history, found in SQL (Engine.learnFirstSeen). */
  learnFirstSeen(ruleId: string, key: string, values: readonly string[]): void;
  /** `source: athena`: a candidate event; the rules run on it, the statistics come from observeGrouped instead. */
  observeCandidate(e: TrailEvent): readonly string[];
  /** `source: athena`: a GROUP BY row: the statistics, and what rules read of every event (accounts, addresses). */
  observeGrouped(g: GroupedEvents): void;
}

/** The built-in pack, validated (defaults applied). Throws if a built-in rule is malformed, which a test guards. */
export function builtinRules(): Rule[] {
  return BUILTIN_RULES.map((r) => ruleSchema.parse(r));
}

/** Who resource policies may grant without a finding: the accounts and organisation the run is told about. */
function trustedScope(config: Config): { accounts: string[]; orgs: string[] } {
  const listed = config.detection.trustedAccountIds;
  return {
    accounts: [
      ...listed.filter((x) => !x.startsWith('o-')),
      ...config.source.accounts,
      ...config.aws.allowedAccountIds,
    ],
    orgs: [
      ...listed.filter((x) => x.startsWith('o-')),
      ...(config.source.organizationId ? [config.source.organizationId] : []),
    ],
  };
}

function ruleParams(config: Config): Params {
  return { allowedRegions: config.detection.allowedRegions };
}

/** Load rules, allow-lists and suppressions named by the config and return a streaming detector. */
export async function createDetector(config: Config, deps: DetectDeps): Promise<Detector> {
  const params = ruleParams(config);
  const builtin = config.detection.builtinRules === false ? [] : builtinRules();
  const builtinIds = new Set(builtin.map((r) => r.id));
  const rules: EngineRule[] = [...builtin];
  const allowlist: AllowlistEntry[] = [];
  const problems: string[] = [];

  // rules-file: files, directories and globs; Sigma files (recognised by their shape) go to the Sigma loader.
  const sigma = await loadSigma(config.detection.rulesFiles, (f) => readFile(f, 'utf8'));
  problems.push(...sigma.problems);
  for (const r of sigma.rules) {
    if (builtinIds.has(r.id)) problems.push(`rules-file: Sigma rule id "${r.id}" is a built-in rule id`);
    rules.push(r);
  }
  for (const file of sigma.ownFormat) {
    const { src, value } = await loadYamlFile(file, rulesFileSchema);
    value.rules.forEach((r, i) => {
      if (builtinIds.has(r.id)) {
        problems.push(
          `${src.where(['rules', i, 'id'])}: rules[${i}].id: "${r.id}" is a built-in rule id; choose another id (turn the built-in off with disable-rules)`,
        );
      } else if (rules.some((x) => x.id === r.id)) {
        problems.push(`${src.where(['rules', i, 'id'])}: rules[${i}].id: "${r.id}" is defined twice`);
      }
      problems.push(...compileProblems(src, ['rules', i], r, params));
      rules.push(r);
    });
    allowlist.push(...value.allowlist);
  }

  const suppressionList: { s: Suppression; label: string }[] = [];
  for (const file of config.detection.suppressionsFiles) {
    const { src, value } = await loadYamlFile(file, suppressionsFileSchema);
    value.forEach((s, i) => {
      if (s.match) {
        try {
          compile(s.match, params);
        } catch (err) {
          problems.push(`${src.where([i, 'match'])}: [${i}].match: ${(err as Error).message}`);
        }
      }
      suppressionList.push({ s, label: src.where([i]).replace(/:\d+$/, '') });
    });
  }

  const disabled = new Set<string>();
  for (const d of config.detection.disableRules) {
    const m = globMatcher(d, true);
    const hit = rules.filter((r) => m(r.id));
    if (hit.length === 0)
      problems.push(
        `disable-rules: "${d}" matches no rule id (rule ids look like TS-LOG-001; see docs/rules.md for the list)`,
      );
    for (const r of hit) disabled.add(r.id);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const active = rules.filter((r) => !disabled.has(r.id) && !needsMissingParam(r, params));
  const now = deps.clock.now();
  const suppressions = compileSuppressions(suppressionList, now, params);
  const warnings: string[] = [...sigma.warnings];
  for (const s of suppressions) {
    if (s.expired) {
      warnings.push(
        `Suppression at ${s.label} ("${s.reason}") expired on ${s.expires?.toISOString().slice(0, 10)}; it no longer hides findings. Renew or remove it.`,
      );
    }
  }
  for (const w of warnings) deps.logger.warning(w);

  const engine = new Engine(active, {
    params,
    allowlist,
    suppressions,
    window: { startMs: config.window.start.getTime(), endMs: config.window.end.getTime() },
    trusted: trustedScope(config),
  });
  const stats = new StatsCollector();
  // The result, once taken: finish() forgets the pass's working state, so it answers later calls from here.
  let finished: DetectResult | undefined;
  deps.logger.debug(
    `detect: ${active.length} rules active (${builtin.length} built-in, ${rules.length - builtin.length} from rules files of which ${sigma.rules.length} Sigma, ${disabled.size} disabled), ${suppressions.length} suppressions`,
  );

  return {
    observe(e) {
      stats.observe(e);
      return engine.observe(e);
    },
    pushdown: { rules: active, params, allowlist },
    learnFirstSeen(ruleId, key, values) {
      engine.learnFirstSeen(ruleId, key, values);
    },
    observeCandidate(e) {
      return engine.observe(e);
    },
    observeGrouped(g) {
      stats.observeGrouped(g);
      if (g.part === 'calls' || g.part === 'sourceIps') engine.observeContext(g.event);
    },
    takeFlaggedLater() {
      return engine.takeFlaggedLater();
    },
    finish() {
      if (finished) return finished;
      const { findings, suppressed } = engine.result();
      decorateFindings(findings, sigma.meta);
      const out: SuppressedFinding[] = suppressed.map(({ agg, finding }) => {
        const sup = Engine.suppressionOf(agg);
        const s: SuppressedFinding = {
          findingId: finding.id,
          title: finding.title,
          reason: sup?.reason ?? '',
          suppression: sup?.label ?? '',
        };
        if (finding.ruleId !== undefined) s.ruleId = finding.ruleId;
        return s;
      });
      const unused = suppressions
        .filter((s) => !s.expired && s.hits === 0)
        .map((s) => `Suppression at ${s.label} ("${s.reason}") matched no finding in this window.`);
      finished = {
        findings,
        suppressed: out,
        stats: stats.result(),
        warnings: [...warnings, ...engine.warnings, ...unused],
        rulesLoaded: active.length,
      };
      engine.release();
      return finished;
    },
    suppressAi(findings) {
      const kept: Finding[] = [];
      const hidden: SuppressedFinding[] = [];
      for (const f of findings) {
        const sup = findAiSuppression(suppressions, f);
        if (!sup) {
          kept.push(f);
          continue;
        }
        sup.hits++;
        hidden.push({ findingId: f.id, title: f.title, reason: sup.reason, suppression: sup.label });
      }
      return { kept, suppressed: hidden };
    },
  };
}

function compileProblems(src: YamlSource, at: (string | number)[], r: Rule, params: Params): string[] {
  const out: string[] = [];
  for (const key of ['match', 'exclude'] as const) {
    const cond = r[key];
    if (!cond) continue;
    try {
      compile(cond, { ...params, allowedRegions: params.allowedRegions ?? [] });
    } catch (err) {
      out.push(`${src.where([...at, key])}: ${at[0]}[${at[1]}].${key}: ${(err as Error).message}`);
    }
  }
  return out;
}
