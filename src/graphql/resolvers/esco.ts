import { type CollectionName as CollectionKey, collectionIri, reuseLevelIri, skillTypeIri } from '../../ingest/vocabulary.js';
import { type ConceptKind, pickFirstText, pickTexts } from '../../store/concept-reader.js';
import {
  countCollectionMembers, countOccupations, countSkills, findIscoGroup, findRelatedOccupations, listCollectionMembers,
  listCollections, listConceptSchemes, listOccupations, listSkills,
} from '../../store/concept-pages.js';
import { type GraphQLResolveInfo, Kind } from 'graphql';
import type { ConceptProperty, TextProperty } from '../../store/queries/concepts.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import type {
  CollectionName, ConceptType, Resolvers, ReuseLevel, SkillType,
} from '../generated/types.js';
import type { ConceptRef, PageModel } from '../models.js';
import { MAX_PAGE_SIZE, checkUri, connectionFields, offsetAfter, pageSize } from '../pagination.js';

/**
 * Resolvers of schema/esco.graphql. Thin by design: reads go through the request's DataLoaders
 * (context.loaders) or the plain functions of src/store; parents are ConceptRefs.
 */

type LanguageArgs = { language?: string | null };
type ScopeArgs = { version?: string | null } & LanguageArgs;
/** What a top-level field chose and every concept below it carries: the version, and the language of its texts. */
type Scope = Pick<ConceptRef, 'version' | 'language'>;
const scopeOf = (args: ScopeArgs, context: GraphQLContext): Required<Scope> =>
  ({ version: context.version(args.version), language: context.language(args.language) });
const ref = (scope: Scope, kind?: ConceptKind) => (uri: string): ConceptRef => ({ uri, version: scope.version, language: scope.language, kind });

/** A text field's language: its own argument, else the one its concept was reached with, else the request's. */
const languageOf = (parent: Scope, args: LanguageArgs, context: GraphQLContext) =>
  args.language != null ? context.language(args.language) : (parent.language ?? context.language());

/** Applies `map` now to a value, or later to a promise: loaders answer known labels synchronously. */
const then = <T, R>(value: T | Promise<T>, map: (value: T) => R): R | Promise<R> => (value instanceof Promise ? value.then(map) : map(value));

const texts = (property: TextProperty) => (parent: ConceptRef, args: LanguageArgs, context: GraphQLContext) => {
  const language = languageOf(parent, args, context);
  return then(context.loaders.texts(parent.version, property, language, parent.uri), (found) => pickTexts(found, language));
};
const firstText = (property: TextProperty) => (parent: ConceptRef, args: LanguageArgs, context: GraphQLContext) => {
  const language = languageOf(parent, args, context);
  const found = context.loaders.texts(parent.version, property, language, parent.uri);
  return found instanceof Promise ? found.then((all) => pickFirstText(all, language)) : pickFirstText(found, language);
};
const allTexts = (property: TextProperty) => async (parent: ConceptRef, _args: unknown, context: GraphQLContext) =>
  context.loaders.texts(parent.version, property, undefined, parent.uri);

const values = (parent: ConceptRef, property: ConceptProperty, context: GraphQLContext) =>
  context.loaders.objects(parent.version, property, parent.language ?? context.language(), parent.uri);
const firstValue = (property: ConceptProperty) => async (parent: ConceptRef, _args: unknown, context: GraphQLContext) =>
  (await values(parent, property, context))[0] ?? null;
const related = (property: ConceptProperty, kind?: ConceptKind) => async (parent: ConceptRef, _args: unknown, context: GraphQLContext) =>
  (await values(parent, property, context)).sort().map(ref(parent, kind));
const relatedFrom = (property: ConceptProperty, kind: ConceptKind) =>
  async (parent: ConceptRef, args: { first?: number | null }, context: GraphQLContext) => {
    const first = pageSize(args.first, MAX_PAGE_SIZE);
    const uris = await context.loaders.subjects(parent.version, property, parent.uri, kind);
    return uris.slice(0, first).map(ref(parent, kind));
  };

const kindOf = async (parent: ConceptRef, context: GraphQLContext) =>
  parent.kind ?? (await context.loaders.kind(parent.version, parent.language ?? context.language(), parent.uri));

