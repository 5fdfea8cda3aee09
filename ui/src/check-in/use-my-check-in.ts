import { useState, type FormEvent } from "react";
import { CheckInInput, type CheckIn } from "@tandem/core";
import type { Call } from "../api/api-client";
import { useResource } from "../api/use-resource";
import { fieldMessage, fieldState, zodFieldErrors, type FieldErrors } from "../forms/field-errors";
import { useSubmit } from "../forms/use-submit";
import { useUiI18n } from "../i18n/react";

interface Answers {
  learned: string;
  willTry: string;
  rating: number;
}

const answersOf = (mine: Pick<CheckIn, "learned" | "willTry" | "rating"> | null | undefined): Answers => ({
  learned: mine?.learned ?? "",
  willTry: mine?.willTry ?? "",
  rating: mine?.rating ?? 0,
});

/**
 * My check-in on a session, as the tab's dialog and the add-in's form both edit it: my earlier answers (with
 * their ETag) loaded first, then validated with the contract and saved. Until I change an answer, the form shows
 * what was loaded.
 */
export function useMyCheckIn(options: { call: Call; meId: string; tandemId: string; sessionId: string; onSaved(): void }) {
  const { call, meId, tandemId, sessionId } = options;
  const { t } = useUiI18n();
  const params = { id: tandemId, sessionId };
  const mine = useResource(
    async () => (await call("listCheckIns", { params })).data.items.find((c) => c.personId === meId) ?? null,
    [tandemId, sessionId],
  );
  const [edited, setEdited] = useState<Answers | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState(false);
  const save = useSubmit();
  const answers = edited ?? answersOf(mine.data);
  const change = (patch: Partial<Answers>) => setEdited({ ...answers, ...patch });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = CheckInInput.safeParse(answers);
    if (!parsed.success) {
      const out = zodFieldErrors(parsed.error, t);
      // Leaving the rating out is the one mistake people make most: it gets words of its own.
      if (out.rating) out.rating = t("checkin.ratingNeeded");
      setErrors(out);
      return;
    }
    setErrors({});
    setSent(true);
    const etag = mine.data?.etag;
    const saved = await save.send(async () => {
      await call("putMyCheckIn", { params, body: parsed.data, ...(etag ? { ifMatch: etag } : {}) });
    });
    if (saved) options.onSaved();
  };

  return {
    ...answers,
    setLearned: (learned: string) => change({ learned }),
    setWillTry: (willTry: string) => change({ willTry }),
    setRating: (rating: number) => change({ rating }),
    /** What went wrong loading my answers, until I send them; then what went wrong sending them. */
    problem: sent ? save.problem : mine.error,
    saving: save.sending,
    loaded: !mine.loading,
    submit,
    /** Props for the Fluent `Field` of `learned`, `willTry` or `rating`. */
    field: (name: keyof Answers) => {
      const sent = save.fieldProblems[name];
      return fieldState(errors[name] ?? (sent && fieldMessage(sent, t)));
    },
  };
}

export type MyCheckIn = ReturnType<typeof useMyCheckIn>;
