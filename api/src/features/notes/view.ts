import type { Note, NoteView, Versioned } from "@tandem/core";
import { withEtag } from "../../platform/versions";

export const noteView = (n: Versioned<Note>): NoteView => withEtag(n);
