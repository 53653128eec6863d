import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TeamConnectionView } from "../bindings/TeamConnectionView";
import { setLanguage } from "../i18n";
import { SWITCHED_KEY, switchedText, takeSwitched, TeamConnectionStore } from "./connection.svelte";
import { localConnection, teamConnection } from "./fixtures";
import OpenProblem from "./OpenProblem.svelte";
import TeamPanel from "./TeamPanel.svelte";

type Answer = (args: Record<string, unknown>) => unknown;
/** What the officer types in the sign-in form, by field. */
type SignInFields = Partial<Record<"host" | "port" | "database" | "user" | "password", string>>;

describe("Settings: Team database", () => {
  let calls: [string, Record<string, unknown>][];
  let answers: Record<string, Answer>;
  let reload: ReturnType<typeof vi.fn<() => void>>;
  let store: TeamConnectionStore;

  /** Answers `team_connection` with `view`, then reads it as the Settings view does. */
  async function showing(view: TeamConnectionView) {
    answers.team_connection = () => view;
    await store.load();
    render(TeamPanel, { store, databasePath: "/data/desk.db" });
  }

  async function fill(values: SignInFields) {
    for (const [field, value] of Object.entries(values)) {
      await fireEvent.input(screen.getByTestId(`team-${field}`), { target: { value } });
    }
  }

  /** Types `values` into the sign-in form and presses Sign in. */
  async function signIn(values: SignInFields) {
    await fill(values);
    await fireEvent.click(screen.getByTestId("team-connect"));
  }

  /** The backend's refusal of the command, with `message`, naming `field`. */
  const refused =
    (code: string, message: string, field: string | null): Answer =>
    () => {
      throw { code, message, field, rule: null };
    };

  beforeEach(() => {
    calls = [];
    answers = {};
    sessionStorage.clear();
    mockIPC((cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([cmd, a]);
      const answer = answers[cmd];
      if (!answer) throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      return answer(a);
    });
    reload = vi.fn<() => void>();
    store = new TeamConnectionStore(reload);
  });

  afterEach(() => {
    clearMocks();
    setLanguage("en");
    localStorage.clear();
    sessionStorage.clear();
  });

  const sent = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);

  it("says the app works on the local file, and offers the sign-in form with the usual port and the keychain ticked", async () => {
    await showing(localConnection());
    const status = screen.getByTestId("team-status");
    expect(status.getAttribute("data-state")).toBe("local");
    expect(status.textContent).toContain("Working on the local file /data/desk.db, for this desk alone.");
    expect((screen.getByTestId("team-port") as HTMLInputElement).value).toBe("5432");
    expect((screen.getByTestId("team-host") as HTMLInputElement).value).toBe("");
    const password = screen.getByTestId("team-password") as HTMLInputElement;
    expect(password.type, "the password is never shown").toBe("password");
    const remember = screen.getByTestId("team-remember") as HTMLInputElement;
    expect(remember.checked).toBe(true);
    expect(remember.disabled).toBe(false);
    expect(screen.getByTestId("team-connect").textContent).toContain("Sign in");
    expect(screen.queryByTestId("team-disconnect"), "nothing to leave on the local file").toBeNull();
  });

  it("signs in with exactly the address, password and keychain choice typed, then reloads every view", async () => {
    await showing(localConnection());
    answers.connect_team = () => teamConnection("keychain");
    await signIn({ host: " db.example.com ", port: "6432", database: "desk", user: "ana", password: "s3cret pass" });
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(sent("connect_team")).toEqual([
      { input: { address: { host: "db.example.com", port: 6432, database: "desk", user: "ana" }, password: "s3cret pass", remember: true } },
    ]);
    expect((screen.getByTestId("team-password") as HTMLInputElement).value, "the password is not kept after the call").toBe("");
    expect(store.view?.signed_in?.officer).toBe("ana");
    // What the app says once reloaded: where it works now, and where the password is kept.
    const switched = takeSwitched();
    expect(switched).toEqual({ to: "connected", kept: "keychain" });
    expect(switchedText(switched!)).toBe(
      "Signed in: every view now reads the team database. The password is kept in the OS keychain: the next start signs in without asking.",
    );
    expect(takeSwitched(), "said once").toBeNull();
  });

  it("does not ask the keychain to keep the password when the officer unticks it", async () => {
    await showing(localConnection());
    answers.connect_team = () => teamConnection("session");
    await fill({ host: "db", database: "desk", user: "ana", password: "pw" });
    await fireEvent.click(screen.getByTestId("team-remember"));
    await fireEvent.click(screen.getByTestId("team-connect"));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(sent("connect_team")).toEqual([{ input: { address: { host: "db", port: 5432, database: "desk", user: "ana" }, password: "pw", remember: false } }]);
  });

  it("shows a refusal naming a field next to that field, empties the password, and stays where it works", async () => {
    await showing(localConnection());
    answers.connect_team = refused("invalid_input", "give the server's host name or address, e.g. db.example.com", "host");
    await signIn({ host: "db/x", database: "desk", user: "ana", password: "pw" });
    const error = await screen.findByTestId("error-host");
    expect(error.textContent).toBe("give the server's host name or address, e.g. db.example.com");
    expect(screen.getByTestId("team-host").getAttribute("aria-invalid")).toBe("true");
    // Next to its field, inside the field's own block.
    expect(error.closest(".field")?.contains(screen.getByTestId("team-host"))).toBe(true);
    expect(screen.queryByTestId("team-error")).toBeNull();
    expect((screen.getByTestId("team-password") as HTMLInputElement).value).toBe("");
    expect(reload).not.toHaveBeenCalled();
    expect(screen.getByTestId("team-status").getAttribute("data-state")).toBe("local");
  });

  it("puts a refused sign-in next to the password, and a server it cannot reach in the banner", async () => {
    await showing(localConnection());
    answers.connect_team = refused("storage", "the server refused the sign-in of ana: check the password", "password");
    await signIn({ host: "db", database: "desk", user: "ana", password: "wrong" });
    expect((await screen.findByTestId("error-password")).textContent).toBe("the server refused the sign-in of ana: check the password");

    answers.connect_team = refused("storage", "the team server db:5432 cannot be reached (connection refused)", null);
    await signIn({ password: "again" });
    const banner = await screen.findByTestId("team-error");
    expect(banner.textContent).toContain("Not signed in.");
    expect(banner.textContent).toContain("the team server db:5432 cannot be reached (connection refused)");
    expect(screen.queryByTestId("error-password")).toBeNull();
    expect(reload).not.toHaveBeenCalled();
  });

  it("refuses a port that is not a number before sending anything", async () => {
    await showing(localConnection());
    await signIn({ host: "db", port: "54x2", database: "desk", user: "ana", password: "pw" });
    expect(screen.getByTestId("error-port").textContent).toContain("from 1 to 65535");
    expect(sent("connect_team")).toEqual([]);
  });

  it("says who is signed in, with which roles, where, and where the password is kept", async () => {
    await showing(teamConnection("keychain", { signed_in: { officer: "ana", roles: ["approver", "auditor"], database: "postgres://ana@db:5432/desk" } }));
    const status = screen.getByTestId("team-status");
    expect(status.getAttribute("data-state")).toBe("team");
    expect(status.textContent).toContain("Working on the team database postgres://ana@db:5432/desk, signed in as ana (approver, auditor).");
    expect(screen.getByTestId("team-password-kept").textContent).toBe("The password is kept in the OS keychain: the next start signs in without asking.");
    // The form starts from the saved address, never from a password.
    expect((screen.getByTestId("team-host") as HTMLInputElement).value).toBe("db");
    expect((screen.getByTestId("team-user") as HTMLInputElement).value).toBe("ana");
    expect((screen.getByTestId("team-password") as HTMLInputElement).value).toBe("");
  });

  it("says when the password is kept for this session only", async () => {
    await showing(teamConnection("session"));
    expect(screen.getByTestId("team-password-kept").textContent).toBe("The password is kept for this session only: it is asked again at the next start.");
  });

  it("goes back to the local file and reloads every view", async () => {
    await showing(teamConnection());
    answers.disconnect_team = () => localConnection();
    const button = screen.getByTestId("team-disconnect");
    expect(button.textContent).toContain("Use the local file instead");
    await fireEvent.click(button);
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(sent("disconnect_team")).toEqual([{}]);
    const switched = takeSwitched();
    expect(switched).toEqual({ to: "disconnected", kept: null });
    expect(switchedText(switched!)).toBe("The app works on the local file again.");
  });

  it("says a password kept for this session only after a sign-in, and ignores what is not its own", () => {
    sessionStorage.setItem(SWITCHED_KEY, JSON.stringify({ to: "connected", kept: "session" }));
    expect(switchedText(takeSwitched()!)).toBe(
      "Signed in: every view now reads the team database. The password is kept for this session only: it is asked again at the next start.",
    );
    sessionStorage.setItem(SWITCHED_KEY, "not json");
    expect(takeSwitched()).toBeNull();
    expect(sessionStorage.getItem(SWITCHED_KEY)).toBeNull();
  });

  it("keeps the password for this session only when no keychain is available, and says so", async () => {
    await showing(localConnection({ keychain_available: false }));
    const remember = screen.getByTestId("team-remember") as HTMLInputElement;
    expect(remember.disabled).toBe(true);
    expect(remember.checked).toBe(false);
    expect(screen.getByTestId("team-remember-note").textContent).toBe(
      "No OS keychain is available on this computer: the password is kept for this session only and asked again at the next start.",
    );
    answers.connect_team = () => teamConnection("session");
    await signIn({ host: "db", database: "desk", user: "ana", password: "pw" });
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect((sent("connect_team")[0].input as { remember: boolean }).remember).toBe(false);
  });

  it("changes nothing when the database was chosen at start", async () => {
    await showing(teamConnection("keychain", { fixed_at_start: true, password_kept: null }));
    expect(screen.getByTestId("team-fixed").textContent).toContain("The database was chosen when the app was started (--db or CDESK_DB)");
    for (const id of ["team-host", "team-port", "team-database", "team-user", "team-password"]) {
      expect((screen.getByTestId(id) as HTMLInputElement).disabled, id).toBe(true);
    }
    expect((screen.getByTestId("team-connect") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("team-disconnect") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("team-connect"));
    expect(sent("connect_team")).toEqual([]);
  });

  it("speaks German and Japanese", async () => {
    await showing(teamConnection("keychain"));
    setLanguage("de");
    flushSync();
    expect(screen.getByTestId("team-status").textContent).toContain("angemeldet als ana (Freigabe)");
    expect(screen.getByTestId("team-disconnect").textContent).toContain("Stattdessen die lokale Datei verwenden");
    expect(screen.getByLabelText("Passwort")).toBe(screen.getByTestId("team-password"));
    setLanguage("ja");
    flushSync();
    expect(screen.getByTestId("team-status").textContent).toContain("ana（承認者）としてサインインしています");
    expect(screen.getByTestId("team-connect").textContent).toContain("サインイン");
  });
});