/** Follows the first broader concept up to the top; ESCO hierarchies are a few levels deep. */
async function ancestors(parent: ConceptRef, _args: unknown, context: GraphQLContext): Promise<ConceptRef[]> {
  const path: ConceptRef[] = [];
  const seen = new Set([parent.uri]);
  let current = parent;
  for (;;) {
    const next = (await values(current, 'broader', context)).sort()[0];
    if (!next || seen.has(next)) return path;
    seen.add(next);
    current = { uri: next, version: parent.version, language: parent.language };
    path.push(current);
  }
}

const collectionRefs = async (parent: ConceptRef, _args: unknown, context: GraphQLContext) => {
  const uris = await context.loaders.subjects(parent.version, 'member', parent.uri);
  return uris.map((uri) => ({ uri, version: parent.version, language: parent.language }));
};

/** Fields every concept type has. */
const conceptFields = {
  uri: (parent: ConceptRef) => parent.uri,
  version: (parent: ConceptRef) => parent.version,
  type: async (parent: ConceptRef, _args: unknown, context: GraphQLContext) => (await kindOf(parent, context)) as ConceptType,
  code: firstValue('notation'),
  status: firstValue('status'),
  modified: firstValue('modified'),
  preferredLabel: firstText('prefLabel'),
  altLabels: texts('altLabel'),
  hiddenLabels: texts('hiddenLabel'),
  description: firstText('description'),
  definition: firstText('definition'),
  scopeNote: firstText('scopeNote'),
  labels: (parent: ConceptRef) => parent,
  broader: related('broader'),
  narrower: async (parent: ConceptRef, args: { first?: number | null }, context: GraphQLContext) =>
    (await related('narrower')(parent, args, context)).slice(0, pageSize(args.first, MAX_PAGE_SIZE)),
  ancestors,
  inScheme: related('inScheme'),
};

const SKILL_TYPE_IRI: Record<SkillType, string> = { KNOWLEDGE: skillTypeIri('knowledge'), SKILL_COMPETENCE: skillTypeIri('skill') };
const REUSE_LEVEL_IRI: Record<ReuseLevel, string> = {
  TRANSVERSAL: reuseLevelIri('transversal'), CROSS_SECTOR: reuseLevelIri('cross-sector'),
  SECTOR_SPECIFIC: reuseLevelIri('sector-specific'), OCCUPATION_SPECIFIC: reuseLevelIri('occupation-specific'),
};
const enumOf = <T extends string>(iris: Record<T, string>) => (iri: string | null) =>
  (Object.entries(iris).find(([, value]) => value === iri)?.[0] ?? null) as T | null;

const COLLECTION_ENUM: Record<CollectionName, CollectionKey> = {
  DIGITAL: 'digital', GREEN: 'green', LANGUAGE: 'language', TRANSVERSAL: 'transversal',
  RESEARCH_OCCUPATIONS: 'researchOccupations', RESEARCH_SKILLS: 'researchSkills', DIGCOMP: 'digComp',
};
const collectionNameOf = (uri: string) =>
  enumOf(Object.fromEntries(Object.entries(COLLECTION_ENUM).map(([name, key]) => [name, collectionIri(key)])) as Record<CollectionName, string>)(uri);
const collectionUri = (name: CollectionName | null | undefined) => (name ? collectionIri(COLLECTION_ENUM[name]) : undefined);

function page<T>(items: T[], offset: number, hasNextPage: boolean, count: PageModel<T>['count']): PageModel<T> {
  return { items, offset, hasNextPage, count };
}

/** The relation fields a lookup of a known kind starts reading along with the kind: their property. */
const PREFETCHED: Partial<Record<string, ConceptProperty>> = {
  essentialSkills: 'essentialSkill', optionalSkills: 'optionalSkill', broader: 'broader', narrower: 'narrower', iscoGroup: 'iscoGroup',
};

/** The relations selected directly under a lookup of a known kind: read along with the kind (see ConceptLoaders.lookup). */
function selectedRelations(info: GraphQLResolveInfo | undefined): ConceptProperty[] {
  const relations = (info?.fieldNodes[0]?.selectionSet?.selections ?? [])
    .map((selection) => (selection.kind === Kind.FIELD ? PREFETCHED[selection.name.value] : undefined));
  return [...new Set(relations.filter((property): property is ConceptProperty => property !== undefined))];
}

