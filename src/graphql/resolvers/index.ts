import type { Resolvers } from '../generated/types.js';
import { analysisResolvers } from './analysis.js';
import { escoResolvers } from './esco.js';
import { linkingResolvers } from './linking.js';

/**
 * Every module's resolver map, merged by Apollo in this order. A module that adds `schema/<name>.graphql` adds
 * its map here (see ../README.md).
 */
export const resolverMaps: Resolvers[] = [escoResolvers, linkingResolvers, analysisResolvers];
