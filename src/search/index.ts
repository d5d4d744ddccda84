export { LabelIndex, type LabelHit, type LabelKind, type LabelQuery } from './label-index.js';
export { MAX_SEARCH_TEXT, SearchInputError, SearchService, type SearchOptions } from './search-service.js';
