/** Analysis results as CSV and qualifications as ELM-style JSON-LD, for the HTTP routes and the CLI. */
export {
  type CsvTable, occupationMatchesTable, skillsDistributionTable, skillsGapTable, supplyDemandTable, toCsv,
} from './analysis-csv.js';
export { ELM_CONTEXT, ESCO_ATTRIBUTION, exportQualificationElm, qualificationToElm } from './elm-jsonld.js';
export { MAX_BODY_BYTES, exportRoutes } from './export-routes.js';
