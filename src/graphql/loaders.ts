import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import {
  type ConceptKind, type LangText, type PrimedLabels, labelLanguages, readConceptKinds, readConceptWithRelations, readObjects, readSubjects,
  readTexts,
} from '../store/concept-reader.js';
import type { EscoStore } from '../store/esco-store.js';
import type { ConceptProperty, TextProperty } from '../store/queries/concepts.js';

/**
 * The DataLoaders of one request, one per (version, what is read): every URI asked for in one tick of execution
 * becomes one store query, so a list of 100 skills and their labels costs a few queries, not a few hundred.
 */
export class ConceptLoaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();
  /**
   * Preferred labels read along with kinds and relations, by `version language`, then URI: those in the language
   * the concept was reached with (see ConceptRef.language) or in English.
   */
  private readonly primed = new Map<string, PrimedLabels>();

  constructor(
    private readonly store: EscoStore,
    private readonly deadline: number,
  ) {}

  /** The kind of a concept, null when the version has none; its labels in the language are read along. */
  kind(version: string, language: string, uri: string): Promise<ConceptKind | null> {
    return this.kindLoader(version, language).load(uri) as Promise<ConceptKind | null>;
  }

  /**
   * The kind of one concept looked up with some of its relations selected: the relations are read with the kind,
   * and their loaders primed, so their fields' resolvers find them. On a SPARQL server that is one round trip
   * instead of two (the raw query a client would write fetches both at once); a store in this process matches the
   * kind by pattern and reads the relations through their loaders, batched with the rest of the request.
   */
  lookup(version: string, language: string, uri: string, relations: readonly ConceptProperty[]): Promise<ConceptKind | null> {
    if (relations.length === 0 || this.store.backend.objectsOf) {
      for (const property of relations) this.objects(version, property, language, uri).catch(() => {});
      return this.kind(version, language, uri);
    }
    const read = readConceptWithRelations(this.store, version, uri, relations, labelLanguages(language)).then((found) => {
      this.primeLabels(version, language, found.labels);
      for (const [property, objects] of found.objects) this.objectsLoader(version, property, language).prime(uri, objects);
      return found.kind;
    });
    this.kindLoader(version, language).prime(uri, read);
    return read;
  }

  /** Values of a property (IRIs or plain strings); for relations, the targets' labels in the language are read along. */
  objects(version: string, property: ConceptProperty, language: string, uri: string): Promise<string[]> {
    return this.objectsLoader(version, property, language).load(uri) as Promise<string[]>;
  }

  private kindLoader(version: string, language: string) {
    return this.loader(`kind ${version} ${language}`, async (uris) => {
      const { kinds, labels } = await readConceptKinds(this.store, version, uris, labelLanguages(language));
      this.primeLabels(version, language, labels);
      return uris.map((uri) => kinds.get(uri) ?? null);
    });
  }

  private objectsLoader(version: string, property: ConceptProperty, language: string) {
    return this.loader(`objects ${version} ${property} ${language}`, async (uris) => {
      const { objects, labels } = await readObjects(this.store, version, property, uris, labelLanguages(language));
      this.primeLabels(version, language, labels);
      return uris.map((uri) => objects.get(uri) ?? []);
    });
  }

  /** Concepts (of one kind, when given) whose property points at this one. */
  subjects(version: string, property: ConceptProperty, uri: string, kind?: ConceptKind): Promise<string[]> {
    return this.loader(`subjects ${version} ${property} ${kind ?? '*'}`, async (uris) => {
      const found = await readSubjects(this.store, version, property, uris, kind);
      return uris.map((uri) => found.get(uri) ?? []);
    }).load(uri) as Promise<string[]>;
  }

  /**
   * Texts in the language (or English, or every language when the concept has neither); all when no language.
   * Labels already read along with a kind or relation come back synchronously: graphql-js then completes the
   * field without a promise, which is most of the cost of a list of labels.
   */
  texts(version: string, property: TextProperty, language: string | undefined, uri: string): LangText[] | Promise<LangText[]> {
    const primed = property === 'prefLabel' && language ? this.primed.get(`${version} ${language}`)?.get(uri) : undefined;
    return primed ?? (this.textsLoader(version, property, language).load(uri) as Promise<LangText[]>);
  }

  private textsLoader(version: string, property: TextProperty, language: string | undefined) {
    return this.loader(`texts ${version} ${property} ${language ?? '*'}`, async (uris) => {
      const found = await readTexts(this.store, version, property, uris, language);
      return uris.map((uri) => found.get(uri) ?? []);
    });
  }

  /**
   * Labels read along with kinds and relations answer later `preferredLabel` fields without another query:
   * the raw SPARQL a client would write fetches a relation and its labels at once, and so does this.
   */
  private primeLabels(version: string, language: string, labels: PrimedLabels): void {
    const key = `${version} ${language}`;
    const known = this.primed.get(key);
    if (!known) this.primed.set(key, labels);
    else for (const [uri, texts] of labels) known.set(uri, texts);
  }

  private loader<T>(key: string, batch: (uris: readonly string[]) => Promise<T[]>): DataLoader<string, unknown> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, unknown>(async (uris) => {
        if (Date.now() > this.deadline) {
          throw new GraphQLError('query took too long and was stopped', { extensions: { code: 'QUERY_TIMEOUT' } });
        }
        return batch(uris);
      }, { maxBatchSize: 500 });
      this.loaders.set(key, loader);
    }
    return loader;
  }
}
