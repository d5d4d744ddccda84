/** See thread-priority.js. */
export function lowerThisThreadsPriority(by?: number): void;
