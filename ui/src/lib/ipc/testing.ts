// The backend as tests mock it.
import { mockIPC, type MockIPCOptions } from "@tauri-apps/api/mocks";

/** A command sent to the backend, with its arguments. */
export type Call = [string, Record<string, unknown>];

/** The backend's answer to a command, given its arguments. */
export type Backend = (cmd: string, args: Record<string, unknown>) => unknown;

/** Mocks the backend with `answer`. */
export function mockBackend(answer: Backend, options?: MockIPCOptions): void {
  mockIPC((cmd, args) => answer(cmd, (args ?? {}) as Record<string, unknown>), options);
}

/** Mocks the backend with `answer`, noting first in `calls` each command sent, with its arguments. */
export function mockRecordedBackend(calls: Call[], answer: Backend, options?: MockIPCOptions): void {
  mockBackend((cmd, args) => {
    calls.push([cmd, args]);
    return answer(cmd, args);
  }, options);
}

/** The refusal of a command a test does not expect (thrown by its mocked backend). */
export function notInThisTest(cmd: string) {
  return { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
}
