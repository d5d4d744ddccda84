/** Qualifications as part of the graph: the repository the GraphQL layer and the skills-gap analysis read. */
export { QualificationRepository, journalFile, type RepositoryOptions, type ReviewInput, type WriteAuth } from './qualification-repository.js';
export {
  type LearningOutcome,
  type Qualification,
  type QualificationInput,
  type QualificationUpdate,
  type ReviewStatus,
  QualificationError,
  WriteRefusedError,
} from './qualification.js';
export { LANGUAGES as ELM_LANGUAGES, readElmCredential } from './credential-import.js';
export { readQualificationCsv, CSV_COLUMNS } from './csv-import.js';
