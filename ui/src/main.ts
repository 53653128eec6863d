import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

function start(): void {
  const target = document.getElementById("app");
  if (!target) throw new Error("index.html has no #app element");
  // Every answer comes from the desktop app's backend; a plain browser has none, and the
  // window says so rather than showing invented data.
  if (!("__TAURI_INTERNALS__" in window)) {
    const note = document.createElement("p");
    note.className = "outside-app";
    note.textContent = "Compliance Desk runs in its desktop app: start it with scripts/run-app.sh.";
    target.replaceChildren(note);
    return;
  }
  mount(App, { target });
}

start();
