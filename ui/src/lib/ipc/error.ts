import type { ErrorBody } from "../bindings/ErrorBody";
import type { ErrorCode } from "../bindings/ErrorCode";

const CODES: ReadonlyArray<ErrorCode> = ["invalid_input", "rule", "not_found", "storage", "internal", "cancelled"];

/**
 * A command's refusal, as the backend sent it (`{ code, message, field, rule }`), or a
 * failure of the bridge itself mapped onto the same shape (code `internal`).
 */
export class IpcError extends Error implements ErrorBody {
  readonly code: ErrorCode;
  readonly field: string | null;
  readonly rule: string | null;
  /** The command that failed, for logs. */
  readonly command: string | null;

  constructor(body: ErrorBody, command: string | null = null) {
    super(body.message);
    this.name = "IpcError";
    this.code = body.code;
    this.field = body.field;
    this.rule = body.rule;
    this.command = command;
  }

  /** True when the user can fix it by changing the named field. */
  get isFieldError(): boolean {
    return this.code === "invalid_input" && this.field !== null;
  }

  /** True when the officer stopped a long operation: nothing was written, nothing failed. */
  get isCancelled(): boolean {
    return this.code === "cancelled";
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === "string" &&
    (CODES as ReadonlyArray<string>).includes(v.code) &&
    typeof v.message === "string" &&
    (v.field === null || v.field === undefined || typeof v.field === "string") &&
    (v.rule === null || v.rule === undefined || typeof v.rule === "string")
  );
}

/** Maps whatever a rejected `invoke` gave us onto an {@link IpcError}. */
export function toIpcError(reason: unknown, command: string | null = null): IpcError {
  if (reason instanceof IpcError) return reason;
  if (isErrorBody(reason)) {
    return new IpcError(
      { code: reason.code, message: reason.message, field: reason.field ?? null, rule: reason.rule ?? null },
      command,
    );
  }
  let message: string;
  if (typeof reason === "string" && reason.trim() !== "") {
    message = reason;
  } else if (reason instanceof Error && reason.message) {
    message = reason.message;
  } else {
    message = "The application did not answer as expected.";
  }
  return new IpcError({ code: "internal", message, field: null, rule: null }, command);
}
