export { EscoStore, UnknownVersionError, type VersionSummary, compareVersions } from './esco-store.js';
export { hasSavedStore, openSavedStore, saveStore } from './persistence.js';
