declare module 'graphql-depth-limit' {
  import type { ValidationRule } from 'graphql';
  /** The package ships no types; this is the part escograph uses. */
  export default function depthLimit(maxDepth: number): ValidationRule;
}
