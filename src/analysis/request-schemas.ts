import { z } from 'zod';
import { AnalysisInputError } from './input-checks.js';

/**
 * The analyses' arguments as JSON, checked for shape before the analyses check their values: what the GraphQL
 * schema guarantees for the API, these guarantee for the HTTP exports and the CLI's input files.
 */
const uriList = z.array(z.string());
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);
const scope = { version: optional(z.string()), language: optional(z.string()) };

export const skillSourceSchema = z.object({
  qualification: optional(z.string()),
  skills: optional(uriList),
  text: optional(z.string()),
});

const weighted = { weight: optional(z.number()), region: optional(z.string()) };
export const supplyEntrySchema = z.object({
  qualification: optional(z.string()), skills: optional(uriList), text: optional(z.string()), ...weighted,
});
export const demandEntrySchema = z.object({ occupation: optional(z.string()), skills: optional(uriList), text: optional(z.string()), ...weighted });

export const ANALYSIS_ARGUMENTS = {
  'skills-gap': z.object({ occupation: z.string(), from: skillSourceSchema, ...scope }),
  'occupation-matches': z.object({
    from: skillSourceSchema,
    first: optional(z.number()),
    filter: optional(z.object({ iscoGroup: optional(z.string()) })),
    ...scope,
  }),
  'supply-demand': z.object({
    supply: z.array(supplyEntrySchema),
    demand: z.array(demandEntrySchema),
    groupBy: optional(z.enum(['SKILL', 'SKILL_GROUP', 'TOP_GROUP'])),
    byRegion: optional(z.boolean()),
    ...scope,
  }),
  'skills-distribution': z.object({ profiles: z.array(z.object({ id: z.string(), skills: uriList })), ...scope }),
} as const;

/** linkJobAds as JSON; apart from ANALYSIS_ARGUMENTS, whose every key is an export route. */
export const JOB_AD_LINK_ARGUMENTS = z.object({ ads: z.array(z.string()), first: optional(z.number()), ...scope });

/** Parses with a schema; a mismatch is a BAD_USER_INPUT naming the fields. */
export function parseArguments<T extends z.ZodType>(schema: T, value: unknown, where = 'arguments'): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
  throw new AnalysisInputError(`invalid ${where}: ${problems.slice(0, 5).join('; ')}`);
}
