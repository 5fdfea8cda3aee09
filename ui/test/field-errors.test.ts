import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, apiFieldErrors, createTranslator, sharedMessages, zodFieldErrors } from "../src/index";

const fr = createTranslator(sharedMessages.fr, sharedMessages.en, "fr-FR");
const en = createTranslator(sharedMessages.en, sharedMessages.en, "en-GB");

describe("a field's problem, in the person's words", () => {
  const Form = z.object({
    title: z.string().min(1).max(120),
    progress: z.int().min(0).max(100),
    url: z.url(),
    status: z.enum(["not_started", "done"]),
    targetDate: z.iso.date(),
  });
  const parsed = Form.safeParse({ title: "", progress: 140, url: "intranet", status: "later", targetDate: "31/12" });

  it("never shows zod's English, in French or in English", () => {
    const errors = zodFieldErrors(parsed.error!, fr);
    expect(errors).toEqual({
      title: "Renseignez ce champ.",
      progress: "Indiquez 100 ou moins.",
      url: "Saisissez une adresse web complète, commençant par https://",
      status: "Choisissez l'une des options.",
      targetDate: "Saisissez une date valide.",
    });
    expect(zodFieldErrors(parsed.error!, en).title).toBe("Fill this in.");
  });

  it("words the api's problems from their kind, not from their English detail", () => {
    const error = new ApiError(400, "validation", "Check /title: Too big: expected string to have <=120 characters.", [
      { pointer: "/title", detail: "Too big: expected string to have <=120 characters", code: "too_big", limit: 120, origin: "string" },
      { pointer: "/label/en", detail: "already used", code: "duplicate" },
      { pointer: "/why", detail: "something new" },
    ]);
    expect(apiFieldErrors(error, fr)).toEqual({
      title: "120 caractères au plus.",
      "label.en": "Cet élément figure déjà dans la liste.",
      why: "Vérifiez cette réponse.",
    });
  });
});
