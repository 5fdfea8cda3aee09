import { describe, expect, it } from "vitest";
import { changeOf } from "../src/adapters/graph/directory-source";

const id = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
const boss = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

/** What one item of Graph's user delta becomes in Tandem's directory. */
describe("a user of Graph's delta, in Tandem's terms", () => {
  it("keeps the properties Tandem shows, with French or English as the language, and the manager from manager@delta", () => {
    const { change, problem } = changeOf(
      {
        id: id.toUpperCase(),
        displayName: "Léa Fontaine",
        mail: "lea@brisemer.example",
        jobTitle: "Chargée de communication",
        department: "Marketing",
        officeLocation: "Paris",
        preferredLanguage: "fr-FR",
        "manager@delta": [{ id: boss }],
      },
      true,
    );
    expect(problem).toBeNull();
    expect(change).toEqual({
      kind: "upsert",
      id,
      fields: { displayName: "Léa Fontaine", mail: "lea@brisemer.example", jobTitle: "Chargée de communication", department: "Marketing", officeLocation: "Paris", preferredLanguage: "fr" },
      managerId: boss,
    });
  });

  it("reads what Graph leaves out as empty, and reports an account without mail", () => {
    const { change, problem } = changeOf({ id, displayName: "Salle 4.12", preferredLanguage: "de-DE" }, true);
    expect(change).toMatchObject({ fields: { mail: null, jobTitle: "", department: "", preferredLanguage: null }, managerId: null });
    expect(problem).toMatchObject({ personId: id, kind: "no_mail" });
  });

  it("keeps the manager as it is when a read of changes does not mention it, and clears it when Graph says it was removed", () => {
    expect(changeOf({ id, displayName: "A", mail: "a@x.example" }, false).change).not.toHaveProperty("managerId");
    expect(changeOf({ id, displayName: "A", mail: "a@x.example", "manager@delta": [{ id: boss, "@removed": { reason: "deleted" } }] }, false).change).toMatchObject({
      managerId: null,
    });
  });

  it("turns a removed or a disabled account into a leaver", () => {
    expect(changeOf({ id, "@removed": { reason: "changed" } }, false).change).toEqual({ kind: "remove", id });
    expect(changeOf({ id, displayName: "B", accountEnabled: false }, false).change).toEqual({ kind: "remove", id });
  });

  it("skips and reports a row whose id is not an Entra object id, and places at the top someone whose manager's id is not one", () => {
    expect(changeOf({ id: "not-a-guid", displayName: "X" }, true)).toEqual({ change: null, problem: expect.objectContaining({ kind: "invalid_user" }) });
    const odd = changeOf({ id, displayName: "Y", mail: "y@x.example", "manager@delta": [{ id: "42" }] }, true);
    expect(odd.change).toMatchObject({ managerId: null });
    expect(odd.problem).toMatchObject({ kind: "invalid_user" });
  });

  it("cuts text longer than the directory holds rather than failing the page", () => {
    const { change } = changeOf({ id, displayName: "N".repeat(400), mail: "n@x.example", department: "D".repeat(300) }, true);
    expect(change).toMatchObject({ fields: { displayName: "N".repeat(256), department: "D".repeat(128) } });
  });
});
