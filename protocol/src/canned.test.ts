// Canned reply variables: unknown ones are found, known ones filled, missing ones never show braces.

import { describe, expect, it } from "vitest";
import { renderCanned, unknownVariables } from "./canned.ts";

describe("canned replies", () => {
  it("finds unknown variables", () => {
    expect(unknownVariables("Hi {{contact.name}}, I am {{ agent.name }}.")).toEqual([]);
    expect(unknownVariables("Hi {{contact.nickname}} {{x}} {{x}}")).toEqual(["contact.nickname", "x"]);
  });

  it("fills variables and leaves no braces for missing values", () => {
    expect(renderCanned("您好 {{contact.name}}，我是{{agent.name}}。", { "contact.name": "王芳", "agent.name": "Sam" })).toBe("您好 王芳，我是Sam。");
    expect(renderCanned("Hi {{contact.name}}!", {}, "there")).toBe("Hi there!");
  });
});
