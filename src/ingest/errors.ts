/** An import problem the user can fix: printed as one line, exits non-zero, leaves the saved store untouched. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}
