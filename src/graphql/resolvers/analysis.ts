import { GraphQLError } from 'graphql';
import {
  type AnalysisContext, AnalysisInputError, NotFoundError, analyzeJobAdLinks, analyzeOccupationMatches,
  analyzeSkillsDistribution, analyzeSkillsGap, analyzeSupplyDemand, skillLinkerOf,
} from '../../analysis/index.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import type { Resolvers } from '../generated/types.js';
import { pageSize } from '../pagination.js';

/**
 * Resolvers of schema/analysis.graphql: thin. The analyses live in src/analysis; they read the relations index of
 * the asked version, qualifications from the repository and text links from the linking service when present.
 */

const sourcesOf = (context: GraphQLContext): AnalysisContext => ({
  store: context.store,
  qualifications: context.services.qualifications,
  linker: context.services.linking && skillLinkerOf(context.services.linking),
});

/** Domain errors become coded GraphQL errors. */
async function answer<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AnalysisInputError) throw badUserInput(error.message);
    if (error instanceof NotFoundError) throw new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    throw error;
  }
}

function page<T>(rows: T[], args: { first?: number | null; offset?: number | null }): T[] {
  const offset = args.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw badUserInput(`offset must be a whole number ≥ 0 (got ${offset})`);
  return rows.slice(offset, offset + pageSize(args.first, 100));
}

/** Results whose rows are paged: all their rows are computed, a page is sent. */
const pagedRows = {
  rows: <T>(parent: { rows: T[] }, args: { first?: number | null; offset?: number | null }) => page(parent.rows, args),
  rowCount: (parent: { rows: unknown[] }) => parent.rows.length,
};

export const analysisResolvers: Resolvers = {
  Query: {
    skillsGap: (_parent, args, context) => answer(() => analyzeSkillsGap(sourcesOf(context), args)),
    occupationMatches: (_parent, args, context) => answer(() => analyzeOccupationMatches(sourcesOf(context), args)),
    supplyDemand: (_parent, args, context) => answer(() => analyzeSupplyDemand(sourcesOf(context), args)),
    linkJobAds: (_parent, args, context) => answer(() => analyzeJobAdLinks(sourcesOf(context), args)),
    skillsDistribution: (_parent, args, context) => answer(() => analyzeSkillsDistribution(sourcesOf(context), args)),
  },
  AnalysisInput: {
    qualification: async (parent, _args, context) =>
      parent.qualification ? ((await context.services.qualifications?.get(parent.qualification.id)) ?? null) : null,
  },
  SupplyDemand: pagedRows,
  RegionSupplyDemand: pagedRows,
  SkillsDistribution: pagedRows,
};
