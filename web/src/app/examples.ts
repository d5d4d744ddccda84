/** Queries to start from: the home page links them into the IDE, and the IDE opens them as tabs. */
export const GRAPHQL_EXAMPLES: { title: string; query: string }[] = [
  {
    title: 'An occupation with its essential skills',
    query: `query OccupationWithSkills {
  occupation(uri: "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1") {
    preferredLabel code
    iscoGroup { code preferredLabel }
    essentialSkills { preferredLabel skillType reuseLevel }
  }
}`,
  },
  {
    title: 'Search, typo-tolerant and prefix-aware',
    query: `query Search {
  search(text: "sofware develop", types: [OCCUPATION], first: 5) {
    totalCount
    nodes { matchedLabel score concept { uri preferredLabel } }
  }
}`,
  },
  {
    title: 'A page of digital knowledge skills',
    query: `query DigitalKnowledge {
  skills(filter: { collection: DIGITAL, skillType: KNOWLEDGE }, first: 20) {
    totalCount
    nodes { preferredLabel }
    pageInfo { endCursor hasNextPage }
  }
}`,
  },
  {
    title: 'Link learning outcomes to ESCO skills',
    query: `query LinkOutcomes {
  linkOutcomes(outcomes: ["Analyse the ethical implications of AI systems", "Explain the principles of data protection"], first: 5) {
    text
    suggestions { score matchedOn skill { preferredLabel } }
  }
}`,
  },
];

export const SPARQL_EXAMPLE = `PREFIX esco: <http://data.europa.eu/esco/model#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?occupation ?label WHERE {
  ?occupation a esco:Occupation ; skos:prefLabel ?label FILTER(lang(?label) = "en")
} LIMIT 10`;

/** ESCO's terms of use ask every service built on it to say so. */
export const ESCO_ATTRIBUTION = 'This service uses the ESCO classification of the European Commission.';
