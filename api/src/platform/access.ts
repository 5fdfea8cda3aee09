import {
  TandemError,
  isParticipant,
  relationTo,
  type Access,
  type Directory,
  type DirectoryPerson,
  type Placed,
  type Repositories,
  type Tandem,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "./auth";

/** A caller let into a tandem: the tandem as read to decide, and how the caller relates to it. */
export interface TandemAccess {
  tandem: Versioned<Tandem>;
  relation: "mentor" | "mentee" | "coordinator";
}
export interface MemberAccess extends TandemAccess {
  relation: "mentor" | "mentee";
}
export interface ManagerAccess {
  /** Direct and indirect reports, from the directory. */
  reports: DirectoryPerson[];
  /** The manager's place in the tree, and each report's: what the reports' aggregates are kept by. */
  path: string;
  placed: Placed[];
}

/** What an access level hands the service once it lets the caller in: what it read to decide, never read again. */
export type Grant<X extends Access> = X extends "member"
  ? MemberAccess
  : X extends "member-or-coordinator"
    ? TandemAccess
    : X extends "manager"
      ? ManagerAccess
      : undefined;

type ReadMethods = "get" | "list" | "listForPerson" | "listAll" | "find";
/** Storage, read only: what may start before access is decided, since it changes nothing and reaches no one. */
export type Reads = { [K in keyof Repositories]: Pick<Repositories[K], Extract<keyof Repositories[K], ReadMethods>> };

export interface Gate {
  reads: Reads;
  /**
   * Lets the caller in at `level` or throws what they are told: 403 when they may know what they may not do, 404
   * when they must not even learn that the tandem exists. `tandemId` is needed by the tandem levels only.
   */
  check<X extends Access>(level: X, caller: Caller | null, tandemId?: string): Promise<Grant<X>>;
}

export const tandemNotFound = () => new TandemError("not_found", "This tandem was not found.");

/** The one place that decides who may call what (the contracts' `access`), from the tandem or the directory. */
export function createGate(deps: { repos: Repositories; directory: Directory }): Gate {
  async function tandemFor(caller: Caller, tandemId: string): Promise<TandemAccess> {
    const tandem = await deps.repos.tandems.get(caller.tenantId, tandemId);
    const relation = tandem ? relationTo(tandem.value, { id: caller.userId, coordinator: caller.coordinator }) : "none";
    if (!tandem || relation === "none") throw tandemNotFound();
    return { tandem, relation };
  }

  async function grant(level: Access, caller: Caller | null, tandemId?: string): Promise<unknown> {
    if (level === "anyone") return undefined;
    if (!caller) throw new TandemError("internal", `An endpoint open to "${level}" needs a signed-in caller: declare auth "user".`);
    switch (level) {
      case "signed-in":
      case "self":
        return undefined;
      case "coordinator":
        if (!caller.coordinator) throw new TandemError("forbidden", "Only a program coordinator may do this.");
        return undefined;
      case "manager": {
        const team = await deps.directory.teamOf(caller.tenantId, caller.userId);
        if (!team || team.reports.length === 0) throw new TandemError("forbidden", "Only managers may do this: you have no reports in the directory.");
        return { reports: team.reports.map((r) => r.person), path: team.path, placed: team.reports } satisfies ManagerAccess;
      }
      case "member":
      case "member-or-coordinator": {
        const access = await tandemFor(caller, tandemId!);
        if (level === "member" && !isParticipant(access.relation)) {
          throw new TandemError("forbidden", "Only the members of a tandem may do this; a coordinator reads it but does not act in it.");
        }
        return access;
      }
    }
  }

  return {
    reads: deps.repos,
    check: (level, caller, tandemId) => grant(level, caller, tandemId) as never,
  };
}
