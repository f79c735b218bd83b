/** Sigma in: the rules-file entries that are Sigma, loaded as engine rules (see rules.ts for the design). */
import { ConfigError } from '../../errors.js';
import type { EngineRule } from '../engine.js';
import { expandRuleFiles } from './files.js';
import { buildSigmaRules, type SigmaMeta } from './rules.js';
import { looksLikeSigma, parseSigmaFile, type SigmaDoc } from './yaml.js';

export { decorateFindings, type SigmaMeta } from './rules.js';
export { expandRuleFiles } from './files.js';

export interface SigmaLoad {
  rules: EngineRule[];
  meta: Map<string, SigmaMeta>;
  warnings: string[];
  problems: string[];
  /** The files that are not Sigma: our own rules format, for the caller's loader. */
  ownFormat: string[];
}

/** Expand rules-file entries, load the Sigma files among them and hand back the rest. */
export async function loadSigma(
  entries: readonly string[],
  read: (file: string) => Promise<string>,
  cwd = process.cwd(),
): Promise<SigmaLoad> {
  const { files, unmatched } = await expandRuleFiles(entries, cwd);
  const problems = unmatched.map(
    (u) => `rules-file: "${u}" matches no .yml or .yaml file; give files, directories or globs of rule files`,
  );
  const docs: SigmaDoc[] = [];
  const ownFormat: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await read(file);
    } catch {
      // Our loader reads it again and reports the error in its usual words.
      ownFormat.push(file);
      continue;
    }
    if (!looksLikeSigma(text)) {
      ownFormat.push(file);
      continue;
    }
    try {
      docs.push(...parseSigmaFile(file, text));
    } catch (err) {
      if (err instanceof ConfigError) problems.push(...err.problems);
      else throw err;
    }
  }
  const built = buildSigmaRules(docs);
  return { ...built, problems: [...problems, ...built.problems], ownFormat };
}
