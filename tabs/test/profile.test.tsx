import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { ApiError } from "@tandem/ui";
import ProfileView from "../src/features/profile/ProfileView";
import { fakeApi, meOf, nextEtag, profileOf, renderView, skillList } from "./render";
import { cycleOf, pastCycle } from "./matching-data";

/** The profile offers to enrol in the cycle open for matching when it has its own enrolment: none here. */
const noCycles = () => ({ items: [] });
const field = (control: HTMLElement) => control.closest<HTMLElement>(".fui-Field")!;
/** Fluent announces each field's error as an alert too. */
const alerts = () => screen.getAllByRole("alert").map((a) => a.textContent);

describe("the profile view", () => {
  it("explains the program to a newcomer and prefills the form from the directory (in French)", async () => {
    const fake = fakeApi({ listSkills: skillList, listCycles: noCycles });
    renderView(<ProfileView />, { fake, me: meOf(null), locale: "fr-FR" });

    expect(screen.getByRole("heading", { level: 1, name: "Mon profil" })).toBeTruthy();
    const join = screen.getByRole("heading", { level: 2, name: "Rejoindre le programme de mentorat inversé" });
    expect(join.parentElement!.textContent).toMatch(/de jeunes collègues partagent leurs compétences numériques .* avec des collègues seniors/);

    expect((screen.getByRole("combobox", { name: /Fuseau horaire/ }) as HTMLInputElement).value).toBe("America/Toronto");
    expect((screen.getByRole("checkbox", { name: "Français" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("checkbox", { name: "English" }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole("checkbox", { name: "Je veux apprendre" }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByRole("button", { name: "Enregistrer mon profil" })).toBeTruthy();
  });

  it("does not send an incomplete profile: each problem shows on its field", async () => {
    const fake = fakeApi({ listSkills: skillList, listCycles: noCycles });
    const { user } = renderView(<ProfileView />, { fake, me: meOf(null) });

    await user.click(screen.getByRole("button", { name: "Add a skill I want to learn" }));
    // Français was prefilled from the directory; untick it.
    await user.click(screen.getByRole("checkbox", { name: "Français" }));
    await user.click(screen.getByRole("button", { name: "Save my profile" }));

    expect(alerts()).toContainEqual(expect.stringContaining("Some answers need a change"));
    expect(screen.getByText("Choose at least one: learn or teach.")).toBeTruthy();
    expect(screen.getByText("Choose at least one language.")).toBeTruthy();
    const skill = screen.getByRole("combobox", { name: /^Skill/ });
    expect(field(skill).textContent).toContain("Choose a skill from the list.");
    expect(skill.getAttribute("aria-invalid")).toBe("true");
    expect(fake.callsTo("putMyProfile")).toHaveLength(0);
  });

  it("saves a profile with If-Match, says so, and reloads /me", async () => {
    const profile = profileOf({ programRoles: ["mentor", "mentee"], capacity: 2 });
    let stored = profile;
    const fake = fakeApi({
      listCycles: noCycles,
      listSkills: skillList,
      putMyProfile: ({ body }) => {
        stored = { ...stored, ...(body as object), etag: nextEtag() };
        return stored;
      },
      getMe: () => meOf(stored),
    });
    const { user } = renderView(<ProfileView />, { fake, me: meOf(profile) });

    expect(screen.queryByRole("heading", { name: /Join the reverse-mentoring program/ })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Add a skill I want to learn" }));
    const requests = screen.getByRole("group", { name: "Skills I want to learn" });
    await user.click(within(requests).getByRole("combobox", { name: /^Skill/ }));
    await user.click(screen.getByRole("option", { name: "Copilot in Microsoft 365" }));
    await user.type(within(requests).getByRole("textbox", { name: /^Why/ }), "Résumer");
    const capacity = screen.getByRole("spinbutton", { name: /How many mentees/ });
    await user.clear(capacity);
    await user.type(capacity, "3");
    await user.tab();
    await user.click(screen.getByRole("switch", { name: "Pause my participation" }));
    await user.click(screen.getByRole("button", { name: "Save my profile" }));

    expect(await screen.findByText("Your profile is saved.")).toBeTruthy();
    const [put] = fake.callsTo("putMyProfile");
    expect(put!.input.ifMatch).toBe(profile.etag);
    expect(put!.input.body).toEqual({
      programRoles: ["mentor", "mentee"],
      offers: [{ skillId: "excel-power-query", level: "advanced" }],
      requests: [{ skillId: "copilot-in-m365", why: "Résumer", urgency: "medium" }],
      languages: ["fr", "en"],
      timeZone: "Europe/Paris",
      capacity: 3,
      paused: true,
    });
    expect(fake.callsTo("getMe")).toHaveLength(1);
    // The form now shows what was saved.
    expect((screen.getByRole("textbox", { name: /^Why/ }) as HTMLInputElement).value).toBe("Résumer");
  });

  it("on 412 shows the conflict with a Reload button and keeps the draft; Reload shows the stored version", async () => {
    const profile = profileOf({ programRoles: ["mentee"], requests: [{ skillId: "teams-meetings", why: "", urgency: "low" }] });
    const newer = { ...profile, requests: [{ skillId: "teams-meetings", why: "Changé ailleurs", urgency: "high" as const }], etag: nextEtag() };
    const fake = fakeApi({
      listCycles: noCycles,
      listSkills: skillList,
      putMyProfile: () => {
        throw new ApiError(412, "precondition_failed", "It was changed elsewhere: reload and try again.");
      },
      getMe: () => meOf(newer),
    });
    const { user } = renderView(<ProfileView />, { fake, me: meOf(profile) });

    const why = screen.getByRole("textbox", { name: /^Why/ });
    await user.type(why, "Animer");
    await user.click(screen.getByRole("button", { name: "Save my profile" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("This was changed elsewhere in the meantime");
    expect((screen.getByRole("textbox", { name: /^Why/ }) as HTMLInputElement).value).toBe("Animer");
    expect(fake.callsTo("putMyProfile")[0]!.input.ifMatch).toBe(profile.etag);

    await user.click(within(alert).getByRole("button", { name: "Reload" }));
    expect(fake.callsTo("getMe")).toHaveLength(1);
    expect(((await screen.findByDisplayValue("Changé ailleurs")) as HTMLInputElement).value).toBe("Changé ailleurs");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows the api's field errors on the fields they name", async () => {
    const fake = fakeApi({
      listCycles: noCycles,
      listSkills: skillList,
      putMyProfile: () => {
        throw new ApiError(400, "validation", "Check /timeZone: an IANA time zone such as Europe/Paris.", [
          { pointer: "/timeZone", detail: "an IANA time zone such as Europe/Paris" },
        ]);
      },
    });
    const { user } = renderView(<ProfileView />, { fake, me: meOf(profileOf()) });
    await user.click(screen.getByRole("button", { name: "Save my profile" }));

    const zone = await screen.findByRole("combobox", { name: /Time zone/ });
    expect(field(zone).textContent).toContain("Choose a time zone from the list, such as Europe/Paris.");
    expect(alerts()).toContainEqual(expect.stringContaining("Tandem could not accept some answers"));
  });

  it("adds and removes skill rows with the keyboard alone", async () => {
    const fake = fakeApi({ listSkills: skillList, listCycles: noCycles });
    const { user } = renderView(<ProfileView />, { fake, me: meOf(profileOf({ offers: [] })) });
    const offers = screen.getByRole("group", { name: "Skills I can teach" });
    const add = within(offers).getByRole("button", { name: "Add a skill I can teach" });

    add.focus();
    await user.keyboard("{Enter}");
    const skill = within(offers).getByRole("combobox", { name: /^Skill/ });
    expect(document.activeElement).toBe(skill);
    await user.keyboard("{Enter}");
    // The list is in alphabetical order: Copilot, Excel, Teams.
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Copilot in Microsoft 365", "Excel: Power Query", "Teams meetings"]);
    await user.keyboard("{ArrowDown}{Enter}");
    expect(skill.textContent).toBe("Excel: Power Query");

    const remove = within(offers).getByRole("button", { name: "Remove Excel: Power Query" });
    remove.focus();
    await user.keyboard("{Enter}");
    expect(within(offers).queryByRole("combobox", { name: /^Skill/ })).toBeNull();
    expect(document.activeElement).toBe(add);
  });

  it("asks for a capacity only from mentors, and explains what pausing does", async () => {
    const fake = fakeApi({ listSkills: skillList, listCycles: noCycles });
    const { user } = renderView(<ProfileView />, { fake, me: meOf(profileOf({ programRoles: ["mentee"], offers: [], capacity: 0 })) });

    expect(screen.queryByRole("spinbutton", { name: /How many mentees/ })).toBeNull();
    await user.click(screen.getByRole("checkbox", { name: "I can teach" }));
    expect((screen.getByRole("spinbutton", { name: /How many mentees/ }) as HTMLInputElement).value).toBe("1");

    const pause = screen.getByRole("switch", { name: "Pause my participation" });
    const explanation = document.getElementById(pause.getAttribute("aria-describedby")!)!;
    expect(explanation.textContent).toMatch(/propose no new tandem/);
  });

  it("enrols in the cycle open for matching as the roles chosen, and withdraws", async () => {
    const profile = profileOf({ programRoles: ["mentor", "mentee"], requests: [{ skillId: "excel-power-query", why: "", urgency: "low" }] });
    let enrolments: { cycleId: string; roles: ("mentor" | "mentee")[] }[] = [];
    const fake = fakeApi({
      listSkills: skillList,
      listCycles: () => ({ items: [pastCycle(), cycleOf()] }),
      enrolInCycle: (input) => {
        enrolments = [{ cycleId: cycleOf().id, roles: (input.body as { roles: ("mentor" | "mentee")[] }).roles }];
        return enrolments[0]!;
      },
      leaveCycle: () => {
        enrolments = [];
        return {};
      },
      getMe: () => meOf(profile, { enrolments }),
    });
    const { user } = renderView(<ProfileView />, { fake, me: meOf(profile) });

    const card = await screen.findByRole("region", { name: "Cycle 3 : service client et IA is open for matching" });
    expect(within(card).getByRole("status").textContent).toBe("This cycle matches only the people who enrol in it: enrol to be proposed a partner.");
    await user.click(within(card).getByRole("checkbox", { name: "mentor (I can teach)" }));
    await user.click(within(card).getByRole("button", { name: "Enrol in this cycle" }));
    expect(fake.callsTo("enrolInCycle")[0]!.input).toMatchObject({ params: { cycleId: cycleOf().id }, body: { roles: ["mentee"] } });
    expect(await screen.findByText("You are enrolled as mentee (I want to learn).")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Withdraw from this cycle" }));
    expect(fake.callsTo("leaveCycle")).toHaveLength(1);
    expect(await screen.findByRole("button", { name: "Enrol in this cycle" })).toBeTruthy();
  });

  it("offers no enrolment when the open cycle takes everyone with a profile", async () => {
    const fake = fakeApi({ listSkills: skillList, listCycles: () => ({ items: [cycleOf({ enrolment: "profile" })] }) });
    renderView(<ProfileView />, { fake, me: meOf(profileOf()) });
    await screen.findByRole("button", { name: "Save my profile" });
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.callsTo("listCycles")).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Enrol in this cycle" })).toBeNull();
  });
});
