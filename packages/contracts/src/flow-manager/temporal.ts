import { z } from 'zod';

/** Kazoo spells Wednesday both ways and accepts both. */
export const temporalWeekdays = ['monday', 'tuesday', 'wednesday', 'wensday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const temporalOrdinals = ['every', 'first', 'second', 'third', 'fourth', 'fifth', 'last'] as const;
export const temporalCycles = ['date', 'daily', 'weekly', 'monthly', 'yearly'] as const;

/** Gregorian seconds (Kazoo's dates): Unix seconds plus this. */
export const GREGORIAN_UNIX_OFFSET = 62_167_219_200;

const secondsOfDay = z.number().int().min(0).max(86_400);

/**
 * Kazoo's `temporal_rules` document (`temporal_rules.json`, crossbar doc
 * `temporal_rules.md`): a recurrence (`cycle` every `interval` from `start_date`, on
 * `days` of the month, on `wdays`, or on the `ordinal` weekday of the month, in `month`
 * for yearly ones) and a time window of seconds from midnight. `enabled` forces the
 * rule on (true) or off (false); left out, the recurrence decides.
 */
export const temporalRuleInputSchema = z.looseObject({
  name: z.string().min(1).max(128),
  cycle: z.enum(temporalCycles),
  interval: z.number().int().min(1).max(1000).optional(),
  days: z.array(z.number().int().min(1).max(31)).max(31).optional(),
  wdays: z.array(z.enum(temporalWeekdays)).max(8).optional(),
  ordinal: z.enum(temporalOrdinals).optional(),
  month: z.number().int().min(1).max(12).optional(),
  start_date: z.number().int().min(0).optional(),
  end_date: z.number().int().min(0).optional(),
  time_window_start: secondsOfDay.optional(),
  time_window_stop: secondsOfDay.optional(),
  enabled: z.boolean().optional(),
  flags: z.array(z.string().max(128)).max(32).optional(),
});

export const temporalRuleSchema = temporalRuleInputSchema.extend({ id: z.string() });

/** Kazoo's `temporal_rules_sets` document: a named group of rules (holidays, say) routed as one. */
export const temporalRuleSetInputSchema = z.looseObject({
  name: z.string().min(1).max(128),
  temporal_rules: z.array(z.string().min(1).max(64)).max(100).optional(),
  flags: z.array(z.string().max(128)).max(32).optional(),
});

export const temporalRuleSetSchema = temporalRuleSetInputSchema.extend({ id: z.string() });

export type TemporalRuleInput = z.infer<typeof temporalRuleInputSchema>;
export type TemporalRule = z.infer<typeof temporalRuleSchema>;
export type TemporalRuleSetInput = z.infer<typeof temporalRuleSetInputSchema>;
export type TemporalRuleSet = z.infer<typeof temporalRuleSetSchema>;
