import { describe, expect, it } from "vitest";
import { optionalText, routeError } from "./forms";

describe("where a refusal is shown", () => {
  const fields = ["summary", "complainant_email", "grounds"];

  it("goes next to the field the backend names", () => {
    expect(routeError({ field: "summary", message: "a summary is required" }, fields)).toEqual({
      field: "summary",
      message: "a summary is required",
    });
  });

  it("follows an alias to the form's name for the field", () => {
    expect(routeError({ field: "email", message: "bad" }, fields, { email: "complainant_email" })).toEqual({
      field: "complainant_email",
      message: "bad",
    });
  });

  it("goes to the banner when the form has no such field or none is named", () => {
    expect(routeError({ field: "deadline_policy", message: "x" }, fields)).toEqual({ field: null, message: "x" });
    expect(routeError({ field: null, message: "contact hold" }, fields)).toEqual({ field: null, message: "contact hold" });
  });
});

describe("optional text", () => {
  it("trims and turns blank into null", () => {
    expect(optionalText("  a  ")).toBe("a");
    expect(optionalText("   ")).toBeNull();
  });
});
