import { describe, expect, it } from "vitest";
import { amountPlaceholder, formatMoney, majorToMinor, minorToMajorText, minorUnitExponent, signedMajorToMinor } from "./money";

describe("major → minor units", () => {
  it("uses two decimals by default", () => {
    expect(majorToMinor("12.50", "USD")).toEqual({ ok: true, amount_minor: 1250, currency: "USD" });
    expect(majorToMinor("12.5", "eur")).toEqual({ ok: true, amount_minor: 1250, currency: "EUR" });
    expect(majorToMinor("12", "USD")).toMatchObject({ amount_minor: 1200 });
    expect(majorToMinor("0.05", "USD")).toMatchObject({ amount_minor: 5 });
  });

  it("has no decimals for JPY and KRW", () => {
    expect(minorUnitExponent("JPY")).toBe(0);
    expect(majorToMinor("1250", "JPY")).toEqual({ ok: true, amount_minor: 1250, currency: "JPY" });
    expect(majorToMinor("30000", "krw")).toMatchObject({ amount_minor: 30000, currency: "KRW" });
    expect(majorToMinor("12.5", "JPY")).toMatchObject({ ok: false, message: "JPY has no decimal places." });
  });

  it("has three decimals for KWD", () => {
    expect(majorToMinor("1.5", "KWD")).toMatchObject({ amount_minor: 1500 });
    expect(majorToMinor("1.234", "KWD")).toMatchObject({ amount_minor: 1234 });
  });

  it("does not lose cents to floating point", () => {
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(majorToMinor("0.29", "USD")).toMatchObject({ amount_minor: 29 });
    expect(majorToMinor("1,234.56", "USD")).toMatchObject({ amount_minor: 123456 });
  });

  it("refuses too many decimals, negatives, junk and bad currencies", () => {
    expect(majorToMinor("1.005", "USD")).toMatchObject({ ok: false, message: "USD has at most 2 decimal places." });
    expect(majorToMinor("-5", "USD")).toMatchObject({ ok: false });
    expect(majorToMinor("12,50", "EUR")).toMatchObject({ ok: false });
    expect(majorToMinor("abc", "USD")).toMatchObject({ ok: false });
    expect(majorToMinor("", "USD")).toMatchObject({ ok: false });
    expect(majorToMinor("10", "dollars")).toMatchObject({ ok: false });
  });
});

describe("money display", () => {
  it("shows major units by currency", () => {
    expect(formatMoney({ amount_minor: 1250, currency: "USD" })).toBe("12.50 USD");
    expect(formatMoney({ amount_minor: 1250, currency: "JPY" })).toBe("1,250 JPY");
    expect(formatMoney({ amount_minor: 5, currency: "EUR" })).toBe("0.05 EUR");
    expect(formatMoney({ amount_minor: 123456789, currency: "USD" })).toBe("1,234,567.89 USD");
  });

  it("shows the backend's lower-case codes upper-case", () => {
    expect(formatMoney({ amount_minor: 1250, currency: "usd" })).toBe("12.50 USD");
    expect(formatMoney({ amount_minor: 1250, currency: "jpy" })).toBe("1,250 JPY");
    expect(formatMoney({ amount_minor: -12550, currency: "usd" })).toBe("-125.50 USD");
  });
});

describe("signed amounts and amounts for editing", () => {
  it("accepts a balance below zero", () => {
    expect(signedMajorToMinor("-125.50", "USD")).toEqual({ ok: true, amount_minor: -12550 });
    expect(signedMajorToMinor("\u22121,000", "JPY")).toEqual({ ok: true, amount_minor: -1000 });
    expect(signedMajorToMinor("2,000.00", "usd")).toEqual({ ok: true, amount_minor: 200000 });
    expect(signedMajorToMinor("-0", "USD")).toEqual({ ok: true, amount_minor: 0 });
    expect(signedMajorToMinor("--5", "USD")).toMatchObject({ ok: false });
    expect(signedMajorToMinor("-1.005", "USD")).toMatchObject({ ok: false, message: "USD has at most 2 decimal places." });
  });

  it("writes minor units back as typed major units", () => {
    expect(minorToMajorText(200000, "USD")).toBe("2000.00");
    expect(minorToMajorText(-12550, "USD")).toBe("-125.50");
    expect(minorToMajorText(5, "EUR")).toBe("0.05");
    expect(minorToMajorText(1250, "JPY")).toBe("1250");
    expect(minorToMajorText(1500, "KWD")).toBe("1.500");
    expect(majorToMinor(minorToMajorText(123456, "USD"), "USD")).toMatchObject({ amount_minor: 123456 });
  });

  it("offers a placeholder with the currency's decimals", () => {
    expect(amountPlaceholder("USD")).toBe("0.00");
    expect(amountPlaceholder("JPY")).toBe("0");
    expect(amountPlaceholder("")).toBe("0.00");
  });
});
