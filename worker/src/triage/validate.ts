// Ruleset validation lives in protocol/ (pure, so the admin validates as you type); the worker uses
// the very same code so the API refuses exactly what the editor flags.

export { describeError, validateRuleset, type Validation, type ValidateOptions } from "../../../protocol/src/ruleset-validate.ts";
export { regexHazard } from "../../../protocol/src/regex-safety.ts";
export type { RulesetError } from "../../../protocol/src/ruleset.ts";
