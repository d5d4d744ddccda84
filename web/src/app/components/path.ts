/** Concept and qualification ids are URIs, so they travel percent-encoded in one path segment; a mangled one is kept as typed. */
export function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
