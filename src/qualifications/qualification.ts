import { z } from 'zod';
import type { QualificationTriples, ReviewStatus } from '../store/queries/qualifications.js';

export type { ReviewStatus };

export interface LearningOutcome {
  id: string;
  text: string;
  /** ESCO skill URIs an expert accepted (or a credential declared) for this outcome. */
  acceptedSkills: string[];
  rejectedSkills: string[];
}

/** A stored qualification: the fields written to the graph, with its outcomes' review decisions. */
export interface Qualification extends Omit<QualificationTriples, 'learningOutcomes'> {
  learningOutcomes: LearningOutcome[];
  /** The qualification's skill set: every skill accepted for any of its outcomes. */
  skills: string[];
  /** When its fields last changed; absent until the first update. */
  modifiedAt?: string;
}

/**
 * ISCED-F 2013 fields of education: a broad field (00–10, or 99 for unknown), a narrow field (3 digits) or a
 * detailed one (4 digits), e.g. 0613 "software and applications development".
 */
const ISCED_F_CODE = /^(0\d|10|99)\d{0,2}$/;

/** The checks on every field a person sets, shared by creation and update so that both refuse the same values. */
const fields = {
  title: z.string().trim().min(1, 'title is empty').max(500),
  description: z.string().max(20_000),
  eqfLevel: z.number().int().min(1).max(8),
  iscedFCode: z.string().trim().regex(ISCED_F_CODE, 'iscedFCode must be an ISCED-F 2013 field code of 2 to 4 digits, such as 0613'),
  nqfLevel: z.string().trim().min(1, 'nqfLevel is empty').max(50),
  credits: z.number().min(0).max(1_000),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language must be a language tag such as en or fr'),
  awardingBody: z.string().trim().max(500),
};
const { title, ...clearable } = fields;
type Clearable = typeof clearable;

/** What a new qualification is made of; validated, so bad input is refused with the field named. */
export const qualificationInput = z.object(clearable).partial().extend({
  title,
  learningOutcomes: z
    .array(
      z.union([
        z.string().trim().min(1, 'a learning outcome is empty').max(2_000),
        z.object({
          text: z.string().trim().min(1, 'a learning outcome is empty').max(2_000),
          acceptedSkills: z.array(z.string().url()).max(100).default([]),
        }),
      ]),
    )
    .max(200, 'at most 200 learning outcomes'),
  source: z.string().max(500).optional(),
});

export type QualificationInput = z.input<typeof qualificationInput>;

/**
 * A change to a qualification's fields: each optional, null removes one (except the title, which it must keep).
 * Outcomes and the import source are not fields that change, so naming them is refused.
 */
export const qualificationUpdate = z
  .strictObject({
    title,
    ...(Object.fromEntries(Object.entries(clearable).map(([name, schema]) => [name, schema.nullable()])) as {
      [K in keyof Clearable]: z.ZodNullable<Clearable[K]>;
    }),
  })
  .partial()
  .refine((update) => Object.values(update).some((value) => value !== undefined), 'an update must change at least one field');

/** As GraphQL sends it: a null title is a mistake zod names, not a type error. */
export type QualificationUpdate = { [K in keyof z.input<typeof qualificationUpdate>]?: z.input<typeof qualificationUpdate>[K] | null };

export class QualificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QualificationError';
  }
}

/** Refused because no write token is configured, or the one given does not match. */
export class WriteRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteRefusedError';
  }
}