describe("a team database that could not be signed in to at start", () => {
  let calls: string[];
  let reload: ReturnType<typeof vi.fn<() => void>>;
  let view: TeamConnectionView;

  beforeEach(() => {
    calls = [];
    view = localConnection({
      saved: { host: "db", port: 5432, database: "desk", user: "ana" },
      problem: "the password of ana for postgres://ana@db:5432/desk is not kept: type it to sign in",
    });
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "team_connection") return view;
      if (cmd === "connect_team") return teamConnection("session");
      if (cmd === "disconnect_team") return localConnection();
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
    reload = vi.fn<() => void>();
  });

  afterEach(() => clearMocks());

  it("offers the sign-in form with the saved address, then reloads once signed in", async () => {
    render(OpenProblem, { store: new TeamConnectionStore(reload) });
    const offer = await screen.findByTestId("team-open-problem");
    expect(within(offer).getByTestId("team-open-problem-text").textContent).toBe("the password of ana for postgres://ana@db:5432/desk is not kept: type it to sign in");
    expect((within(offer).getByTestId("team-host") as HTMLInputElement).value).toBe("db");
    expect((within(offer).getByTestId("team-user") as HTMLInputElement).value).toBe("ana");
    await fireEvent.input(within(offer).getByTestId("team-password"), { target: { value: "pw" } });
    await fireEvent.click(within(offer).getByTestId("team-connect"));
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(calls).toEqual(["team_connection", "connect_team"]);
  });

  it("offers the local file instead", async () => {
    render(OpenProblem, { store: new TeamConnectionStore(reload) });
    await fireEvent.click(await screen.findByTestId("team-disconnect"));
    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    expect(calls).toEqual(["team_connection", "disconnect_team"]);
  });

  it("offers nothing when the team database is not why", async () => {
    view = localConnection();
    render(OpenProblem, { store: new TeamConnectionStore(reload) });
    await waitFor(() => expect(calls).toEqual(["team_connection"]));
    expect(screen.queryByTestId("team-open-problem")).toBeNull();
  });
});
