import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, fieldMessage, fieldState, useSubmit, type FieldProblems } from "@tandem/ui";
import { useSession } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { check, draftOf, problemKey, rowKey, type Draft } from "./draft";

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The profile form's state: the draft, what is wrong with it (checked before sending, or told by the api), saving
 * with the profile's ETag, and where keyboard focus goes when a row is added or removed.
 */
export function useProfileForm({ onSaved, onEdit }: { onSaved(): void; onEdit(): void }) {
  const { t, locale } = useI18n();
  const { me, call, refreshMe } = useSession();
  const [draft, setDraft] = useState<Draft>(() => draftOf(me, locale, browserTimeZone));
  // Found before sending; once sent, the api's.
  const [checked, setChecked] = useState<FieldProblems>({});
  const save = useSubmit();
  const problems = Object.keys(checked).length > 0 ? checked : save.fieldProblems;

  // Keyboard users land on what they just added, or back on the add button after removing a row.
  const focusables = useRef(new Map<string, HTMLElement | null>());
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    focusables.current.get(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const update = (change: (d: Draft) => Draft) => {
    setDraft(change);
    onEdit();
  };

  /** A field's problem in the person's words: the form's own for the fields it knows, else the shared ones by its kind. */
  const message = (path: string): string | undefined => {
    const p = problems[path];
    if (!p) return undefined;
    const key = problemKey(path, p);
    return key ? t(key) : fieldMessage(p, t);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    save.clear();
    const result = check(draft);
    setChecked(result.ok ? {} : result.problems);
    if (!result.ok) return;
    await save.send(async () => {
      await call("putMyProfile", { body: result.input, ...(me.profile ? { ifMatch: me.profile.etag } : {}) });
      onSaved();
      // The new version re-mounts this form from what was saved.
      await refreshMe();
    });
  };

  return {
    me,
    draft,
    update,
    saving: save.sending,
    submit,
    /** A problem with saving (the api's), told by ErrorNotice. */
    problem: save.problem,
    conflict: save.problem instanceof ApiError && save.problem.isConflict,
    /** Some field has a problem: the form says so at its top. */
    hasProblems: Object.keys(problems).length > 0,
    message,
    /** Props for a Fluent `Field`: the first problem of these paths. */
    field: (...paths: string[]) => fieldState(paths.map(message).find((x) => x !== undefined)),
    reload: () => void refreshMe(),
    /** A ref callback: the element keyboard focus can be sent to, by key. */
    focusable: (key: string) => (el: HTMLElement | null) => void focusables.current.set(key, el),
    focus: setFocusTarget,
    newKey: rowKey,
  };
}

export type ProfileForm = ReturnType<typeof useProfileForm>;
