import { TandemError } from "@tandem/core";
import type { Caller } from "./auth";

export function requireCoordinator(caller: Caller, what: string): void {
  if (!caller.coordinator) throw new TandemError("forbidden", `Only a program coordinator may ${what}.`);
}

export const withEtag = <T>(v: { value: T; etag: string }) => ({ ...v.value, etag: v.etag });
