import { describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import type { Session } from "@tandem/core";
import { CheckInDialog } from "../src/features/sessions/CheckInDialog";
import { fakeApi, meOf, nextEtag, profileOf, renderView } from "./render";

const me = meOf(profileOf({ programRoles: ["mentee"], offers: [] }));
const tandemId = "5d7c3f0a-1b2e-4c3d-8e9f-0a1b2c3d4e5f";
const session: Session = {
  id: "5d7c3f0a-1b2e-4c3d-8e9f-0a1b2c3d4e60",
  tandemId,
  start: "2026-11-20T14:00:00.000Z",
  end: "2026-11-20T14:45:00.000Z",
  timeZone: "Europe/Paris",
  graphEventId: null,
  iCalUId: null,
  joinUrl: null,
  teamsMeetingUnavailable: false,
  recurrence: null,
  seriesId: null,
  status: "held",
  createdAt: "2026-11-01T09:00:00.000Z",
  updatedAt: "2026-11-01T09:00:00.000Z",
};

function checkInApi() {
  return fakeApi({
    listCheckIns: () => ({ items: [] }),
    putMyCheckIn: ({ body }) => ({
      ...(body as object),
      sessionId: session.id,
      personId: me.id,
      createdAt: "2026-11-20T15:00:00.000Z",
      updatedAt: "2026-11-20T15:00:00.000Z",
      etag: nextEtag(),
    }),
  });
}

describe("the check-in dialog", () => {
  it("asks for a rating in plain words before sending anything, then saves the three answers", async () => {
    const fake = checkInApi();
    const onSaved = vi.fn();
    const { user } = renderView(<CheckInDialog target={{ tandemId, session }} onClose={() => undefined} onSaved={onSaved} />, { fake, me });
    await user.type(await screen.findByRole("textbox", { name: "What I learned" }), "Sharing a window, not my whole screen.");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Choose a rating, from 1 to 5.")).toBeTruthy();
    expect(fake.callsTo("putMyCheckIn")).toHaveLength(0);

    await user.click(screen.getByRole("radio", { name: "4 out of 5" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(fake.callsTo("putMyCheckIn")[0]!.input.body).toEqual({ learned: "Sharing a window, not my whole screen.", willTry: "", rating: 4 });
    expect(screen.queryByText("Choose a rating, from 1 to 5.")).toBeNull();
  });

  it("says it in French too", async () => {
    const { user } = renderView(<CheckInDialog target={{ tandemId, session }} onClose={() => undefined} onSaved={() => undefined} />, {
      fake: checkInApi(),
      me,
      locale: "fr-FR",
    });
    await user.click(await screen.findByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Choisissez une note, de 1 à 5.")).toBeTruthy();
  });
});
