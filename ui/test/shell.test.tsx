import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { Me } from "@tandem/core";
import {
  WebShell,
  bindI18n,
  checkInFieldMessages,
  defineMessages,
  sharedMessages,
  startSignIn,
  type HostSession,
  type Platform,
  type SignInOptions,
} from "../src/index";
// The component tests' page: a clean document for each test.
import "../testing/render";

/**
 * The web shell that the tab and the add-in share, with a stand-in host: signing in, the boot states and their
 * words, the host's language and theme. Each app's own tests cover the views it renders inside.
 */
type Look = "light" | "dark";

const words = defineMessages({
  en: {
    ...sharedMessages.en,
    ...checkInFieldMessages.en,
    "error.unauthenticated": "Your sign-in has expired.",
    "signin.outsideHost": "Open Tandem from the test host.",
  },
  fr: {
    ...sharedMessages.fr,
    ...checkInFieldMessages.fr,
    "error.unauthenticated": "Votre connexion a expiré.",
    "signin.outsideHost": "Ouvrez Tandem depuis l'hôte de test.",
  },
});
const { createI18n } = bindI18n(words);

const platform: Platform<Look> = {
  name: "test",
  themes: ["light", "dark"],
  fluentTheme: { now: (t) => (t === "dark" ? webDarkTheme : webLightTheme), load: async (t) => (t === "dark" ? webDarkTheme : webLightTheme) },
};

const me: Me = {
  id: "5d1c3f0a-8d1e-4b7a-9c2e-1f3a4b5c6d01",
  tenantId: "6b1f6a4e-2f5c-4a53-9a43-0c7c2c1d5b10",
  displayName: "Léa Fontaine",
  roles: ["mentor"],
  profile: null,
  enrolments: [],
  directory: null,
};

/** The api, as fetch reaches it: /me and /tandems answer, and every request is noted with its token. */
function stubApi(answer: (path: string) => Response | Promise<Response> = (path) => Response.json(path.endsWith("/me") ? me : { items: [] })) {
  const asked: { path: string; authorization: string | null }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      const path = new URL(url).pathname;
      asked.push({ path, authorization: new Headers(init.headers).get("authorization") });
      return answer(path);
    }),
  );
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderShell<H extends HostSession<Look>>(options: SignInOptions<H, Promise<unknown>>, describeFailure?: (error: unknown) => string | undefined) {
  const started = startSignIn(options);
  render(
    <WebShell
      started={started}
      platform={platform}
      createI18n={createI18n}
      starting={<p>Signing in…</p>}
      describeFailure={describeFailure && ((error) => describeFailure(error))}
    >
      {(signedIn) => <p>{`Hello ${signedIn.me.displayName}`}</p>}
    </WebShell>,
  );
  return started;
}

const root = () => document.querySelector<HTMLElement>("[data-theme]")!;

describe("the web shell", () => {
  it("inside its host, signs in with the host's token, starts /me and the app's first requests at once, and follows the host's language and theme live", async () => {
    const asked = stubApi();
    let themeChanged: ((theme: Look) => void) | undefined;
    const host: HostSession<Look> = {
      locale: "fr-CA",
      theme: "dark",
      getToken: async () => "host-token",
      onThemeChange: (handler) => void (themeChanged = handler),
    };
    renderShell({ connect: async () => host, first: (call) => call("listTandems") });

    expect(await screen.findByText("Hello Léa Fontaine")).toBeTruthy();
    expect(asked).toEqual([
      { path: "/api/me", authorization: "Bearer host-token" },
      { path: "/api/tandems", authorization: "Bearer host-token" },
    ]);
    expect(document.documentElement.lang).toBe("fr");
    // Shown once loaded: a host theme may come in a chunk of its own.
    await vi.waitFor(() => expect(root().dataset.theme).toBe("dark"));
    expect(root().dataset.inTest).toBe("true");

    act(() => themeChanged!("light"));
    await vi.waitFor(() => expect(root().dataset.theme).toBe("light"));
  });

  it("shows what the app gives while signing in", async () => {
    stubApi();
    renderShell({ connect: () => new Promise(() => undefined), first: async () => undefined });
    expect(await screen.findByText("Signing in…")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("outside its host, a production build says where to open Tandem from, and asks the api nothing", async () => {
    const asked = stubApi();
    renderShell({ connect: async () => null, first: async () => undefined });
    expect((await screen.findByRole("alert")).textContent).toBe("Open Tandem from the test host.");
    expect(asked).toEqual([]);
    expect(root().dataset.inTest).toBe("false");
  });

  it("tells in the person's words why signing in failed: the api out of reach, or a sign-in that expired", async () => {
    stubApi(() => Promise.reject(new TypeError("Failed to fetch")));
    renderShell({ connect: async () => ({ locale: "en-GB", theme: "light", getToken: async () => "t" }), first: async () => undefined });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "We could not sign you in to Tandem: Tandem cannot be reached. Check your connection and try again.",
    );
  });

  it("in French too, from the host's language", async () => {
    stubApi(() => Response.json({ code: "unauthenticated", detail: "expired" }, { status: 401 }));
    renderShell({ connect: async () => ({ locale: "fr-FR", theme: "light", getToken: async () => "t" }), first: async () => undefined });
    expect((await screen.findByRole("alert")).textContent).toBe("Impossible de vous connecter à Tandem : Votre connexion a expiré.");
  });

  it("lets the app word the failures only it knows, and words the others itself", async () => {
    class HostRefused extends Error {}
    stubApi();
    renderShell({ connect: () => Promise.reject(new HostRefused("no")), first: async () => undefined }, (e) =>
      e instanceof HostRefused ? "The host refused." : undefined,
    );
    expect((await screen.findByRole("alert")).textContent).toBe("The host refused.");
  });
});