/** Finds a concept of one kind (any kind when none): null when the version has no such concept. */
const lookup = (kind?: ConceptKind) => async (_: unknown, args: { uri: string } & ScopeArgs, context: GraphQLContext, info?: GraphQLResolveInfo) => {
  const scope = scopeOf(args, context);
  const found = await context.loaders.lookup(scope.version, scope.language, checkUri(args.uri), kind ? selectedRelations(info) : []);
  return found && (!kind || found === kind) ? { uri: args.uri, ...scope, kind: found } : null;
};

const MAX_SEARCH_RESULTS = 1000;

export const escoResolvers: Resolvers = {
  Query: {
    versions: (_, __, context) => {
      const chosen = context.store.defaultVersion;
      return context.store.versions().map((summary) => ({ ...summary, isDefault: summary.version === chosen }));
    },
    concept: lookup(),
    occupation: lookup('OCCUPATION'),
    skill: lookup('SKILL'),
    skillGroup: lookup('SKILL_GROUP'),
    concepts: async (_, args, context) => {
      if (args.uris.length > MAX_PAGE_SIZE) throw badUserInput(`at most ${MAX_PAGE_SIZE} uris at once (got ${args.uris.length})`);
      return Promise.all(args.uris.map((uri) => lookup()(_, { uri, version: args.version, language: args.language }, context)));
    },
    iscoGroup: async (_, args, context) => {
      const { version, language } = scopeOf(args, context);
      if (!/^\d{1,4}$/.test(args.code)) throw badUserInput(`an ISCO code is 1 to 4 digits (got ${JSON.stringify(args.code.slice(0, 20))})`);
      const uri = await findIscoGroup(context.store, version, args.code);
      return uri ? { uri, version, language, kind: 'ISCO_GROUP' } : null;
    },
    conceptSchemes: async (_, args, context) => {
      const scope = scopeOf(args, context);
      return (await listConceptSchemes(context.store, scope.version)).map(ref(scope));
    },
    collections: async (_, args, context) => {
      const scope = scopeOf(args, context);
      return (await listCollections(context.store, scope.version)).map((c) => ({ ...c, ...scope }));
    },
    occupations: async (_, args, context) => {
      const scope = scopeOf(args, context);
      const { version } = scope;
      const filter = { iscoCodePrefix: args.filter?.iscoGroup ?? undefined, collection: collectionUri(args.filter?.collection) };
      if (filter.iscoCodePrefix !== undefined && !/^\d{1,4}$/.test(filter.iscoCodePrefix)) {
        throw badUserInput(`filter.iscoGroup is an ISCO code of 1 to 4 digits (got ${JSON.stringify(filter.iscoCodePrefix.slice(0, 20))})`);
      }
      const window = { limit: pageSize(args.first), offset: offsetAfter(args.after) };
      const found = await listOccupations(context.store, version, filter, window);
      return page(found.uris.map(ref(scope, 'OCCUPATION')), window.offset, found.hasNextPage, () =>
        countOccupations(context.store, version, filter));
    },
    skills: async (_, args, context) => {
      const scope = scopeOf(args, context);
      const { version } = scope;
      const filter = {
        skillType: args.filter?.skillType ? SKILL_TYPE_IRI[args.filter.skillType] : undefined,
        reuseLevel: args.filter?.reuseLevel ? REUSE_LEVEL_IRI[args.filter.reuseLevel] : undefined,
        collection: collectionUri(args.filter?.collection),
        skillGroup: args.filter?.skillGroup ? checkUri(args.filter.skillGroup) : undefined,
      };
      const window = { limit: pageSize(args.first), offset: offsetAfter(args.after) };
      const found = await listSkills(context.store, version, filter, window);
      return page(found.uris.map(ref(scope, 'SKILL')), window.offset, found.hasNextPage, () =>
        countSkills(context.store, version, filter));
    },
    search: async (_, args, context) => {
      const scope = scopeOf(args, context);
      const offset = offsetAfter(args.after);
      const limit = pageSize(args.first, 10);
      const { hits, total } = await context.search.search(args.text, {
        ...scope, kinds: args.types ?? undefined, limit: Math.min(offset + limit + 1, MAX_SEARCH_RESULTS),
      });
      const items = hits.slice(offset, offset + limit).map((hit) => ({ ...hit, concept: ref(scope, hit.kind)(hit.uri) }));
      return page(items, offset, offset + limit < Math.min(total, MAX_SEARCH_RESULTS), () => total);
    },
    suggest: async (_, args, context) => {
      const scope = scopeOf(args, context);
      const hits = await context.search.suggest(args.prefix, { ...scope, kinds: args.types ?? undefined, limit: pageSize(args.first, 10) });
      return hits.map((hit) => ({ label: hit.matchedLabel, concept: ref(scope, hit.kind)(hit.uri) }));
    },
    relatedOccupations: async (_, args, context) => {
      const scope = scopeOf(args, context);
      const found = await findRelatedOccupations(context.store, scope.version, checkUri(args.uri), pageSize(args.first, 10));
      return found.map((r) => ({ ...r, occupation: ref(scope, 'OCCUPATION')(r.uri) }));
    },
  },
  Concept: {
    __resolveType: async (parent, context) => {
      const kind = await kindOf(parent, context);
      return ({ OCCUPATION: 'Occupation', SKILL: 'Skill', SKILL_GROUP: 'SkillGroup', ISCO_GROUP: 'IscoGroup' } as const)[kind ?? 'SKILL'];
    },
  },
  Labels: {
    preferred: allTexts('prefLabel'),
    alternative: allTexts('altLabel'),
    hidden: allTexts('hiddenLabel'),
  },
  Occupation: {
    ...conceptFields,
    iscoGroup: async (parent, _args, context) => {
      const [uri] = await values(parent, 'iscoGroup', context);
      return uri ? ref(parent, 'ISCO_GROUP')(uri) : null;
    },
    essentialSkills: related('essentialSkill', 'SKILL'),
    optionalSkills: related('optionalSkill', 'SKILL'),
    regulatedProfessionNote: firstValue('regulatedProfessionNote'),
    collections: collectionRefs,
  },
  Skill: {
    ...conceptFields,
    skillType: async (parent, args, context) => enumOf(SKILL_TYPE_IRI)(await firstValue('skillType')(parent, args, context)),
    reuseLevel: async (parent, args, context) => enumOf(REUSE_LEVEL_IRI)(await firstValue('reuseLevel')(parent, args, context)),
    essentialForOccupations: relatedFrom('essentialSkill', 'OCCUPATION'),
    optionalForOccupations: relatedFrom('optionalSkill', 'OCCUPATION'),
    essentialSkills: related('essentialSkill', 'SKILL'),
    optionalSkills: related('optionalSkill', 'SKILL'),
    essentialForSkills: relatedFrom('essentialSkill', 'SKILL'),
    optionalForSkills: relatedFrom('optionalSkill', 'SKILL'),
    collections: collectionRefs,
  },
  SkillGroup: conceptFields,
  IscoGroup: {
    ...conceptFields,
    occupations: relatedFrom('iscoGroup', 'OCCUPATION'),
  },
  ConceptScheme: {
    uri: (parent) => parent.uri,
    preferredLabel: firstText('prefLabel'),
    description: firstText('description'),
    topConcepts: async (parent, args, context) =>
      (await related('hasTopConcept')(parent, args, context)).slice(0, pageSize(args.first, MAX_PAGE_SIZE)),
  },
  Collection: {
    name: (parent) => collectionNameOf(parent.uri)!,
    memberCount: (parent, _args, context) => parent.memberCount ?? countCollectionMembers(context.store, parent.version, parent.uri),
    members: async (parent, args, context) => {
      const window = { limit: pageSize(args.first), offset: offsetAfter(args.after) };
      const found = await listCollectionMembers(context.store, parent.version, parent.uri, window);
      return page(found.uris.map(ref(parent)), window.offset, found.hasNextPage, () =>
        countCollectionMembers(context.store, parent.version, parent.uri));
    },
  },
  OccupationConnection: connectionFields,
  SkillConnection: connectionFields,
  ConceptConnection: connectionFields,
  SearchConnection: connectionFields,
};
