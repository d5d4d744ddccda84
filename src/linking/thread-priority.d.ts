/** See thread-priority.js. */
export function lowerThisThreadsPriority(nice?: number): void;
