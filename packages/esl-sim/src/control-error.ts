/**
 * A control request the simulator refuses: 400 for bad input (naming the field),
 * 404 for an unknown call, 409 for a call that has ended. The HTTP API answers it as
 * `{"error": {"field", "message"}}`; the library throws it.
 */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 405 | 409 | 413,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }

  static invalid(field: string, message: string): ControlError {
    return new ControlError(400, message, field);
  }

  toJSON(): { error: { field?: string; message: string } } {
    return { error: this.field === undefined ? { message: this.message } : { field: this.field, message: this.message } };
  }
}
