import { describe, expect, it } from "vitest";
import { render } from "@testing-library/react";
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { colourOf, Initials, initialsOf } from "../src/components/Initials";

describe("a partner's initials", () => {
  it("take the first letters of the first and last names", () => {
    expect(initialsOf("Samuel Côté")).toBe("SC");
    expect(initialsOf("Jean-Baptiste de La Salle")).toBe("JS");
    expect(initialsOf("élodie  martin")).toBe("ÉM");
    expect(initialsOf("Madonna")).toBe("M");
  });

  it("leave out what is in brackets and words that start with punctuation", () => {
    expect(initialsOf("Ana Lima (HR)")).toBe("AL");
    expect(initialsOf("Ana Lima [Contractor]")).toBe("AL");
    expect(initialsOf("Ana - Lima")).toBe("AL");
    expect(initialsOf("  ")).toBe("");
    expect(initialsOf("")).toBe("");
  });

  it("show the first character of names in scripts without capitals", () => {
    expect(initialsOf("王小明")).toBe("王");
    expect(initialsOf("Ολγα Παππά")).toBe("ΟΠ");
  });

  it("keep one colour per person, and people get different colours", () => {
    expect(colourOf("person-1")).toBe(colourOf("person-1"));
    const colours = new Set(Array.from({ length: 40 }, (_, i) => colourOf(`person-${i}`)));
    expect(colours.size).toBeGreaterThan(8);
  });

  it("are hidden from screen readers, the name being written beside them", () => {
    const { container } = render(
      <FluentProvider theme={teamsLightTheme}>
        <Initials name="Samuel Côté" colourKey="p1" />
      </FluentProvider>,
    );
    const circle = container.querySelector(".tandem-Initials")!;
    expect(circle.textContent).toBe("SC");
    expect(circle.getAttribute("aria-hidden")).toBe("true");
  });
});
