import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/** The repository root: the rules and the tsconfig live there. */
export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

const configFile = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));
const tsConfigFile = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

/** One broken rule on one import edge, as the check reports it. */
export interface DependencyViolation {
  readonly from: string;
  readonly to: string;
  readonly rule: string;
  /** For a cycle: the modules it runs through after `from`, ending back at `from`. */
  readonly cycle?: readonly string[];
}

/**
 * Cruises `entries` (relative to `baseDir`) with the repository's rules. The same rules judge the real
 * tree and the fixture tree: only the base directory changes, so paths read `packages/<name>/...` in both.
 */
export async function cruiseDependencies(
  baseDir: string,
  entries: readonly string[],
): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(configFile);
  const result = await cruise(
    [...entries],
    { ...options, baseDir, tsConfig: { fileName: tsConfigFile } },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  if (typeof result.output === 'string')
    throw new Error('dependency-cruiser returned text, expected a result');
  return result.output;
}

/** The violations of a cruise, one per (from, to, rule), sorted so reports and assertions are stable. */
export function listViolations(result: ICruiseResult): DependencyViolation[] {
  const unique = new Map<string, DependencyViolation>();
  for (const violation of result.summary.violations) {
    const cycle = violation.cycle?.map((step) => step.name);
    const entry = {
      from: violation.from,
      to: violation.to,
      rule: violation.rule.name,
      ...(cycle && { cycle }),
    };
    unique.set(`${entry.from} ${entry.to} ${entry.rule}`, entry);
  }
  return [...unique.values()].sort((left, right) =>
    `${left.rule} ${left.from} ${left.to}`.localeCompare(`${right.rule} ${right.from} ${right.to}`),
  );
}

/** A readable report: one line per violation, with the rule's reason. */
export function formatViolations(violations: readonly DependencyViolation[], result: ICruiseResult): string {
  const reasons = new Map(
    (result.summary.ruleSetUsed?.forbidden ?? []).map((rule) => [rule.name ?? '', rule.comment ?? '']),
  );
  return violations
    .map(({ from, to, rule, cycle }) => {
      const path = cycle ? [from, ...cycle].join(' → ') : `${from} → ${to}`;
      return `  ${path}  [${rule}] ${reasons.get(rule) ?? ''}`.trimEnd();
    })
    .join('\n');
}
