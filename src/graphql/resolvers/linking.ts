import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { type Linker, LinkingInputError, type Suggestion } from '../../linking/index.js';
import type { LinkableType } from '../../store/queries/linking.js';
import { type Qualification, QualificationError, type QualificationRepository, WriteRefusedError } from '../../qualifications/index.js';
import { requireWrite } from '../auth.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import type { ConceptType, Resolvers } from '../generated/types.js';
import type { ConceptRef } from '../models.js';

declare module '../context.js' {
  interface GraphQLServices {
    linking: Linker;
    qualifications: QualificationRepository;
  }
}

/**
 * Resolvers of schema/linking.graphql: thin. Ranking lives in src/linking (LinkingService), storage in
 * src/qualifications (QualificationRepository); both are reached through context.services.
 */

const unavailable = (what: string) =>
  new GraphQLError(`${what} is not available in this deployment`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
const linking = (context: GraphQLContext) => context.services.linking ?? throwError(unavailable('learning-outcome linking'));
const qualifications = (context: GraphQLContext) => context.services.qualifications ?? throwError(unavailable('the qualifications store'));
const throwError = (error: Error): never => {
  throw error;
};

/** Mutations: the request must carry the write token; the repository then refuses if none is configured. */
const writer = (context: GraphQLContext) => {
  requireWrite(context);
  return qualifications(context);
};

/** Domain errors become coded GraphQL errors: bad input, or a refused write. */
async function answer<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WriteRefusedError) throw new GraphQLError(error.message, { extensions: { code: 'FORBIDDEN' } });
    if (error instanceof LinkingInputError || error instanceof QualificationError) throw badUserInput(error.message);
    throw error;
  }
}

const LINKABLE: Partial<Record<ConceptType, LinkableType>> = { SKILL: 'Skill', OCCUPATION: 'Occupation' };
const KIND = { Skill: 'SKILL', Occupation: 'OCCUPATION' } as const;

const conceptOf = (s: Suggestion, context: GraphQLContext): ConceptRef => ({ uri: s.uri, version: linking(context).version, kind: KIND[s.type] });
const skillRef = (context: GraphQLContext) => (uri: string): ConceptRef => ({ uri, version: context.version(), kind: 'SKILL' });
const limits = (args: { first?: number | null; minScore?: number | null; language?: string | null }) => ({
  first: args.first ?? 10,
  minScore: args.minScore ?? 0,
  language: args.language ?? undefined,
});

export const linkingResolvers: Resolvers = {
  Query: {
    linkLearningOutcomes: (_parent, args, context) => answer(() => linking(context).linkLearningOutcomes(args.text, limits(args))),
    splitLearningOutcomes: (_parent, args, context) => answer(() => linking(context).splitOutcomes(args.text, args.language ?? 'en')),
    linkOutcomes: (_parent, args, context) => answer(() => linking(context).linkOutcomes(args.outcomes, limits(args))),
    semanticSearch: (_parent, args, context) =>
      answer(() => {
        const types = (args.types ?? ['SKILL', 'OCCUPATION']).map((type) => {
          const linkable = LINKABLE[type];
          if (!linkable) throw new LinkingInputError(`semanticSearch ranks SKILL and OCCUPATION concepts, not ${type}`);
          return linkable;
        });
        return linking(context).semanticSearch(args.text, types, limits(args));
      }),
    similarSkills: async (_parent, args, context) => (await answer(() => linking(context).similarSkills(args.uri, limits(args)))) ?? null,
    suggestOccupations: (_parent, args, context) => answer(() => linking(context).suggestOccupations(args.text, limits(args))),
    qualification: async (_parent, args, context) => (await qualifications(context).get(args.id)) ?? null,
    qualifications: (_parent, _args, context) => qualifications(context).list(),
    linkingBackend: (_parent, _args, context) => linking(context).embedder,
    writeAccess: (_parent, _args, context) => ({ enabled: context.writesEnabled, granted: context.canWrite }),
  },
  Mutation: {
    createQualification: (_parent, { input }, context) =>
      answer(() => writer(context).create(withoutNulls(input), context.canWrite)),
    importCredential: (_parent, args, context) =>
      answer(() => {
        const repository = writer(context);
        const source = args.source ?? undefined;
        return args.format === 'CSV'
          ? repository.importCsv(args.content, context.canWrite, source)
          : repository.importCredential(args.content, context.canWrite, source);
      }),
    reviewLink: (_parent, args, context) =>
      answer(() => writer(context).reviewLink(
        { qualification: args.qualification, outcome: args.outcome, skill: args.skill, status: args.status },
        context.canWrite,
      )),
    // The input goes as sent: null in an update means "remove this field", not "absent".
    updateQualification: (_parent, args, context) => answer(() => writer(context).update(args.id, args.input, context.canWrite)),
    deleteQualification: (_parent, args, context) => answer(() => writer(context).delete(args.id, context.canWrite)),
  },
  LinkedOutcome: {
    suggestions: (parent) => parent.suggestions,
  },
  SkillSuggestion: {
    skill: (parent, _args, context) => conceptOf(parent, context),
  },
  SemanticMatch: {
    concept: (parent, _args, context) => conceptOf(parent, context),
  },
  LinkingBackend: {
    model: (parent) => parent.embedder?.model ?? null,
    notice: (parent) => parent.notice ?? null,
    ready: (_parent, _args, context) => linking(context).progress().every((p) => p.ready),
    progress: (_parent, _args, context) => linking(context).progress().map(({ type, ready, vectors }) => ({
      type,
      ready,
      vectorsDone: vectors?.done ?? null,
      vectorsTotal: vectors?.total ?? null,
      textsPerSecond: vectors?.textsPerSecond ?? null,
      secondsLeft: vectors?.secondsLeft ?? null,
    })),
  },
  Qualification: {
    skills: (parent: Qualification, _args, context) => parent.skills.map(skillRef(context)),
  },
  QualificationOutcome: {
    suggestions: (parent, args, context) => answer(() => outcomeSuggestions(context, limits(args)).load(parent.text)),
    acceptedSkills: (parent, _args, context) => parent.acceptedSkills.map(skillRef(context)),
    rejectedSkills: (parent, _args, context) => parent.rejectedSkills.map(skillRef(context)),
    reviewed: (parent) => parent.acceptedSkills.length + parent.rejectedSkills.length > 0,
  },
};

/**
 * One loader per request, page size and language: a qualification's outcomes asked for together are ranked in one batched
 * pass (one embedding call, one vector scan) instead of one pass each.
 */
const suggestionLoaders = new WeakMap<GraphQLContext, Map<string, DataLoader<string, Suggestion[]>>>();
function outcomeSuggestions(context: GraphQLContext, options: ReturnType<typeof limits>): DataLoader<string, Suggestion[]> {
  let loaders = suggestionLoaders.get(context);
  if (!loaders) suggestionLoaders.set(context, (loaders = new Map()));
  const key = `${options.first} ${options.minScore} ${options.language ?? ''}`;
  let loader = loaders.get(key);
  if (!loader) {
    loader = new DataLoader((texts: readonly string[]) => linking(context).linkTexts([...texts], options));
    loaders.set(key, loader);
  }
  return loader;
}

/** GraphQL sends absent optional fields as null; the domain wants them absent. */
function withoutNulls<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null)) as { [K in keyof T]: Exclude<T[K], null> };
}
