import type { ReasonCode } from '@hookline/core';
import type { JsonValue, RuleInputs } from '../json-inputs.js';

/** The inputs of every rule that ran, keyed by rule name: what `decisions.rule_inputs` stores. */
export type RiskInputs = Readonly<Record<string, RuleInputs>>;

/** The gate's answer. `inputs` is plain JSON (decimals and instants as strings). */
export type RiskVerdict =
  | { readonly allowed: true; readonly inputs: RiskInputs }
  | {
      readonly allowed: false;
      readonly reason: ReasonCode;
      readonly message: string;
      readonly inputs: RiskInputs;
    };

/** Why one rule refused. */
export interface RuleRefusal {
  readonly reason: ReasonCode;
  readonly message: string;
}

/** What one rule saw, and its refusal if it refused. */
export interface RuleResult {
  readonly inputs: RuleInputs;
  readonly refusal?: RuleRefusal;
}

/** One named rule over a context; rules run in the order of their list and the first refusal wins. */
export interface NamedRule<Context> {
  readonly name: string;
  readonly check: (context: Context) => RuleResult;
}

/** A passing rule's result. */
export function pass(inputs: RuleInputs): RuleResult {
  return { inputs };
}

/** A refusing rule's result. */
export function refuse(reason: ReasonCode, message: string, inputs: RuleInputs): RuleResult {
  return { inputs, refusal: { reason, message } };
}

/**
 * Runs the rules in order and stops at the first refusal, so `inputs` holds exactly the rules that
 * ran. Never throws: a rule that throws (a NaN decimal, an invalid date) refuses with
 * INVALID_ARGUMENT, because a gate that cannot evaluate must fail closed.
 */
export function runRules<Context>(rules: readonly NamedRule<Context>[], context: Context): RiskVerdict {
  const inputs: Record<string, RuleInputs> = {};
  for (const rule of rules) {
    let result: RuleResult;
    try {
      result = rule.check(context);
    } catch (error) {
      const detail: JsonValue = error instanceof Error ? error.message : String(error);
      inputs[rule.name] = { error: detail };
      return { allowed: false, reason: 'INVALID_ARGUMENT', message: `${rule.name}: ${detail}`, inputs };
    }
    inputs[rule.name] = result.inputs;
    if (result.refusal) return { allowed: false, ...result.refusal, inputs };
  }
  return { allowed: true, inputs };
}
