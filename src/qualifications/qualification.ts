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
}

/** What a new qualification is made of; validated, so bad input is refused with the field named. */
export const qualificationInput = z.object({
  title: z.string().trim().min(1, 'title is empty').max(500),
  description: z.string().max(20_000).optional(),
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
  eqfLevel: z.number().int().min(1).max(8).optional(),
  credits: z.number().min(0).max(1_000).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language must be a language tag such as en or fr').optional(),
  awardingBody: z.string().trim().max(500).optional(),
  source: z.string().max(500).optional(),
});

export type QualificationInput = z.input<typeof qualificationInput>;

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
